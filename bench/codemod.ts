// `hermes-codemod --check` against `rg -l kill` (the I/O floor: list the files that mention kill) and
// ast-grep (`process.kill($P, 0)`, a structural search that parses every file), interleaved in the
// same run, on: a folder of published daemon/CLI packages, each its own git work tree (support/
// real-corpus.ts), its largest repository alone, copies of the project's own node_modules as one git
// repository, and the small cases (examples/legacy-daemon, one file). Prints medians and ratios and the
// time from process start to the first parse; asserts nothing. Run: npm run bench -- codemod
// (measures the built dist/). BENCH_ROUNDS=N for more rounds. Then the typed pass (ts-morph) against
// the untyped run (--no-typecheck), interleaved, on TypeScript packages shipped with their sources
// (support/ts-corpus.ts), and an independent check that no file a write run changes adds a TypeScript
// diagnostic (support/verify-typed.ts). BENCH_SKIP_TYPED=1 skips that part.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ripgrepBinary } from '../src/cli/files/ripgrep-scan.js';
import { formatRow } from './support/measure.js';
import { realCorpus } from './support/real-corpus.js';
import { commitCorpus, tsCorpus } from './support/ts-corpus.js';
import { verifyTypedWrites } from './support/verify-typed.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Copies of node_modules in that corpus: one is a repository of about 3,600 files; 8 (29k files) is the older figure in docs/benchmarks.md. */
const COPIES = Number(process.env.BENCH_NODE_MODULES_COPIES ?? 1);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
/** Renamed in the copies: the codemod skips these by design, rg and ast-grep would not. */
const SKIPPED = new Set(['node_modules', 'dist', 'build', 'out', 'coverage']);

/** The node_modules corpus: a git repository, as a codebase under migration is; built once, then reused. */
function nodeModulesCorpus(): string {
  const dir = join(tmpdir(), `hermes-bench-codemod-x${COPIES}`);
  if (existsSync(join(dir, '.git', 'corpus-complete'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  const copy = (from: string, to: string): void => {
    for (const entry of readdirSync(from, { withFileTypes: true })) {
      const name = SKIPPED.has(entry.name) ? `${entry.name}_` : entry.name.startsWith('.') ? `_${entry.name.slice(1)}` : entry.name;
      if (entry.isDirectory()) copy(join(from, entry.name), join(to, name));
      else if (entry.isFile() && SOURCE.test(entry.name) && !/\.d\.[cm]?ts$/.test(entry.name)) {
        mkdirSync(to, { recursive: true });
        copyFileSync(join(from, entry.name), join(to, name));
      }
    }
  };
  for (let i = 0; i < COPIES; i++) copy(join(root, 'node_modules'), join(dir, `copy${i}`));
  commitCorpus(dir);
  return dir;
}

interface Tool {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly okStatus: readonly number[];
  readonly env?: NodeJS.ProcessEnv;
}

interface Case {
  readonly title: string;
  readonly cwd: string;
  /** What each tool searches, relative to cwd. */
  readonly target: string;
  readonly env: NodeJS.ProcessEnv;
  /** Only the codemod and rg: ast-grep's start-up is all there is to see on a few files. */
  readonly small?: boolean;
}

function available(command: string, args: readonly string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

/** The baseline's ripgrep: the binary the codemod's pre-scan uses (@vscode/ripgrep, a devDependency), else one on PATH. */
function findRipgrep(): string | undefined {
  const shipped = ripgrepBinary();
  if (shipped !== undefined && available(shipped, ['--version'])) return shipped;
  return available('rg', ['--version']) ? 'rg' : undefined;
}

/** The ast-grep binary: npm 11 skips @ast-grep/cli's postinstall, which links the platform package's binary into place. */
function astGrepBinary(): string | undefined {
  const exe = process.platform === 'win32' ? 'ast-grep.exe' : 'ast-grep';
  const platform = readdirSync(join(root, 'node_modules/@ast-grep'))
    .filter((name) => name.startsWith(`cli-${process.platform}-${process.arch}`))
    .map((name) => join(root, 'node_modules/@ast-grep', name, exe));
  return [join(root, 'node_modules/.bin/ast-grep'), ...platform].find((binary) => existsSync(binary) && available(binary, ['--version']));
}

const cli = join(root, 'dist/esm/src/cli/hermes-codemod.js');
const EXTENSIONS = '*.{js,cjs,mjs,jsx,ts,tsx,mts,cts}';
const rgBinary = findRipgrep();
const hasRg = rgBinary !== undefined;
if (!hasRg) console.log('ripgrep is not installed (npm install, or apt-get install ripgrep): the rg baseline is skipped.');
const astGrep = astGrepBinary();
if (astGrep === undefined) console.log('ast-grep (@ast-grep/cli) is not installed: its rows are skipped.');

function toolsFor(c: Case): Tool[] {
  const tools: Tool[] = [];
  // --no-ignore-parent: the corpus lives under this repository's .cache/, which its .gitignore ignores.
  if (rgBinary !== undefined) tools.push({ name: 'rg -l kill', command: rgBinary, args: ['-l', '--no-ignore-parent', '-g', EXTENSIONS, 'kill', c.target], okStatus: [0, 1] });
  tools.push({ name: 'hermes-codemod --check', command: process.execPath, args: [cli, '--check', c.target], okStatus: [0, 1] });
  // The same run with the native pre-scan, off by default (HERMES_CODEMOD_RIPGREP=1 turns it on).
  if (c.small !== true) tools.push({ name: '  with the pre-scan', command: process.execPath, args: [cli, '--check', c.target], okStatus: [0, 1], env: { HERMES_CODEMOD_RIPGREP: '1' } });
  if (astGrep !== undefined && c.small !== true) tools.push({ name: "ast-grep 'process.kill($P, 0)'", command: astGrep, args: ['run', '--no-ignore', 'parent', '-p', 'process.kill($P, 0)', c.target], okStatus: [0, 1] });
  return tools;
}

/** GNU time, for the CPU seconds of each run: on a machine shared with other jobs they vary less than wall time. */
const gnuTime = existsSync('/usr/bin/time') && available('/usr/bin/time', ['-f', '%U', 'true']) ? '/usr/bin/time' : undefined;

function measure(c: Case): void {
  const tools = toolsFor(c);
  const samples = new Map<string, number[]>(tools.map((tool) => [tool.name, []]));
  const cpu = new Map<string, number[]>(tools.map((tool) => [tool.name, []]));
  const rss = new Map<string, number[]>(tools.map((tool) => [tool.name, []]));
  const firstParse: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? tools : [...tools].reverse();
    for (const tool of order) {
      const start = process.hrtime.bigint();
      const [command, args] = gnuTime === undefined ? [tool.command, tool.args] : [gnuTime, ['-f', 'cpu %U %S %M', tool.command, ...tool.args]];
      const run = spawnSync(command, [...args], { cwd: c.cwd, env: { ...process.env, ...c.env, ...tool.env, HERMES_CODEMOD_TIMING: '1' }, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      if (run.status === null || !tool.okStatus.includes(run.status)) throw new Error(`${tool.name} failed (${String(run.status)}): ${run.stderr.toString()}`);
      samples.get(tool.name)?.push(seconds);
      const used = /cpu ([\d.]+) ([\d.]+) (\d+)\s*$/.exec(run.stderr.toString());
      if (used !== null) cpu.get(tool.name)?.push(Number(used[1]) + Number(used[2]));
      if (used !== null) rss.get(tool.name)?.push(Number(used[3]) / 1024);
      const parsed = /first candidate parsed at (\d+) ms/.exec(run.stderr.toString());
      if (parsed !== null) firstParse.push(Number(parsed[1]) / 1000);
    }
  }
  const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
  const time = (name: string): number => median(samples.get(name) ?? []);
  const rg = time('rg -l kill');
  const sg = time("ast-grep 'process.kill($P, 0)'");
  console.log(`\n${c.title}, median of ${ROUNDS} interleaved rounds, load average ${loadavg()[0]?.toFixed(1) ?? '?'}:`);
  const cpuTime = (name: string): number => median(cpu.get(name) ?? []);
  const widths = [34, 9, 9, 12, 9, 9, 12, 8];
  console.log(formatRow(['command', 'median s', 'vs rg', 'vs ast-grep', 'CPU s', 'vs rg', 'vs ast-grep', 'peak MB'], widths));
  for (const tool of tools) {
    const t = time(tool.name);
    const u = cpuTime(tool.name);
    const [rgCpu, sgCpu] = [cpuTime('rg -l kill'), cpuTime("ast-grep 'process.kill($P, 0)'")];
    console.log(formatRow([tool.name, t.toFixed(2), `${(t / rg).toFixed(2)}x`, `${(t / sg).toFixed(2)}x`, u.toFixed(2), `${(u / rgCpu).toFixed(2)}x`, `${(u / sgCpu).toFixed(2)}x`, median(rss.get(tool.name) ?? []).toFixed(0)], widths));
  }
  if (firstParse.length > 0) console.log(`hermes-codemod: process start to first candidate parsed: ${median(firstParse).toFixed(2)} s (median)`);
}

const countFiles = (dir: string): number => execFileSync('git', ['ls-files', '-z'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 }).split('\0').filter(Boolean).length;
// BENCH_ONLY_TYPED=1: the typed-pass rows alone.
if (process.env.BENCH_ONLY_TYPED === undefined) {
  const real = realCorpus(root);
  const largest = real.repos[0];
  // The folder holding the repositories must not look like part of this one to git.
  const outsideThisRepo = { GIT_CEILING_DIRECTORIES: dirname(real.dir) };
  console.log(`${new Date().toISOString().slice(0, 10)}, ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
  const cases: Case[] = [
    { title: `${real.repos.length} published packages, each a git work tree (${real.repos.reduce((n, r) => n + r.files, 0)} JS/TS files), from the folder holding them`, cwd: real.dir, target: '.', env: outsideThisRepo },
  ];
  if (largest !== undefined) cases.push({ title: `the largest of them alone (${basename(largest.dir)}, ${largest.files} files)`, cwd: largest.dir, target: '.', env: outsideThisRepo });
  if (process.env.BENCH_SKIP_NODE_MODULES === undefined) {
    const dir = nodeModulesCorpus();
    cases.push({ title: `${countFiles(dir)} JS/TS files (${COPIES} copies of node_modules, one git repository)`, cwd: dir, target: '.', env: {} });
  }
  cases.push({ title: 'examples/legacy-daemon', cwd: root, target: 'examples/legacy-daemon', env: {}, small: true });
  cases.push({ title: 'one file (examples/legacy-daemon/src/pid-file.ts)', cwd: root, target: 'examples/legacy-daemon/src/pid-file.ts', env: {}, small: true });
  for (const c of cases) measure(c);
  measureWrite(real.dir, outsideThisRepo);
}

/**
 * The memory of a write run: `hermes-codemod --force --no-typecheck` over a fresh copy of the
 * published packages (their build folders included: renamed, so processed), once; peak RSS from GNU time.
 */
function measureWrite(corpus: string, env: NodeJS.ProcessEnv): void {
  if (gnuTime === undefined) return void console.log('\nwrite run: GNU time (/usr/bin/time) is missing, peak memory not measured');
  const copy = join(tmpdir(), 'hermes-bench-write-run');
  rmSync(copy, { recursive: true, force: true });
  cpSync(corpus, copy, { recursive: true });
  const run = spawnSync(gnuTime, ['-f', 'cpu %U %S %M', process.execPath, cli, '--force', '--no-typecheck', '--json', '--write', '.'], { cwd: copy, env: { ...process.env, ...env }, maxBuffer: 1 << 28 });
  const used = /cpu ([\d.]+) ([\d.]+) (\d+)\s*$/.exec(run.stderr.toString());
  const stdout = run.stdout.toString();
  const summary = (JSON.parse(stdout) as { summary: { filesScanned: number; filesChanged: number } }).summary;
  console.log(`\nwrite run over a copy of the published packages (build folders included), load average ${loadavg()[0]?.toFixed(1) ?? '?'}: exit ${String(run.status)}, ${summary.filesScanned} files, ${summary.filesChanged} changed, CPU ${used === null ? '?' : (Number(used[1]) + Number(used[2])).toFixed(2)} s, peak ${used === null ? '?' : (Number(used[3]) / 1024).toFixed(0)} MB`);
  rmSync(copy, { recursive: true, force: true });
}

/** `hermes-codemod --dry` with and without its typed pass, interleaved; what the typed run found. */
async function measureTyped(title: string, dir: string): Promise<void> {
  // The ts-morph API on the same project as a user scripts it (the project from its tsconfig, nothing
  // saved): issue 29 wants it within 1.2x of the CLI's typed run.
  // Both by URL: the project has no node_modules of its own.
  const tsMorph = pathToFileURL(createRequire(join(root, 'package.json')).resolve('ts-morph')).href;
  const entry = pathToFileURL(join(root, 'dist/esm/src/ts-morph/main.js')).href;
  // It times its two steps: the user's own Project (ts-morph parses every file of the tsconfig and
  // resolves their imports) and the rewriteProject call, which is the API's cost.
  const api = `import tsMorph from ${JSON.stringify(tsMorph)}; import { rewriteProject } from ${JSON.stringify(entry)}; let t = performance.now(); const project = new tsMorph.Project({ tsConfigFilePath: 'tsconfig.json' }); process.stderr.write('project built in ' + Math.round(performance.now() - t) + ' ms\\n'); t = performance.now(); rewriteProject(project); process.stderr.write('rewriteProject took ' + Math.round(performance.now() - t) + ' ms\\n');`;
  const runs = [
    { name: 'hermes-codemod --dry --no-typecheck', args: ['--dry', '--json', '--no-typecheck', '.'] },
    { name: 'hermes-codemod --dry (typed pass)', args: ['--dry', '--json', '.'] },
    { name: 'hermes-pid/ts-morph rewriteProject', args: ['--input-type=module', '--eval', api], node: true },
  ];
  const wall = new Map<string, number[]>(runs.map((r) => [r.name, []]));
  const cpu = new Map<string, number[]>(runs.map((r) => [r.name, []]));
  const pass: number[] = [];
  const projectBuilt: number[] = [];
  const apiCall: number[] = [];
  let report: { summary: { filesChanged: number; sitesLeft: number }; files: { typeErrors?: string[] }[] } | undefined;
  for (let round = 0; round < ROUNDS; round++) {
    for (const run of round % 2 === 0 ? runs : [...runs].reverse()) {
      const start = process.hrtime.bigint();
      const argv = run.node === true ? run.args : [cli, ...run.args];
      const [command, args] = gnuTime === undefined ? [process.execPath, argv] : [gnuTime, ['-f', 'cpu %U %S', process.execPath, ...argv]];
      const result = spawnSync(command, args, { cwd: dir, env: { ...process.env, HERMES_CODEMOD_TIMING: '1' }, maxBuffer: 1 << 26 });
      wall.get(run.name)?.push(Number(process.hrtime.bigint() - start) / 1e9);
      if (result.status !== 0) throw new Error(`${run.name} failed (${String(result.status)}): ${result.stderr.toString()}`);
      const stderr = result.stderr.toString();
      const used = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(stderr);
      if (used !== null) cpu.get(run.name)?.push(Number(used[1]) + Number(used[2]));
      const built = /project built in (\d+) ms/.exec(stderr);
      const call = /rewriteProject took (\d+) ms/.exec(stderr);
      if (built !== null && call !== null) {
        projectBuilt.push(Number(built[1]) / 1000);
        apiCall.push(Number(call[1]) / 1000);
      }
      const parsed = /candidates parsed at (\d+) ms/.exec(stderr);
      const typed = /typed pass done at (\d+) ms/.exec(stderr);
      if (parsed !== null && typed !== null) {
        pass.push((Number(typed[1]) - Number(parsed[1])) / 1000);
        report = JSON.parse(result.stdout.toString()) as typeof report; // one document, diffs inside
      }
    }
  }
  const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
  const [untyped, typedRun, apiRun] = runs.map((r) => r.name) as [string, string, string];
  console.log(`\n${title}, median of ${ROUNDS} interleaved rounds, load average ${loadavg()[0]?.toFixed(1) ?? '?'}:`);
  const widths = [38, 9, 12, 9, 12];
  console.log(formatRow(['command', 'median s', 'vs untyped', 'CPU s', 'vs untyped'], widths));
  for (const name of [untyped, typedRun, apiRun]) {
    const [w, c] = [median(wall.get(name) ?? []), median(cpu.get(name) ?? [])];
    console.log(formatRow([name, w.toFixed(2), `${(w / median(wall.get(untyped) ?? [])).toFixed(2)}x`, c.toFixed(2), `${(c / median(cpu.get(untyped) ?? [])).toFixed(2)}x`], widths));
  }
  const refused = report?.files.filter((f) => f.typeErrors !== undefined).length ?? 0;
  if (pass.length === 0) console.log('typed pass alone: it did not run (no TypeScript file would change): the typed row is the untyped run');
  else console.log(`typed pass alone (candidates parsed to pass done): ${median(pass).toFixed(2)} s (median); files it lets change: ${report?.summary.filesChanged ?? '?'}, refused: ${refused}`);
  console.log(`rewriteProject against the CLI's typed run: ${(median(wall.get(apiRun) ?? []) / median(wall.get(typedRun) ?? [])).toFixed(2)}x wall, the whole script; the rewriteProject call alone ${median(apiCall).toFixed(2)} s, ${(median(apiCall) / median(wall.get(typedRun) ?? [])).toFixed(2)}x the CLI's whole typed run (target <= 1.2x); the user's new Project({ tsConfigFilePath }) before it: ${median(projectBuilt).toFixed(2)} s`);
  const { written, worse } = await verifyTypedWrites(root, dir);
  console.log(`independent check (TypeScript's own host, every file of the program): ${written.length} TypeScript files written, ${worse.length} with an added diagnostic${worse.map((w) => `\n  ${w.file}: ${w.added.join('; ')}`).join('')}`);
}

if (process.env.BENCH_SKIP_TYPED === undefined) {
  for (const { name, dir } of tsCorpus(root)) await measureTyped(`typed pass: ${name}, no node_modules`, dir);
}
