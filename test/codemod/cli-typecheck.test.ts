// The typed pass (ts-morph) through real CLI runs on fixture trees: test/codemod/typed-fixtures/<case>/
// holds `input/` (a tree with its tsconfig.json), `output/` (the files a write run changes, as they must
// end; every other file stays byte-identical) and `case.json` ({ args, link?, typeErrors, sites? }).
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyTypedWrites } from '../../bench/support/verify-typed.js';
import { repoRoot } from '../support/scratch-project.js';
import { runCli } from './support.js';
import { PROBE_CJS, removeTempTrees, snapshot, tempTree } from './temp-tree.js';

interface Case {
  readonly args: readonly string[];
  /** Packages of this repository's node_modules linked into the tree (such as @types/node). */
  readonly link?: readonly string[];
  /** Per file: the TS codes its refused rewrite reports (a reason that is no diagnostic, such as a changed export, in full). */
  readonly typeErrors: Record<string, readonly string[]>;
  /** Per file: the shapes of the sites reported (when given). */
  readonly sites?: Record<string, readonly string[]>;
}

interface JsonReport {
  readonly files: readonly { path: string; status: string; typeErrors?: readonly string[]; sites: readonly { shape: string; action: string; reason?: string }[] }[];
  readonly summary: { sitesLeft: number; filesChanged: number };
}

const fixtures = join(repoRoot, 'test/codemod/typed-fixtures');

function treeOf(name: string, link: readonly string[] = []): string {
  const dir = tempTree({});
  cpSync(join(fixtures, name, 'input'), dir, { recursive: true });
  for (const pkg of link) {
    mkdirSync(join(dir, 'node_modules', pkg, '..'), { recursive: true });
    symlinkSync(join(repoRoot, 'node_modules', pkg), join(dir, 'node_modules', pkg), 'dir');
  }
  return dir;
}

afterAll(removeTempTrees);

describe('typed fixture trees', () => {
  for (const name of readdirSync(fixtures).sort()) {
    it(name, () => {
      const spec = JSON.parse(readFileSync(join(fixtures, name, 'case.json'), 'utf8')) as Case;
      const dir = treeOf(name, spec.link);
      const before = snapshot(dir);
      const run = runCli(['--force', '--json', '--write', ...spec.args, '.'], dir);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const report = JSON.parse(run.stdout) as JsonReport;
      const refused = Object.fromEntries(report.files.filter((f) => f.typeErrors !== undefined).map((f) => [f.path, f.typeErrors?.map((e) => (/^TS\d+ /.test(e) ? e.split(' ')[0] : e))]));
      expect(refused).toEqual(spec.typeErrors);
      if (spec.sites !== undefined) expect(Object.fromEntries(report.files.map((f) => [f.path, f.sites.map((s) => s.shape)]))).toEqual(spec.sites);
      const outputDir = join(fixtures, name, 'output');
      const expected = new Map(before);
      if (existsSync(outputDir)) for (const [path, bytes] of snapshot(outputDir)) expected.set(path, bytes);
      const after = snapshot(dir);
      expect([...after.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [path, bytes] of expected) expect(after.get(path)?.toString('utf8'), path).toBe(bytes.toString('utf8'));
    });
  }
});

describe("TypeScript's own compiler on the whole program after a write run (bench/support/verify-typed.ts)", () => {
  for (const name of readdirSync(fixtures).sort()) {
    it(`${name}: no file, written or not, gains a diagnostic`, async () => {
      const spec = JSON.parse(readFileSync(join(fixtures, name, 'case.json'), 'utf8')) as Case;
      const { worse } = await verifyTypedWrites(repoRoot, treeOf(name, spec.link), spec.args);
      expect(worse).toEqual([]);
    });
  }
});

describe('the typed pass in the report', () => {
  it('refuses a wrong-signature --import-source with its TS code in every report; --no-typecheck writes it', () => {
    const dir = treeOf('wrong-signature-import-source');
    const source = readFileSync(join(dir, 'src/alive.ts'), 'utf8');
    const args = ['--import-source', './src/wrapper'];
    const text = runCli(['--force', ...args, '.'], dir);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/Left for review:\n {2}src\/alive\.ts:3:5 {2}bare-catch-boolean: the rewrite would add a TypeScript error: TS2345 /);
    expect(readFileSync(join(dir, 'src/alive.ts'), 'utf8')).toBe(source);
    const sarif = JSON.parse(runCli(['--format', 'sarif', ...args, '.'], dir).stdout) as { runs: { results: { message: { text: string }; fixes?: unknown[] }[] }[] };
    expect(sarif.runs[0]?.results.map((r) => [r.message.text.includes('TS2345'), r.fixes])).toEqual([[true, undefined]]);
    // --check stays untyped (a file would change: exit 1 all the same); --check --typecheck counts a review site.
    const check = JSON.parse(runCli(['--check', '--json', ...args, '.'], dir).stdout) as JsonReport;
    expect(check.summary).toMatchObject({ filesChanged: 1, sitesLeft: 0 });
    const typedCheck = runCli(['--check', '--typecheck', '--json', ...args, '.'], dir);
    expect(typedCheck.status).toBe(1);
    expect((JSON.parse(typedCheck.stdout) as JsonReport).summary).toMatchObject({ filesChanged: 0, sitesLeft: 1 });
    const untyped = runCli(['--force', '--no-typecheck', ...args, '.'], dir);
    expect(untyped.status).toBe(0);
    expect(readFileSync(join(dir, 'src/alive.ts'), 'utf8')).toContain("import { pidIsAlive } from './wrapper';");
  });

  it('says once that TypeScript files in no tsconfig are not type-checked', () => {
    const probe = readFileSync(join(fixtures, 'local-name-clash/input/src/alive.ts'), 'utf8');
    const dir = tempTree({ 'a.ts': probe, 'b/b.ts': probe, 'package.json': '{ "type": "module" }\n' });
    const run = runCli(['--dry', '.'], dir);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('hermes-codemod: note: no tsconfig.json includes 2 TypeScript files to rewrite, so their rewrites are not type-checked (the report names them)\n');
    const json = JSON.parse(runCli(['--json', '.'], dir).stdout) as { files: { path: string; notTypeChecked?: string }[] };
    expect(json.files.map((f) => [f.path, f.notTypeChecked])).toEqual([
      ['a.ts', 'no tsconfig.json in its folder or above'],
      ['b/b.ts', 'no tsconfig.json in its folder or above'],
    ]);
  });

  it('names each TypeScript file it does not type-check, with why, in the text, --json and SARIF (a solution config that owns it not)', () => {
    const probe = readFileSync(join(fixtures, 'local-name-clash/input/src/alive.ts'), 'utf8');
    const dir = tempTree({
      'tsconfig.json': '{ "files": [], "references": [{ "path": "./tsconfig.app.json" }] }\n',
      'tsconfig.app.json': '{ "compilerOptions": { "composite": true, "strict": true, "module": "nodenext", "types": [] }, "include": ["src"] }\n',
      'src/in.ts': probe,
      'scripts/out.ts': probe,
      'package.json': '{ "type": "module" }\n',
    });
    const why = '../tsconfig.json does not include it, nor does any project it references or a tsconfig.json above';
    const json = JSON.parse(runCli(['--json', '.'], dir).stdout) as { files: { path: string; status: string; notTypeChecked?: string }[] };
    expect(json.files.map((f) => [f.path, f.status, f.notTypeChecked])).toEqual([
      ['scripts/out.ts', 'changed', why],
      ['src/in.ts', 'changed', undefined],
    ]);
    expect(runCli(['--dry', '.'], dir).stdout).toContain(`Not type-checked (rewritten without proof that no TypeScript error is added):\n  scripts/out.ts: ${why}\n`);
    const sarif = JSON.parse(runCli(['--format', 'sarif', '.'], dir).stdout) as { runs: { invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] }[] };
    const [invocation] = sarif.runs[0]?.invocations ?? [];
    expect(invocation?.executionSuccessful).toBe(true);
    expect(invocation?.toolExecutionNotifications.map((n) => [n.level, n.message.text, n.locations[0]?.physicalLocation.artifactLocation.uri])).toEqual([['warning', `Not type-checked: ${why}`, 'scripts/out.ts']]);
  });

  it('says ts-morph is not installed, and writes the untyped plan, when require() cannot find it', () => {
    // The pass requires ts-morph (src/ts-morph/ts-morph-module.ts): a preload makes it missing, as
    // require() reports a missing package (MODULE_NOT_FOUND).
    const hide = join(tempTree({}), 'hide-ts-morph.cjs');
    writeFileSync(
      hide,
      `const Module = require('module'); const resolve = Module._resolveFilename;
Module._resolveFilename = function (request) {
  if (request === 'ts-morph') throw Object.assign(new Error("Cannot find module 'ts-morph'"), { code: 'MODULE_NOT_FOUND' });
  return resolve.apply(this, arguments);
};\n`,
    );
    const dir = treeOf('local-name-clash');
    const run = runCli(['--force', '.'], dir, { NODE_OPTIONS: `--require ${JSON.stringify(hide)}` });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('note: ts-morph is not installed, so rewrites of TypeScript files are not type-checked');
    expect(readFileSync(join(dir, 'src/alive.ts'), 'utf8')).toBe(readFileSync(join(fixtures, 'local-name-clash/output/src/alive.ts'), 'utf8'));
  });

  it('never loads ts-morph or TypeScript for a JavaScript-only run, and does for TypeScript', () => {
    // A preload that logs, as it happens, every module loaded through CommonJS's loader, on every
    // thread (NODE_OPTIONS reaches workers; ESM imports of CommonJS go through Module._load too):
    // require.cache at exit would miss what a worker loads.
    const spy = join(tempTree({}), 'spy.cjs');
    writeFileSync(
      spy,
      `const Module = require('module'); const fs = require('fs'); const load = Module._load;
Module._load = function (request, parent, isMain) {
  const loaded = load.apply(this, arguments);
  try { fs.appendFileSync(process.env.SPY_OUT, Module._resolveFilename(request, parent, isMain) + '\\n'); } catch {}
  return loaded;
};\n`,
    );
    const loaded = (dir: string): string[] => {
      const out = join(dir, '..', 'loaded.txt');
      writeFileSync(out, '');
      expect(runCli(['--force', '.'], dir, { NODE_OPTIONS: `--require ${JSON.stringify(spy)}`, SPY_OUT: out }).status).toBe(0);
      const files = readFileSync(out, 'utf8').split('\n');
      expect(files.some((file) => file.includes('commander'))).toBe(true); // the spy saw the run's own loads
      return files.filter((file) => /[\\/]node_modules[\\/](?:ts-morph|@ts-morph|typescript|@typescript-eslint[\\/]typescript-estree)[\\/]/.test(file));
    };
    // Config files of every kind lying around: none says the run will parse TypeScript.
    const js = tempTree({ 'tsconfig.json': '{ "compilerOptions": { "allowJs": true } }\n', 'jsconfig.json': '{}\n', 'tsconfig.app.json': '{}\n', 'alive.js': PROBE_CJS, 'lib/other.js': PROBE_CJS });
    expect(loaded(js)).toEqual([]);
    expect(readFileSync(join(js, 'alive.js'), 'utf8')).toContain('pidIsAlive(');
    const ts = treeOf('local-name-clash');
    expect(loaded(ts).some((file) => file.includes('ts-morph'))).toBe(true);
  });
});
