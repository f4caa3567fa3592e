// `hermes-codemod --check` over tens of thousands of real JS/TS files (copies of the project's own
// node_modules), against `rg -l kill` (the I/O floor: list the files that mention kill) and ast-grep
// (`process.kill($P, 0)`, a structural search that parses every file), interleaved in the same run.
// Prints medians and ratios; asserts nothing. Run: npm run bench -- codemod (measures the built dist/).
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatRow } from './support/measure.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const COPIES = 8;
const ROUNDS = 3;
const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
/** Renamed in the copies: the codemod skips these by design, rg and ast-grep would not. */
const SKIPPED = new Set(['node_modules', 'dist', 'build', 'out', 'coverage']);

/** The corpus: a git repository, as a codebase under migration is; built once, then reused. */
function corpus(): string {
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
  const git = (...args: string[]): void => {
    execFileSync('git', ['-c', 'user.email=bench@example.com', '-c', 'user.name=bench', ...args], { cwd: dir, stdio: 'ignore' });
  };
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'corpus');
  writeFileSync(join(dir, '.git', 'corpus-complete'), '');
  return dir;
}

interface Tool {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly okStatus: readonly number[];
}

function available(command: string, args: readonly string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

const dir = corpus();
const files = execFileSync('git', ['ls-files', '-z'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 }).split('\0').filter(Boolean).length;
const cli = join(root, 'dist/esm/src/cli/hermes-codemod.js');
const astGrep = join(root, 'node_modules/.bin/ast-grep');
const tools: Tool[] = [];
if (available('rg', ['--version'])) tools.push({ name: 'rg -l kill', command: 'rg', args: ['-l', 'kill', '.'], okStatus: [0] });
else console.log('ripgrep (rg) is not installed (apt-get install ripgrep): the rg baseline is skipped.');
tools.push({ name: 'hermes-codemod --check', command: process.execPath, args: [cli, '--check', '.'], okStatus: [0, 1] });
// Outside a git work tree the CLI falls back to globby's .gitignore emulation.
tools.push({ name: '  (outside git: globby)', command: process.execPath, args: [cli, '--check', '.'], env: { ...process.env, GIT_DIR: join(dir, 'no-such-git-dir') }, okStatus: [0, 1] });
if (available(astGrep, ['--version'])) tools.push({ name: "ast-grep 'process.kill($P, 0)'", command: astGrep, args: ['run', '-p', 'process.kill($P, 0)', '.'], okStatus: [0, 1] });
else console.log('ast-grep (@ast-grep/cli) is not installed: its row is skipped.');

const samples = new Map<string, number[]>(tools.map((tool) => [tool.name, []]));
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 === 0 ? tools : [...tools].reverse();
  for (const tool of order) {
    const start = process.hrtime.bigint();
    const run = spawnSync(tool.command, [...tool.args], { cwd: dir, env: tool.env ?? process.env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (run.status === null || !tool.okStatus.includes(run.status)) throw new Error(`${tool.name} failed (${String(run.status)}): ${run.stderr.toString()}`);
    samples.get(tool.name)?.push(seconds);
  }
}

const median = (name: string): number => {
  const sorted = [...(samples.get(name) ?? [])].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const rg = samples.has('rg -l kill') ? median('rg -l kill') : Number.NaN;
const sg = tools.find((t) => t.name.startsWith('ast-grep'));
const astGrepTime = sg === undefined ? Number.NaN : median(sg.name);

console.log(`${new Date().toISOString().slice(0, 10)}, ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load average ${loadavg()[0]?.toFixed(1) ?? '?'}`);
console.log(`${files} JS/TS files (${COPIES} copies of node_modules), median of ${ROUNDS} interleaved rounds, seconds:\n`);
const widths = [34, 9, 9, 12];
console.log(formatRow(['command', 'median s', 'vs rg', 'vs ast-grep'], widths));
for (const tool of tools) {
  const time = median(tool.name);
  console.log(formatRow([tool.name, time.toFixed(2), `${(time / rg).toFixed(2)}x`, `${(time / astGrepTime).toFixed(2)}x`], widths));
}
