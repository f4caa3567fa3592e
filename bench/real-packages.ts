// The real-package trial: published packages (`npm pack NAME@VERSION`, pinned), each unpacked into
// .cache/real-packages/repos/NAME and committed to a fresh git work tree (so a published dist/ is
// tracked code), then, as the README says, linted with configs.recommended (ESLint run from the
// package folder) and rewritten with `hermes-codemod .`. Checks, per package: every lint suggestion,
// all accepted, gives the codemod's bytes for that file; `node --check` passes on every changed
// JavaScript file; no `{"type": ...}` marker package.json changed; every file with a probe the codemod
// left alone is named in its summary (its path, or a folder it is in). Prints a table, writes
// .cache/real-packages/results.json, and exits 1 when a check fails.
// Run: npm run bench -- real-packages (REAL_PACKAGES=pm2,nodemon for some).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Pinned, so every run reads the same code. Dual builds, a committed dist/, old CommonJS daemons with octal escapes. */
export const PACKAGES = [
  'pm2@7.0.4', // CommonJS daemon, octal modes
  'forever-monitor@3.0.3', // CommonJS daemon, '\033' escapes, multi-line comments over the probe
  'forever@4.0.3', // CommonJS CLI, octal escapes
  'nodemon@3.1.14',
  '@puppeteer/browsers@2.9.0', // dual build: lib/esm/package.json {"type": "module"} (3.x is ESM only)
  '@remix-run/dev@2.17.5', // dual build
  'foreground-child@4.0.3', // tshy dual build: dist/esm and dist/commonjs markers
  'signal-exit@4.1.0', // tshy dual build
  'mongodb-memory-server-core@11.3.0', // lib/ build output with probes
  'verdaccio@6.8.0', // committed build/
  'webpack-dev-server@5.2.7',
  'jest-cli@30.5.2',
  '@nestjs/cli@12.0.8',
  'is-running@2.1.0', // the raw probe as a package
  'proper-lockfile@4.1.2',
  'find-process@2.1.1',
  'pidusage@4.1.0',
  'tree-kill@1.2.2',
  'typeorm@1.1.1',
  'nx@24.0.6', // probes under dist/-like folders
] as const;

const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const JAVASCRIPT = /\.[cm]?js$/;
const MARKER_FIELDS = new Set(['type', 'sideEffects', 'imports', 'exports', 'main', 'module', 'browser', 'types', 'typings']);
const RULE = 'hermes-pid/no-raw-liveness-probe';
const NODE_GLOBALS = Object.fromEntries(
  ['process', 'require', 'module', 'exports', '__dirname', '__filename', 'console', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'Buffer', 'globalThis'].map((name) => [name, 'readonly' as const]),
);

interface PackageResult {
  spec: string;
  trackedSources: number;
  mentionKill: number;
  lintFindings: number;
  filesSuggested: number;
  codemodChanged: number;
  agree: number;
  disagree: string[];
  lintParseErrors: string[];
  /** JavaScript files ESLint's defaults (every .js a module) cannot parse and configs.recommended (its sourceType) can. */
  defaultParseErrors: string[];
  /** .js files that parse only with the README's per-folder override (the other sourceType). */
  neededOverride: string[];
  nodeCheckFailed: string[];
  typescriptChanged: number;
  markers: number;
  markersChanged: string[];
  manifestsChanged: string[];
  leftOut: number;
  leftOutUnnamed: string[];
  /** Left out and named only through a folder the summary names. */
  leftOutByFolder: string[];
  codemodExit: number | null;
  seconds: number;
}

function safeName(spec: string): string {
  return spec.replace(/^@/, '').replace(/[/@]/g, '-');
}

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=trial@example.com', '-c', 'user.name=trial', '-c', 'core.autocrlf=false', ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

function unpack(spec: string, base: string): string {
  const tarballs = join(base, 'tarballs');
  mkdirSync(tarballs, { recursive: true });
  const tarball = join(tarballs, `${safeName(spec)}.tgz`);
  if (!existsSync(tarball)) {
    const incoming = join(tarballs, 'incoming');
    mkdirSync(incoming, { recursive: true });
    const out = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', incoming], { encoding: 'utf8' }).trim().split('\n').pop() ?? '';
    renameSync(join(incoming, out), tarball);
  }
  const dir = join(base, 'repos', safeName(spec));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['xzf', tarball, '-C', dir, '--strip-components=1']);
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '--no-verify', '-m', spec);
  return dir;
}

function isMarker(text: string): boolean {
  try {
    const fields = JSON.parse(text) as unknown;
    return typeof fields === 'object' && fields !== null && !Array.isArray(fields) && Object.keys(fields).every((key) => MARKER_FIELDS.has(key));
  } catch {
    return false;
  }
}

/** The plugin as ESLint loads it from the package folder: configs.recommended reads that folder's package.json. */
async function recommendedFrom(dir: string): Promise<Linter.Config[]> {
  const previous = process.cwd();
  process.chdir(dir);
  try {
    const url = `${pathToFileURL(join(root, 'dist/esm/src/eslint-plugin/index.js')).href}?cwd=${encodeURIComponent(dir)}`;
    const plugin = (await import(url)) as { default: { configs: { recommended: Linter.Config[] } } };
    return plugin.default.configs.recommended;
  } finally {
    process.chdir(previous);
  }
}

type LintOutcome = { kind: 'fatal'; message: string } | { kind: 'ok'; findings: number; text: string };

/** Lints `code` and accepts the rule's first suggestion until none is left. */
function acceptSuggestions(linter: Linter, config: Linter.Config[], code: string, file: string): LintOutcome {
  const bom = code.startsWith('\uFEFF') ? '\uFEFF' : '';
  let text = code.slice(bom.length);
  let findings = -1;
  for (let round = 0; round < 50; round++) {
    const messages = linter.verify(text, config, file);
    const fatal = messages.find((m) => m.fatal === true);
    if (fatal !== undefined) return { kind: 'fatal', message: `${fatal.line}:${fatal.column} ${fatal.message}` };
    if (findings === -1) findings = messages.filter((m) => m.ruleId === RULE).length;
    const fix = messages.find((m) => m.ruleId === RULE && (m.suggestions?.length ?? 0) > 0)?.suggestions?.[0]?.fix;
    if (fix === undefined) return { kind: 'ok', findings, text: bom + text };
    text = text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
  }
  return { kind: 'fatal', message: 'suggestions never ran out' };
}

async function trial(spec: string, base: string): Promise<PackageResult> {
  const started = performance.now();
  const dir = unpack(spec, base);
  const tracked = git(dir, 'ls-files', '-z').split('\0').filter((file) => file !== '');
  const sources = tracked.filter((file) => SOURCE.test(file) && !/\.d\.[cm]?ts$/.test(file));
  const before = new Map<string, string>();
  for (const file of tracked) before.set(file, readFileSync(join(dir, file), 'latin1'));
  const mentionKill = sources.filter((file) => (before.get(file) ?? '').includes('kill'));
  const markerFiles = tracked.filter((file) => /(^|\/)package\.json$/.test(file) && file !== 'package.json' && isMarker(before.get(file) ?? ''));

  // The README's per-folder override for each marker folder: its .js files load as the marker says.
  const overrides: Linter.Config[] = markerFiles.map((file) => {
    const folder = dirname(file);
    const type = (JSON.parse(before.get(file) ?? '{}') as { type?: string }).type === 'module' ? 'module' : 'commonjs';
    return { files: [`${folder}/**/*.js`], languageOptions: { sourceType: type } };
  });
  const config: Linter.Config[] = [
    ...(await recommendedFrom(dir)),
    { files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parser: tsParser } },
    { files: ['**/*.{js,jsx,cjs,mjs}'], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
    { languageOptions: { globals: NODE_GLOBALS } },
    ...overrides,
  ];
  const linter = new Linter({ cwd: dir });
  const suggested = new Map<string, string>();
  const findingsIn = new Set<string>();
  const result: PackageResult = {
    spec,
    trackedSources: sources.length,
    mentionKill: mentionKill.length,
    lintFindings: 0,
    filesSuggested: 0,
    codemodChanged: 0,
    agree: 0,
    disagree: [],
    lintParseErrors: [],
    defaultParseErrors: [],
    neededOverride: [],
    nodeCheckFailed: [],
    typescriptChanged: 0,
    markers: markerFiles.length,
    markersChanged: [],
    manifestsChanged: [],
    leftOut: 0,
    leftOutUnnamed: [],
    leftOutByFolder: [],
    codemodExit: null,
    seconds: 0,
  };
  // The same without configs.recommended's sourceType entries (and without the per-folder overrides).
  const defaults = config.filter((entry) => entry.name === undefined || !entry.name.startsWith('hermes-pid/recommended/')).filter((entry) => !overrides.includes(entry));
  // Every JavaScript file, not only those with a probe: which ones ESLint's defaults refuse that configs.recommended parses.
  for (const file of sources.filter((name) => /\.c?js$/.test(name))) {
    const code = readFileSync(join(dir, file), 'utf8');
    const fatalByDefault = linter.verify(code, defaults, join(dir, file)).find((m) => m.fatal === true);
    if (fatalByDefault === undefined) continue;
    const fatalNow = linter.verify(code, config, join(dir, file)).find((m) => m.fatal === true);
    if (fatalNow === undefined) result.defaultParseErrors.push(`${file}: ${fatalByDefault.line}:${fatalByDefault.column} ${fatalByDefault.message}`);
  }
  for (const file of mentionKill) {
    const code = readFileSync(join(dir, file), 'utf8');
    const path = join(dir, file);
    let outcome = acceptSuggestions(linter, config, code, path);
    if (outcome.kind === 'fatal' && /\.js$/.test(file)) {
      // ESM syntax in a CommonJS package's .js (or the reverse): the README's override, for this file.
      const other: Linter.Config[] = [...config, { files: [file], languageOptions: { sourceType: (config.find((c) => c.name === 'hermes-pid/recommended/js')?.languageOptions?.sourceType === 'module' ? 'commonjs' : 'module') } }];
      const retried = acceptSuggestions(linter, other, code, path);
      if (retried.kind === 'ok') result.neededOverride.push(file);
      outcome = retried.kind === 'ok' ? retried : outcome;
    }
    if (outcome.kind === 'fatal') {
      result.lintParseErrors.push(`${file}: ${outcome.message}`);
      continue;
    }
    result.lintFindings += outcome.findings;
    if (outcome.findings > 0) findingsIn.add(file);
    if (outcome.text !== code) suggested.set(file, outcome.text);
  }
  result.filesSuggested = suggested.size;

  // As the README says: in the package folder, `hermes-codemod .` (writes; the work tree is clean).
  const run = spawnSync(process.execPath, [join(root, 'packages/hermes-codemod/bin/hermes-codemod.js'), '.'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 256 * 1024 * 1024 });
  result.codemodExit = run.status;
  const summary = `${run.stdout}\n${run.stderr}`;
  writeFileSync(join(base, 'logs', `${safeName(spec)}.txt`), summary);

  const changed = tracked.filter((file) => existsSync(join(dir, file)) && readFileSync(join(dir, file), 'latin1') !== before.get(file));
  for (const file of changed) {
    if (/(^|\/)package\.json$/.test(file)) {
      if (markerFiles.includes(file)) result.markersChanged.push(file);
      else result.manifestsChanged.push(file);
      continue;
    }
    result.codemodChanged++;
    if (JAVASCRIPT.test(file)) {
      const check = spawnSync(process.execPath, ['--check', join(dir, file)], { encoding: 'utf8' });
      if (check.status !== 0) result.nodeCheckFailed.push(`${file}: ${check.stderr.split('\n').find((line) => /Error/.test(line)) ?? check.stderr.slice(0, 200)}`);
    } else {
      result.typescriptChanged++;
    }
  }
  const changedSet = new Set(changed);
  for (const file of new Set([...suggested.keys(), ...changed.filter((f) => SOURCE.test(f))])) {
    const lint = suggested.get(file);
    if (changedSet.has(file)) {
      const after = readFileSync(join(dir, file), 'utf8');
      if (lint === after) result.agree++;
      else if (lint === undefined && result.lintParseErrors.some((error) => error.startsWith(`${file}:`))) result.disagree.push(`${file}: rewritten by the codemod, not parsed by ESLint`);
      else result.disagree.push(`${file}: ${lint === undefined ? 'rewritten by the codemod, no lint suggestion' : 'the suggestions and the codemod wrote different text'}`);
    }
  }
  // Left out: a file with a finding (or a suggestion) the codemod did not rewrite; the summary must name it.
  for (const file of new Set([...findingsIn, ...suggested.keys()])) {
    if (changedSet.has(file)) continue;
    result.leftOut++;
    // Named by its path, or by a folder it is in (a summary of skipped build output names the folders).
    const folders = file.split('/').slice(0, -1).map((_, i, parts) => `${parts.slice(0, i + 1).join('/')}/`);
    if (summary.includes(file)) continue;
    if (folders.some((folder) => summary.includes(folder))) result.leftOutByFolder.push(file);
    else result.leftOutUnnamed.push(file);
  }
  result.seconds = Math.round((performance.now() - started) / 100) / 10;
  return result;
}

const base = join(root, '.cache', 'real-packages');
mkdirSync(join(base, 'logs'), { recursive: true });
const only = process.env.REAL_PACKAGES?.split(',').filter((name) => name !== '');
const specs = only === undefined ? [...PACKAGES] : PACKAGES.filter((spec) => only.some((name) => spec.startsWith(`${name}@`)));
const results: PackageResult[] = [];
for (const spec of specs) {
  process.stdout.write(`${spec} ... `);
  const result = await trial(spec, base);
  results.push(result);
  console.log(`${result.seconds} s`);
}
writeFileSync(join(base, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

const total = (pick: (r: PackageResult) => number): number => results.reduce((sum, r) => sum + pick(r), 0);
console.log('\n| package | sources | mention kill | lint findings | files suggested | codemod changed | agree | disagree | node --check failed | markers (changed) | left out (unnamed) | lint parse errors | fixed by the recommended sourceType |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of results) {
  console.log(`| ${r.spec} | ${r.trackedSources} | ${r.mentionKill} | ${r.lintFindings} | ${r.filesSuggested} | ${r.codemodChanged} | ${r.agree} | ${r.disagree.length} | ${r.nodeCheckFailed.length} | ${r.markers} (${r.markersChanged.length}) | ${r.leftOut} (${r.leftOutUnnamed.length}) | ${r.lintParseErrors.length} | ${r.defaultParseErrors.length} |`);
}
console.log(
  `| **total** | ${total((r) => r.trackedSources)} | ${total((r) => r.mentionKill)} | ${total((r) => r.lintFindings)} | ${total((r) => r.filesSuggested)} | ${total((r) => r.codemodChanged)} | ${total((r) => r.agree)} | ${total((r) => r.disagree.length)} | ${total((r) => r.nodeCheckFailed.length)} | ${total((r) => r.markers)} (${total((r) => r.markersChanged.length)}) | ${total((r) => r.leftOut)} (${total((r) => r.leftOutUnnamed.length)}) | ${total((r) => r.lintParseErrors.length)} | ${total((r) => r.defaultParseErrors.length)} |`,
);
const details: [string, (r: PackageResult) => readonly string[]][] = [
  ['disagree', (r) => r.disagree],
  ['node --check failed', (r) => r.nodeCheckFailed],
  ['marker package.json changed', (r) => r.markersChanged],
  ['left out and not named in the summary', (r) => r.leftOutUnnamed],
  ['left out, named through a folder in the summary', (r) => r.leftOutByFolder],
  ['lint parse errors', (r) => r.lintParseErrors],
  ['parsed only with the per-folder override', (r) => r.neededOverride],
  ["not parsed with ESLint's defaults (parsed with configs.recommended)", (r) => r.defaultParseErrors],
  ['manifests changed', (r) => r.manifestsChanged],
];
for (const [title, pick] of details) {
  const lines = results.flatMap((r) => pick(r).map((line) => `  ${r.spec}: ${line}`));
  if (lines.length > 0) console.log(`\n${title} (${lines.length}):\n${lines.join('\n')}`);
}
console.log(`\nresults: ${relative(root, join(base, 'results.json'))}; codemod output per package: ${relative(root, join(base, 'logs'))}/`);
const failed = total((r) => r.disagree.length + r.nodeCheckFailed.length + r.markersChanged.length + r.leftOutUnnamed.length);
if (failed > 0) process.exitCode = 1;
