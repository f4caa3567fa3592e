// The plugin's share of an ESLint run over real code: published daemon and CLI packages (npm pack,
// cached in .cache/lint-corpus/), JavaScript with ESLint's default parser and TypeScript with
// @typescript-eslint/parser. eslint:recommended alone against eslint:recommended plus
// hermesPid.configs.recommended, interleaved in the same run, slice by slice. The share comes from
// ESLint's own `stats` (per-rule times, as TIMING reports them), the wall and CPU ratios from the two runs.
// Then the same files through oxlint (the pinned binary, its default rules) without and with the plugin
// as a JS plugin: wall time of whole runs, as a user's `oxlint` invocation pays it (plugin loading included).
// Run: npm run bench -- lint   (measures the built dist/, as users get it; BENCH_LINT_CORPUS=ts for one corpus,
// BENCH_LINT_DIST=<folder> another build)
import js from '@eslint/js';
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { globbySync } from 'globby';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { formatRow } from './support/measure.js';

const require = createRequire(import.meta.url);
/** The build to measure: dist/ by default; BENCH_LINT_DIST=<folder> measures another (an A/B against a build of the base commit). */
const DIST = resolve(process.env.BENCH_LINT_DIST ?? 'dist');
const hermesPid = require(join(DIST, 'cjs/src/eslint-plugin/index.js')) as typeof import('../src/eslint-plugin/index.js').default;

const CACHE = '.cache/lint-corpus';
/** Daemon and CLI packages (several with raw probes: pm2, forever-monitor, is-running), plus large real JavaScript. */
const JS_PACKAGES = ['pm2@7.0.4', 'forever@4.0.3', 'forever-monitor@3.0.3', 'nodemon@3.1.14', 'npm@11.21.2', 'is-running@2.1.0', 'find-process@2.1.1', 'proper-lockfile@4.1.2', 'daemonize2@0.4.2', 'pidusage@4.1.0', 'supervisor@0.12.0', 'tree-kill@1.2.2', 'webpack@5.113.0', 'eslint@10.15.0'];
/** Packages that publish their TypeScript sources. */
const TS_PACKAGES = ['rxjs@7.8.2', 'effect@4.1.0'];
const MAX_BYTES = 512 * 1024; // a few multi-megabyte bundles would dominate a run
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2); // a round lints every file twice per corpus: minutes
/** Files per slice: each slice is linted with and without the plugin back to back, so both see the same machine load. */
const SLICE = 150;

/** Unpacks each package's tarball under .cache/lint-corpus/<kind>/<name>/ once. */
function corpus(kind: 'js' | 'ts', packages: readonly string[]): string {
  const dir = join(CACHE, kind);
  for (const spec of packages) {
    const target = join(dir, spec.replace(/[@/]/g, '-'));
    if (existsSync(target)) continue;
    mkdirSync(target, { recursive: true });
    const tarball = execFileSync('npm', ['pack', '--silent', spec], { cwd: target, encoding: 'utf8' }).trim().split('\n').at(-1) ?? '';
    execFileSync('tar', ['-xzf', tarball], { cwd: target });
  }
  return dir;
}

function sourceFiles(pattern: string): string[] {
  return globbySync(pattern, { gitignore: false, followSymbolicLinks: false, dot: true }).filter((file) => {
    const stat = statSync(file);
    return stat.isFile() && stat.size <= MAX_BYTES;
  });
}

const jsFiles = sourceFiles(`${corpus('js', JS_PACKAGES)}/**/*.{js,cjs,mjs}`);
// The published TypeScript, and the project's own fixtures and example (they hold the probes).
const tsFiles = [...sourceFiles(`${corpus('ts', TS_PACKAGES)}/**/*.{ts,mts,cts,tsx}`), ...sourceFiles('{test/fixtures,examples}/**/*.{ts,mts,cts,tsx}')].filter((file) => !/\.d\.[cm]?ts$/.test(file));
const PROBE = /\bkill\s*\([^,()]+,\s*0\s*\)/;
const KILL_WORD = /\bkill\b/;
const withProbe = (files: readonly string[]): number => files.filter((file) => PROBE.test(readFileSync(file, 'utf8'))).length;
/** Absolute paths (as ESLint reports them) of the files whose text says `kill` as a word. */
const killFiles = new Set([...jsFiles, ...tsFiles].filter((file) => KILL_WORD.test(readFileSync(file, 'utf8'))).map((file) => resolve(file)));

const shared: Linter.Config[] = [{ ignores: ['!**/node_modules/'] }, { linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' } }];
const jsBase: Linter.Config[] = [...shared, { files: ['**/*.{js,cjs,mjs}'], ...js.configs.recommended }];
const tsBase: Linter.Config[] = [...shared, { files: ['**/*.{ts,mts,cts,tsx}'], ...js.configs.recommended, languageOptions: { parser: tsParser } }];

const OXLINT = join('node_modules', 'oxlint', 'bin', 'oxlint');
/** Files per oxlint invocation: a command line holds a few thousand paths. */
const OXLINT_CHUNK = 2000;
const oxlintConfigs = mkdtempSync(join(tmpdir(), 'hermes-bench-oxlint-'));
// oxlint's defaults (its correctness rules) stand where eslint:recommended stands for ESLint.
const oxBase = join(oxlintConfigs, 'base.json');
const oxPlugin = join(oxlintConfigs, 'plugin.json');
writeFileSync(oxBase, '{}\n');
writeFileSync(oxPlugin, JSON.stringify({ jsPlugins: [join(DIST, 'esm/src/eslint-plugin/main.js')], rules: hermesPid.configs.recommended[0].rules }));

interface OxlintPass {
  wallMs: number;
  pluginMessages: number;
  /** Diagnostics without a rule: a JS plugin that threw on a file. */
  crashes: string[];
}

/** oxlint over `files` with `config` (in chunks that fit a command line); ignore files do not apply (.cache is git-ignored). */
function oxlintRun(config: string, files: readonly string[]): OxlintPass {
  const pass: OxlintPass = { wallMs: 0, pluginMessages: 0, crashes: [] };
  for (let start = 0; start < files.length; start += OXLINT_CHUNK) {
    const begin = process.hrtime.bigint();
    const run = spawnSync(process.execPath, [OXLINT, '-c', config, '--no-ignore', '--format', 'json', ...files.slice(start, start + OXLINT_CHUNK)], { encoding: 'utf8', maxBuffer: 2 ** 30 });
    pass.wallMs += Number(process.hrtime.bigint() - begin) / 1e6;
    if (run.status !== 0 && run.status !== 1) throw new Error(`oxlint exited ${String(run.status)}: ${run.stderr}`);
    const { diagnostics } = JSON.parse(run.stdout) as { diagnostics: { code?: string; message: string }[] };
    pass.pluginMessages += diagnostics.filter((d) => d.code?.startsWith('hermes-pid(') === true).length;
    pass.crashes.push(...diagnostics.filter((d) => d.code === undefined && d.message.includes('JS plugin')).map((d) => d.message.split('\n').slice(0, 3).join(' ')));
  }
  return pass;
}

interface Pass {
  wallMs: number;
  /** User + system CPU of this process (ESLint lints on the main thread; file reads are libuv's). */
  cpuMs: number;
  lintMs: number;
  pluginMs: number;
  pluginRules: Record<string, number>;
  /** The plugin's rule time on files whose text says `kill` (where the analysis runs); the rest is the per-file check. */
  pluginKillFilesMs: number;
  pluginMessages: number;
  fatal: number;
}

const emptyPass = (): Pass => ({ wallMs: 0, cpuMs: 0, lintMs: 0, pluginMs: 0, pluginRules: {}, pluginKillFilesMs: 0, pluginMessages: 0, fatal: 0 });

function addPass(sum: Pass, part: Pass): void {
  sum.wallMs += part.wallMs;
  sum.cpuMs += part.cpuMs;
  sum.lintMs += part.lintMs;
  sum.pluginMs += part.pluginMs;
  sum.pluginKillFilesMs += part.pluginKillFilesMs;
  sum.pluginMessages += part.pluginMessages;
  sum.fatal += part.fatal;
  for (const [rule, ms] of Object.entries(part.pluginRules)) sum.pluginRules[rule] = (sum.pluginRules[rule] ?? 0) + ms;
}

async function run(config: Linter.Config[], files: readonly string[], pass: Pass): Promise<void> {
  const eslint = new ESLint({ cwd: process.cwd(), overrideConfigFile: true, overrideConfig: config, stats: true, cache: false, warnIgnored: false });
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const results = await eslint.lintFiles([...files]);
  pass.wallMs += Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  pass.cpuMs += (used.user + used.system) / 1e3;
  for (const result of results) {
    const saysKill = killFiles.has(result.filePath);
    pass.fatal += result.fatalErrorCount;
    pass.pluginMessages += result.messages.filter((m) => m.ruleId?.startsWith('hermes-pid/') === true).length;
    for (const time of result.stats?.times.passes ?? []) {
      // Rule time as TIMING counts it: the rules alone, not parsing or fixing.
      for (const [rule, { total }] of Object.entries(time.rules ?? {})) {
        pass.lintMs += total;
        if (!rule.startsWith('hermes-pid/')) continue;
        pass.pluginMs += total;
        if (saysKill) pass.pluginKillFilesMs += total;
        pass.pluginRules[rule] = (pass.pluginRules[rule] ?? 0) + total;
      }
    }
  }
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length % 2 === 1 ? (sorted[Math.floor(middle)] as number) : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
};
const percent = (ratio: number): string => `${((ratio - 1) * 100).toFixed(2)} %`;
const widths = [48, 12, 12];

async function measure(name: string, base: Linter.Config[], files: readonly string[]): Promise<void> {
  const bytes = files.reduce((sum, file) => sum + statSync(file).size, 0);
  console.log(`\n${name}: ${files.length} files (${(bytes / 1e6).toFixed(1)} MB), ${withProbe(files)} with a raw probe, ${ROUNDS} rounds of ${Math.ceil(files.length / SLICE)} interleaved slices`);
  const withPlugin = [...base, ...hermesPid.configs.recommended];
  // Warm-up: module loading and JIT, for ESLint's rules and the plugin's alike. The first 200 files warm
  // ESLint's rules; the plugin's analysis runs only on files that say `kill`, so those join the warm-up,
  // or its compilation would fall in the measured round alone. The warm-up's own share is printed (cold).
  const warmUp = [...new Set([...files.slice(0, 200), ...files.filter((file) => KILL_WORD.test(readFileSync(file, 'utf8')))])];
  const cold = emptyPass();
  await run(withPlugin, warmUp, cold);
  const alone: Pass[] = [];
  const plugged: Pass[] = [];
  const load: number[] = [];
  // Per slice, with the plugin over without it: other jobs' bursts hit single runs, so the median of these pairs is the steady figure.
  const wallPairs: number[] = [];
  const cpuPairs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const without = emptyPass();
    const withIt = emptyPass();
    for (let start = 0; start < files.length; start += SLICE) {
      const slice = files.slice(start, start + SLICE);
      const a = emptyPass();
      const b = emptyPass();
      // Alternate the order: neither run always goes first.
      if ((round + start / SLICE) % 2 === 0) {
        await run(base, slice, a);
        await run(withPlugin, slice, b);
      } else {
        await run(withPlugin, slice, b);
        await run(base, slice, a);
      }
      wallPairs.push(b.wallMs / a.wallMs);
      cpuPairs.push(b.cpuMs / a.cpuMs);
      for (const [sum, part] of [[without, a], [withIt, b]] as const) addPass(sum, part);
      load.push(loadavg()[0] ?? Number.NaN);
    }
    alone.push(without);
    plugged.push(withIt);
  }
  const last = plugged.at(-1) as Pass;
  console.log(`load average during the run: ${Math.min(...load).toFixed(1)}-${Math.max(...load).toFixed(1)}`);
  console.log(formatRow(['eslint:recommended, wall / CPU (median)', `${median(alone.map((p) => p.wallMs)).toFixed(0)} ms`, `${median(alone.map((p) => p.cpuMs)).toFixed(0)} ms`], widths));
  console.log(formatRow(['+ hermes-pid recommended, wall / CPU (median)', `${median(plugged.map((p) => p.wallMs)).toFixed(0)} ms`, `${median(plugged.map((p) => p.cpuMs)).toFixed(0)} ms`], widths));
  console.log(formatRow(['rule time, all rules (with the plugin, last)', `${last.lintMs.toFixed(0)} ms`], widths));
  for (const [rule, ms] of Object.entries(last.pluginRules)) console.log(formatRow([`  ${rule}`, `${ms.toFixed(1)} ms`], widths));
  console.log(formatRow(['  on files that say `kill` / the others', `${last.pluginKillFilesMs.toFixed(1)} ms`, `${(last.pluginMs - last.pluginKillFilesMs).toFixed(1)} ms`], widths));
  const shares = plugged.map((p) => p.pluginMs / p.lintMs);
  console.log(formatRow(['plugin share of rule time (median)', `${(median(shares) * 100).toFixed(2)} %`], widths), ` (rounds: ${shares.map((share) => `${(share * 100).toFixed(2)} %`).join(', ')})`);
  console.log(formatRow([`  the warm-up pass, cold (${warmUp.length} files)`, `${((cold.pluginMs / cold.lintMs) * 100).toFixed(2)} %`], widths));
  const quartiles = (values: readonly number[]): string => {
    const sorted = [...values].sort((x, y) => x - y);
    return `${percent(sorted[Math.floor(sorted.length / 4)] ?? Number.NaN)} to ${percent(sorted[Math.floor((sorted.length * 3) / 4)] ?? Number.NaN)}`;
  };
  console.log(formatRow(['added wall time (median of per-round ratios)', percent(median(plugged.map((p, i) => p.wallMs / (alone[i] as Pass).wallMs)))], widths));
  console.log(formatRow([`added wall time (median of ${wallPairs.length} slice pairs)`, percent(median(wallPairs))], widths), ` (quartiles ${quartiles(wallPairs)})`);
  console.log(formatRow(['added CPU time (median of per-round ratios)', percent(median(plugged.map((p, i) => p.cpuMs / (alone[i] as Pass).cpuMs)))], widths));
  console.log(formatRow([`added CPU time (median of ${cpuPairs.length} slice pairs)`, percent(median(cpuPairs))], widths), ` (quartiles ${quartiles(cpuPairs)})`);
  console.log(`reports by the plugin: ${last.pluginMessages}; files ESLint could not parse (same in both runs): ${last.fatal}`);

  // oxlint: whole runs over the same files, without and with the plugin, order alternating by round.
  oxlintRun(oxPlugin, files.slice(0, 200)); // warm-up: the binary and the plugin's modules into the page cache
  const oxAlone: number[] = [];
  const oxPlugged: OxlintPass[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) {
      oxAlone.push(oxlintRun(oxBase, files).wallMs);
      oxPlugged.push(oxlintRun(oxPlugin, files));
    } else {
      oxPlugged.push(oxlintRun(oxPlugin, files));
      oxAlone.push(oxlintRun(oxBase, files).wallMs);
    }
  }
  const oxLast = oxPlugged.at(-1) as OxlintPass;
  console.log(formatRow(['oxlint defaults, wall (median)', `${median(oxAlone).toFixed(0)} ms`], widths));
  console.log(formatRow(['+ hermes-pid as a JS plugin, wall (median)', `${median(oxPlugged.map((p) => p.wallMs)).toFixed(0)} ms`], widths));
  console.log(formatRow(['added wall time under oxlint (median of rounds)', percent(median(oxPlugged.map((p, i) => p.wallMs / (oxAlone[i] as number))))], widths));
  console.log(formatRow(['the plugin under ESLint, added wall, ms (median)', `${(median(plugged.map((p) => p.wallMs)) - median(alone.map((p) => p.wallMs))).toFixed(0)} ms`], widths));
  console.log(formatRow(['the plugin under oxlint, added wall, ms (median)', `${(median(oxPlugged.map((p) => p.wallMs)) - median(oxAlone)).toFixed(0)} ms`], widths));
  console.log(`reports by the plugin under oxlint: ${oxLast.pluginMessages} (ESLint: ${last.pluginMessages}); files where the plugin threw: ${oxLast.crashes.length}`);
  for (const crash of oxLast.crashes.slice(0, 5)) console.log(`  ${crash}`);
}

console.log(`${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; corpus in ${CACHE}`);
// BENCH_LINT_CORPUS=js or ts measures one corpus (a re-run of one figure); both by default.
const only = process.env.BENCH_LINT_CORPUS;
if (only !== undefined && only !== 'js' && only !== 'ts') throw new TypeError(`BENCH_LINT_CORPUS must be js or ts, not ${JSON.stringify(only)}`);
if (only !== 'ts') await measure('JavaScript, default parser', jsBase, jsFiles);
if (only !== 'js') await measure('TypeScript, @typescript-eslint/parser', tsBase, tsFiles);
rmSync(oxlintConfigs, { recursive: true, force: true }); // the two oxlint configs: nothing left in the temp folder
console.log('\nTargets: the plugin at most 1 % of rule time (issue 30) and under 3 % added wall time, on each corpus (ESLint).');
