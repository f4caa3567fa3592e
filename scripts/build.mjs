// Builds dist/esm (ESM) and dist/cjs (CommonJS) from the same sources with tsc.
// The CLI is ESM only; everything importable is built twice so require() works without require(esm).
import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');

rmSync(join(root, 'dist'), { recursive: true, force: true });
for (const project of ['tsconfig.build.json', 'tsconfig.cjs.json']) {
  execFileSync(process.execPath, [tsc, '-p', join(root, project)], { stdio: 'inherit', cwd: root });
  // The JavaScript again without comments: the helper's install stays small (koffi is most of its
  // 5 MB budget); the declarations keep theirs for editors.
  // No source maps for it: they would map the commented output, and the package does not ship them.
  execFileSync(process.execPath, [tsc, '-p', join(root, project), '--removeComments', '--declaration', 'false', '--declarationMap', 'false', '--sourceMap', 'false'], { stdio: 'inherit', cwd: root });
}
dropSourceMapComments(join(root, 'dist'));
// The CLI is no typed export (package.json "./cli" names no types); the engine's inner declarations
// are read by tsc, never by a person: their comments go, the public API's stay (5 MB budget).
rmDeclarations(join(root, 'dist/esm/src/cli'));
for (const build of ['esm', 'cjs']) for (const dir of ['src/analysis', 'src/rewrite', 'rules']) stripDeclarationComments(join(root, 'dist', build, dir));
// The same for the inner files of the codemod and ts-morph entries, and src/internal: their public
// declarations (index.d.ts, transform.d.ts) keep their comments.
for (const build of ['esm', 'cjs']) for (const dir of ['src/codemod', 'src/ts-morph', 'src/internal']) stripDeclarationComments(join(root, 'dist', build, dir), ['index.d.ts', 'transform.d.ts']);
// Files under dist/cjs are CommonJS whatever the root package.json says.
mkdirSync(join(root, 'dist/cjs'), { recursive: true });
writeFileSync(join(root, 'dist/cjs/package.json'), '{ "type": "commonjs" }\n');
// See src/internal/node-require.ts: CommonJS has its own require.
writeFileSync(
  join(root, 'dist/cjs/src/internal/node-require.js'),
  '"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.nodeRequire = require;\n',
);
chmodSync(join(root, 'dist/esm/src/cli/hermes-codemod.js'), 0o755);
// require('hermes-pid/eslint-plugin') is the plugin itself, as ESLint plugins are; `.default` still works.
appendFileSync(
  join(root, 'dist/cjs/src/eslint-plugin/index.js'),
  '\nmodule.exports = exports.default;\nObject.defineProperty(module.exports, "default", { value: module.exports });\nObject.defineProperty(module.exports, "__esModule", { value: true });\n',
);
writeCommonJsPluginTypes(join(root, 'dist/cjs/src/eslint-plugin'));
// tsc indents with four spaces; tabs keep every line where it was and cut the helper's install by
// about 65 KB, within its 5 MB budget (test/registry.test.ts).
indentWithTabs(join(root, 'dist'));

// The entry points that need optional peer dependencies: package.json's exports name these main.js
// files, which check the peers (naming any that is missing) before they load the entry itself.
const CLI_HINT = ', or run the hermes-codemod package, which brings them: npx hermes-codemod';
const ENGINE = ['espree', 'eslint-scope', 'typescript', '@typescript-eslint/typescript-estree', '@typescript-eslint/scope-manager', '@typescript-eslint/types'];
await writeCheckedEntry('src/eslint-plugin', 'hermes-pid/eslint-plugin', ['@typescript-eslint/utils', '@typescript-eslint/types']);
await writeCheckedEntry('src/codemod', 'hermes-pid/codemod', ENGINE);
// validate-npm-package-name: the API checks an importSource option as the CLI does.
await writeCheckedEntry('src/ts-morph', 'hermes-pid/ts-morph', [...ENGINE, 'ts-morph', 'validate-npm-package-name']);
await writeCheckedEntry('src/cli', 'hermes-codemod', [...ENGINE, 'commander', 'diff', 'globby', 'ignore', 'jsonc-parser', 'picocolors', 'validate-npm-package-name'], CLI_HINT, 'hermes-codemod.js');
// The codemod and ts-morph entries are the engine's, not the helper's: under require() they load the
// ESM build (require(esm), in every Node the engines field allows: no top-level await below index.js),
// so the engine is not shipped twice and the helper-only install stays within its 5 MB (koffi is 4.2).
// Their CommonJS declarations stay, for TypeScript's require condition.
for (const dir of ['src/codemod', 'src/ts-morph']) requireEsmBuild(dir);
// Declarations no exported type reaches are read by no one (the exports map closes deep imports):
// they go, within the helper's 5 MB install budget (test/registry.test.ts).
dropUnreachableDeclarations();

/** Writes <dir>/main.js in dist/esm (and dist/cjs unless the entry is ESM only). */
async function writeCheckedEntry(dir, entry, peers, hint = '', file = 'index.js') {
  const check = `assertPeersInstalled(${JSON.stringify(entry)}, ${JSON.stringify(peers)}, ${JSON.stringify(hint)});`;
  const header = '// Written by scripts/build.mjs: names a missing optional peer dependency before the entry loads.';
  const esm = join(root, 'dist/esm', dir);
  const names = file === 'index.js' ? Object.keys(await import(pathToFileURL(join(esm, file)).href)) : [];
  const named = names.filter((name) => name !== 'default');
  writeFileSync(
    join(esm, 'main.js'),
    [
      header,
      "import { assertPeersInstalled } from '../internal/peers.js';",
      check,
      // Imported only after the check: a static import would fail at link time, before any check ran.
      `const entry = await import('./${file}');`,
      ...(named.length > 0 ? [`export const { ${named.join(', ')} } = entry;`] : []),
      ...(names.includes('default') ? ['export default entry.default;'] : []),
      '',
    ].join('\n'),
  );
  const cjs = join(root, 'dist/cjs', dir);
  if (file !== 'index.js') return;
  writeFileSync(
    join(cjs, 'main.js'),
    [header, '"use strict";', `require('../internal/peers.js').${check}`, `module.exports = require('./${file}');`, ''].join('\n'),
  );
}

/**
 * The CommonJS declaration has to say what the code above does: `export =` the plugin (with its
 * `.default`), not `export default`. tsc's declaration moves to plugin.d.ts; index.d.ts re-exports its
 * types from a namespace merged with the plugin, since `export =` allows no other exports.
 */
function writeCommonJsPluginTypes(dir) {
  renameSync(join(dir, 'index.d.ts'), join(dir, 'plugin.d.ts'));
  renameSync(join(dir, 'index.d.ts.map'), join(dir, 'plugin.d.ts.map'));
  const declaration = readFileSync(join(dir, 'plugin.d.ts'), 'utf8').replace('index.d.ts.map', 'plugin.d.ts.map');
  writeFileSync(join(dir, 'plugin.d.ts'), declaration);
  const map = JSON.parse(readFileSync(join(dir, 'plugin.d.ts.map'), 'utf8'));
  writeFileSync(join(dir, 'plugin.d.ts.map'), JSON.stringify({ ...map, file: 'plugin.d.ts' }));

  const ts = require('typescript');
  const file = join(dir, 'plugin.d.ts');
  const program = ts.createProgram([file], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, noEmit: true, types: [] });
  const checker = program.getTypeChecker();
  const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(file)));
  const types = [];
  for (const symbol of exports) {
    if (symbol.name === 'default') continue;
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    if (target.flags & ts.SymbolFlags.Value) throw new Error(`src/eslint-plugin/index.ts exports the value ${symbol.name}; the CommonJS entry exports only the plugin`);
    types.push(symbol.name);
  }
  writeFileSync(
    join(dir, 'index.d.ts'),
    [
      '// Written by scripts/build.mjs: require() of this entry returns the plugin itself.',
      "import type * as Types from './plugin.js';",
      'declare const plugin: Types.HermesPidPlugin & { readonly default: Types.HermesPidPlugin };',
      'declare namespace plugin {',
      ...types.sort().map((name) => `  export type ${name} = Types.${name};`),
      '}',
      'export = plugin;',
      '',
    ].join('\n'),
  );
}

/**
 * The package ships no .map (package.json "files"), so no file in it may name one: the .js maps of the
 * first pass go, and each .d.ts loses its `//# sourceMappingURL=` line (its map stays for this checkout).
 */
/** Removes each .d.ts (and its map) under dist that package.json's `types` and exports' types conditions do not reach through relative imports. */
function dropUnreachableDeclarations() {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const entries = [];
  const collect = (value) => {
    if (typeof value === 'string') {
      if (value.endsWith('.d.ts')) entries.push(join(root, value));
    } else if (value !== null && typeof value === 'object') for (const inner of Object.values(value)) collect(inner);
  };
  collect(pkg.exports);
  if (typeof pkg.types === 'string') entries.push(join(root, pkg.types));
  const reached = new Set();
  const resolveDeclaration = (from, specifier) => {
    const target = join(dirname(from), specifier);
    for (const candidate of [target.replace(/\.[cm]?js$/, '.d.ts'), `${target}.d.ts`, join(target, 'index.d.ts')]) if (existsSync(candidate)) return candidate;
    return undefined;
  };
  const pending = entries.filter((entry) => existsSync(entry));
  while (pending.length > 0) {
    const file = pending.pop();
    if (reached.has(file)) continue;
    reached.add(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\bfrom\s*['"](\.{1,2}\/[^'"]*)['"]|\bimport\(\s*['"](\.{1,2}\/[^'"]*)['"]\s*\)|\bimport\s*['"](\.{1,2}\/[^'"]*)['"]|<reference\s+path=['"]([^'"]+)['"]/g)) {
      const next = resolveDeclaration(file, match[1] ?? match[2] ?? match[3] ?? match[4]);
      if (next !== undefined) pending.push(next);
    }
  }
  if (reached.size === 0) throw new Error('build: no exported declaration found (package.json exports)');
  for (const entry of readdirSync(join(root, 'dist'), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.d.ts')) continue;
    const file = join(entry.parentPath, entry.name);
    if (reached.has(file)) continue;
    rmSync(file);
    rmSync(`${file}.map`, { force: true });
  }
}

function rmDeclarations(dir) {
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && /\.d\.ts(\.map)?$/.test(entry.name)) rmSync(join(entry.parentPath, entry.name));
  }
}

/** dist/cjs/<dir>: index.js loads dist/esm/<dir>/index.js; its other JavaScript goes (main.js stays). */
function requireEsmBuild(dir) {
  const cjs = join(root, 'dist/cjs', dir);
  for (const entry of readdirSync(cjs, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.js') && !(entry.parentPath === cjs && entry.name === 'main.js')) rmSync(join(entry.parentPath, entry.name));
  }
  const esm = `${dir.split('/').map(() => '..').join('/')}/../esm/${dir}/index.js`;
  writeFileSync(join(cjs, 'index.js'), `"use strict";\nmodule.exports = require(${JSON.stringify(esm)});\n`);
}

/** Reprints each .d.ts without comments, with TypeScript's own printer (no text surgery on types). */
function stripDeclarationComments(dir, keep = []) {
  const ts = require('typescript');
  const printer = ts.createPrinter({ removeComments: true });
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.d.ts') || keep.includes(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    writeFileSync(path, printer.printFile(source));
  }
}

function dropSourceMapComments(dir) {
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    if (entry.name.endsWith('.js.map')) rmSync(path);
    else if (/\.d\.[cm]?ts$/.test(entry.name)) writeFileSync(path, readFileSync(path, 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n'));
  }
}

/** Leading runs of four spaces become tabs in every .js and .d.ts under `dir`, except inside template literals. */
function indentWithTabs(dir) {
  const ts = require('typescript');
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.(js|d\.ts)$/.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    const text = readFileSync(path, 'utf8');
    const literals = [];
    const visit = (node) => {
      if (ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) literals.push([node.getStart(), node.end]);
      ts.forEachChild(node, visit);
    };
    visit(ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true));
    let offset = 0;
    const lines = text.split('\n').map((line) => {
      const start = offset;
      offset += line.length + 1;
      return literals.some(([from, to]) => start > from && start < to) ? line : line.replace(/^(?: {4})+/, (spaces) => '\t'.repeat(spaces.length / 4));
    });
    writeFileSync(path, lines.join('\n'));
  }
}
