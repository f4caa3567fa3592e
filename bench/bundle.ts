// `hermes-codemod --check`, and a write run, on one 16 MB bundle: aws-cdk@2.1148.1's `lib/index.js`
// (issue 30's input, 3 probes), against `rg -l kill` in the same run, by default (the large-file path,
// src/codemod/fast-path.ts). The tarball is fetched from the npm registry once (`npm pack`) into
// .cache/aws-cdk and checked against its pinned sha512; when it cannot be, the bench measures a
// synthetic bundle of published code (TypeScript's typescript.js and _tsc.js and jschardet, each
// wrapped as a bundler wraps a module, plus a minified probe) and says so.
// Before timing, it checks once that the codemod's verdict is the full analysis': the sites of
// `--check --json` and the write run's output against transformSource without the large-file path
// (a full parse: 10-30 s and 1.3 GB); a difference exits 1. Prints median wall time, CPU (user +
// system, from /usr/bin/time: the machine may be shared) and peak memory; asserts no timing.
// Run: npm run bench -- bundle (measures the built dist/). BENCH_ROUNDS=N for more rounds.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatRow } from './support/measure.js';
import { pinnedFile } from './support/pinned-tarball.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SPEC = 'aws-cdk@2.1148.1';
/** The registry's `dist.integrity` for SPEC (`npm view aws-cdk@2.1148.1 dist.integrity`). */
const INTEGRITY = 'sha512-K3d02L17IwmAuiBWNuX1DzYhKUs9GrKYI7bZnGJfJ1bKz9ymXFxfudBOL3rUb8JAusDNSULiQU2fsJH7kyY2XA==';
const FILE = 'lib/index.js';
const PARTS = ['typescript/lib/typescript.js', 'typescript/lib/_tsc.js', 'jschardet/dist/jschardet.min.js'];
const PROBE = 'function pidAlive(p){try{return process.kill(p,0),!0}catch{return!1}}module.exports.pidAlive=pidAlive;\n';

// One fresh folder for the measured tree and the write run's copy, removed at the end.
const scratch = mkdtempSync(join(tmpdir(), 'hermes-bench-bundle-'));

function synthetic(): string {
  const parts = PARTS.map((part) => join(root, 'node_modules', part)).filter((path) => existsSync(path));
  return parts.map((path) => `(function(){${readFileSync(path, 'utf8').replace(/^#!.*/, '')}\n})();\n`).join('') + PROBE;
}

const fetched = pinnedFile(root, { spec: SPEC, integrity: INTEGRITY }, FILE);
const real = 'text' in fetched;
const text = real ? fetched.text : synthetic();
const dir = join(scratch, 'bundle');
mkdirSync(join(dir, 'lib'), { recursive: true });
writeFileSync(join(dir, 'package.json'), '{ "name": "bundle" }\n');
writeFileSync(join(dir, FILE), text);
const bytes = Buffer.byteLength(text);
const what = real ? `${SPEC}'s ${FILE}` : `a SYNTHETIC bundle (${PARTS.join(' + ')} + a probe): ${(fetched as { reason: string }).reason}`;
if (!real) console.log(`NOTE: not measuring ${SPEC}'s ${FILE}: ${(fetched as { reason: string }).reason}. Measuring a synthetic bundle instead.`);

// The write run rewrites a copy, made afresh before each round (a cp, outside the timing).
const writeDir = `${dir}-write`;
const freshCopy = (): void => {
  spawnSync('rm', ['-rf', writeDir]);
  spawnSync('cp', ['-a', dir, writeDir]);
};
const cli = join(root, 'dist/esm/src/cli/hermes-codemod.js');

// The verdict, once: the CLI's sites and rewrite against the full analysis (no large-file path).
{
  const check = spawnSync(process.execPath, [cli, '--check', '--json', '.'], { cwd: dir, maxBuffer: 64 * 1024 * 1024 });
  const report = JSON.parse(check.stdout.toString()) as { files: { path: string; status: string; sites: Record<string, unknown>[] }[] };
  const file = report.files.find((entry) => entry.path === FILE);
  freshCopy();
  spawnSync(process.execPath, [cli, '--force', '--no-add-dependency', '.'], { cwd: writeDir, stdio: 'ignore' });
  const written = readFileSync(join(writeDir, FILE), 'utf8');
  const full = join(scratch, 'full.json');
  const script = `
    import { readFileSync, writeFileSync } from 'node:fs';
    import { transformSourceWith } from ${JSON.stringify(join(root, 'dist/esm/src/codemod/transform.js'))};
    const [file, out] = process.argv.slice(1);
    const result = transformSourceWith(readFileSync(file, 'utf8'), { fileName: file, moduleType: 'commonjs' }, undefined, undefined);
    const sites = result.sites.map(({ edits: _e, start: _s, end: _n, ...site }) => ({ ...site, flag: site.flag ?? null }));
    writeFileSync(out, JSON.stringify({ sites, output: result.output, parseErrors: result.parseErrors }));`;
  const started = process.hrtime.bigint();
  const run = spawnSync('/usr/bin/time', ['-f', 'maxrss %M', process.execPath, '--max-old-space-size=4096', '--input-type=module', '-e', script, join(dir, FILE), full], { stdio: ['ignore', 'inherit', 'pipe'] });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const peak = /maxrss (\d+)/.exec(run.stderr.toString())?.[1];
  const expected = JSON.parse(readFileSync(full, 'utf8')) as { sites: Record<string, unknown>[]; output: string; parseErrors: string[] };
  const same = file !== undefined && file.status !== 'skipped' && JSON.stringify(file.sites) === JSON.stringify(expected.sites) && written === expected.output && expected.parseErrors.length === 0;
  console.log(`verdict: ${file?.sites.length ?? 0} sites (${file?.status ?? 'not reported'}); the full parse (${seconds.toFixed(1)} s, ${peak === undefined ? '?' : (Number(peak) / 1024).toFixed(0)} MB) finds ${expected.sites.length}: ${same ? 'same sites and the same rewrite' : 'DIFFERENT'}`);
  if (!same) {
    console.log(JSON.stringify({ codemod: file, full: expected.sites }, null, 2));
    rmSync(scratch, { recursive: true, force: true });
    process.exit(1);
  }
}

const gnuTime = existsSync('/usr/bin/time');
const tools = [
  { name: 'rg -l kill', command: 'rg', args: ['-l', 'kill', 'lib'] },
  { name: 'hermes-codemod --check', command: process.execPath, args: [cli, '--check', '.'] },
  { name: 'hermes-codemod --force (write run)', command: process.execPath, args: [cli, '--force', '--no-add-dependency', '.'], cwd: writeDir },
].filter((tool) => tool.command !== 'rg' || spawnSync('rg', ['--version']).status === 0);

const wall = new Map<string, number[]>(tools.map((tool) => [tool.name, []]));
const cpu = new Map<string, number[]>(tools.map((tool) => [tool.name, []]));
const memory = new Map<string, number[]>(tools.map((tool) => [tool.name, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const tool of round % 2 === 0 ? tools : [...tools].reverse()) {
    if (tool.name.includes('write run')) freshCopy();
    const start = process.hrtime.bigint();
    const [command, args] = gnuTime ? ['/usr/bin/time', ['-f', 'cpu %U %S maxrss %M', tool.command, ...tool.args]] : [tool.command, tool.args];
    const run = spawnSync(command, args, { cwd: 'cwd' in tool ? tool.cwd : dir, stdio: ['ignore', 'ignore', 'pipe'] });
    wall.get(tool.name)?.push(Number(process.hrtime.bigint() - start) / 1e9);
    const usage = /cpu ([\d.]+) ([\d.]+) maxrss (\d+)\s*$/.exec(run.stderr.toString());
    if (usage !== null) {
      cpu.get(tool.name)?.push(Number(usage[1]) + Number(usage[2]));
      memory.get(tool.name)?.push(Number(usage[3]) / 1024);
    }
  }
}
const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const rg = median(wall.get('rg -l kill') ?? []);
console.log(`${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load average ${loadavg().map((load) => load.toFixed(1)).join(' ')}`);
console.log(`${what}, ${(bytes / 1e6).toFixed(1)} MB, median of ${ROUNDS} interleaved rounds:`);
const widths = [40, 9, 9, 9, 9];
console.log(formatRow(['command', 'median s', 'vs rg', 'CPU s', 'peak MB'], widths));
for (const tool of tools) {
  const t = median(wall.get(tool.name) ?? []);
  console.log(formatRow([tool.name, t.toFixed(2), Number.isNaN(rg) ? 'no rg' : `${(t / rg).toFixed(1)}x`, median(cpu.get(tool.name) ?? []).toFixed(2), median(memory.get(tool.name) ?? []).toFixed(0)], widths));
}
rmSync(scratch, { recursive: true, force: true });
