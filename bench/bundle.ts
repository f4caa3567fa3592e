// `hermes-codemod --check` on one 16 MB bundle made of published code (TypeScript's typescript.js and
// _tsc.js and jschardet's minified build, each wrapped as a bundler wraps a module, plus a minified
// probe so that the file is a candidate), against `rg -l kill` in the same run: by default (the
// large-file path, src/codemod/fast-path.ts) and a write run (the same, rewriting the probe in a copy).
// (The full parse of this file, 10-30 s and 1 GB, is in docs/benchmarks.md's history.) Prints median
// wall time and peak memory; asserts nothing.
// Run: npm run bench -- bundle (measures the built dist/). BENCH_ROUNDS=N for more rounds.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatRow } from './support/measure.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PARTS = ['typescript/lib/typescript.js', 'typescript/lib/_tsc.js', 'jschardet/dist/jschardet.min.js'];
const PROBE = 'function pidAlive(p){try{return process.kill(p,0),!0}catch{return!1}}module.exports.pidAlive=pidAlive;\n';

// One fresh folder for the bundle and the write run's copy, removed at the end.
const scratch = mkdtempSync(join(tmpdir(), 'hermes-bench-bundle-'));

function bundle(): { dir: string; bytes: number } {
  const dir = join(scratch, 'bundle');
  mkdirSync(join(dir, 'lib'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "name": "bundle" }\n');
  const parts = PARTS.map((part) => join(root, 'node_modules', part)).filter((path) => existsSync(path));
  const text = parts.map((path) => `(function(){${readFileSync(path, 'utf8').replace(/^#!.*/, '')}\n})();\n`).join('') + PROBE;
  writeFileSync(join(dir, 'lib/bundle.js'), text);
  return { dir, bytes: Buffer.byteLength(text) };
}

const { dir, bytes } = bundle();
// The write run rewrites a copy, made afresh before each round (a cp, outside the timing).
const writeDir = `${dir}-write`;
const freshCopy = (): void => {
  spawnSync('rm', ['-rf', writeDir]);
  spawnSync('cp', ['-a', dir, writeDir]);
};
const cli = join(root, 'dist/esm/src/cli/hermes-codemod.js');
const gnuTime = existsSync('/usr/bin/time');
const tools = [
  { name: 'rg -l kill', command: 'rg', args: ['-l', 'kill', 'lib'] },
  { name: 'hermes-codemod --check', command: process.execPath, args: [cli, '--check', '.'] },
  { name: 'hermes-codemod --force (write run)', command: process.execPath, args: [cli, '--force', '--no-add-dependency', '.'], cwd: writeDir },
].filter((tool) => tool.command !== 'rg' || spawnSync('rg', ['--version']).status === 0);

const wall = new Map<string, number[]>(tools.map((tool) => [tool.name, []]));
const memory = new Map<string, number[]>(tools.map((tool) => [tool.name, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const tool of round % 2 === 0 ? tools : [...tools].reverse()) {
    if (tool.name.includes('write run')) freshCopy();
    const start = process.hrtime.bigint();
    const [command, args] = gnuTime ? ['/usr/bin/time', ['-f', 'maxrss %M', tool.command, ...tool.args]] : [tool.command, tool.args];
    const run = spawnSync(command, args, { cwd: 'cwd' in tool ? tool.cwd : dir, stdio: ['ignore', 'ignore', 'pipe'] });
    wall.get(tool.name)?.push(Number(process.hrtime.bigint() - start) / 1e9);
    const rss = /maxrss (\d+)\s*$/.exec(run.stderr.toString());
    if (rss !== null) memory.get(tool.name)?.push(Number(rss[1]) / 1024);
  }
}
const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const rg = median(wall.get('rg -l kill') ?? []);
console.log(`${new Date().toISOString().slice(0, 10)}, ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load average ${loadavg()[0]?.toFixed(1) ?? '?'}`);
console.log(`one bundle of ${(bytes / 1e6).toFixed(1)} MB (${PARTS.join(' + ')}), median of ${ROUNDS} interleaved rounds:`);
const widths = [58, 9, 9, 12];
console.log(formatRow(['command', 'median s', 'vs rg', 'peak MB'], widths));
for (const tool of tools) {
  const t = median(wall.get(tool.name) ?? []);
  console.log(formatRow([tool.name, t.toFixed(2), Number.isNaN(rg) ? 'no rg' : `${(t / rg).toFixed(1)}x`, median(memory.get(tool.name) ?? []).toFixed(0)], widths));
}
rmSync(scratch, { recursive: true, force: true });
