// ns per call of pidIsAlive against a raw `process.kill(pid, 0)` in a try/catch, and against the raw
// probe plus one /proc/<pid>/stat read (what pidIsAlive does for a pid that exists, on Linux), in the
// same run, for a live, a dead, a zombie and a permission-denied pid; npm peers is-running and
// process-exists alongside.
// Run: npm run bench -- pid-is-alive   (measures the built dist/, as users get it)
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { compare, formatRow } from './support/measure.js';

const require = createRequire(import.meta.url);
const { pidIsAlive } = require('../dist/cjs/src/index.js') as typeof import('../src/index.js');
const isRunning = require('is-running') as (pid: number) => boolean;

function rawProbe(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const statBuffer = Buffer.allocUnsafe(4096);

/** The raw probe, then (unless it said ESRCH) one open/read/close of /proc/<pid>/stat into a reused buffer. */
function rawProbeAndRead(pid: number): boolean {
  let alive = true;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
    alive = false;
  }
  try {
    const fd = openSync(`/proc/${pid}/stat`, 'r');
    try {
      readSync(fd, statBuffer, 0, statBuffer.length, null);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Unreadable: keep the probe's answer.
  }
  return alive;
}

const ITERATIONS = 200_000;

function readStat(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return '';
  }
}

function measure(pid: number): Record<string, number> {
  return compare(
    {
      'process.kill (raw)': () => rawProbe(pid),
      'kill + /proc read (raw)': () => rawProbeAndRead(pid),
      pidIsAlive: () => pidIsAlive(pid, { treatPermissionDeniedAsAlive: true }),
      'is-running': () => isRunning(pid),
    },
    ITERATIONS,
  );
}

async function processExistsNs(pid: number): Promise<number> {
  // Spawns `ps` per call: a handful of calls is enough to see the order of magnitude.
  const { processExists } = (await import('process-exists')) as { processExists: (pid: number) => Promise<boolean> };
  const calls = 20;
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) await processExists(pid);
  return Number(process.hrtime.bigint() - start) / calls;
}

type Rows = Record<string, Record<string, number>>;

async function main(): Promise<void> {
  if (process.argv.includes('--denied-only')) {
    // Child mode, run as an unprivileged user: pid 1 answers EPERM.
    process.stdout.write(JSON.stringify(measure(1)));
    return;
  }

  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  const livePid = child.pid ?? 0;
  const dead = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  const deadPid = dead.pid ?? 0;
  await once(dead, 'exit');

  // A zombie: sh starts a child that exits after 0.1 s, then execs sleep, which never reaps it.
  const zombieParent = spawn('sh', ['-c', 'sleep 0.1 & echo $!; exec sleep 600'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const [zombieOut] = (await once(zombieParent.stdout, 'data')) as [Buffer];
  const zombiePid = Number(zombieOut.toString().trim());
  // On a busy machine sleep may take a while to start and exit: wait until /proc says Z.
  for (let waited = 0; waited < 20_000 && !/\) Z /.test(readStat(zombiePid)); waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));

  const rows: Rows = {};
  rows['live pid'] = { ...measure(livePid), 'process-exists': await processExistsNs(livePid) };
  rows['dead pid'] = { ...measure(deadPid), 'process-exists': await processExistsNs(deadPid) };
  if (process.platform === 'linux' && !pidIsAlive(zombiePid) && rawProbe(zombiePid)) rows['zombie pid (Linux)'] = measure(zombiePid);
  else console.error(`zombie case skipped: pid ${zombiePid} is not a zombie here (${readStat(zombiePid).slice(0, 40)})`);
  child.kill('SIGKILL');
  zombieParent.kill('SIGKILL');

  const asRoot = process.getuid?.() === 0;
  const denied = asRoot
    ? spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--denied-only'], {
        uid: 65534,
        gid: 65534,
        encoding: 'utf8',
        cwd: fileURLToPath(new URL('..', import.meta.url)),
      })
    : undefined;
  if (denied && denied.status === 0) rows['denied pid (pid 1 as nobody)'] = JSON.parse(denied.stdout) as Record<string, number>;
  else if (!asRoot) rows['denied pid (pid 1)'] = measure(1);
  else console.error(`denied case skipped: ${denied?.stderr ?? ''}`);

  const widths = [30, 18, 18, 12, 12, 16, 10, 12];
  console.log(`pidIsAlive benchmark, ns per call (median of interleaved rounds), Node ${process.version} ${process.platform}-${process.arch}`);
  console.log(formatRow(['case', 'process.kill (raw)', 'kill + /proc read', 'pidIsAlive', 'is-running', 'process-exists', 'vs raw', 'vs raw+read'], widths));
  for (const [name, row] of Object.entries(rows)) {
    const raw = row['process.kill (raw)'] ?? Number.NaN;
    const rawRead = row['kill + /proc read (raw)'] ?? Number.NaN;
    const ours = row.pidIsAlive ?? Number.NaN;
    console.log(
      formatRow(
        [
          name,
          raw.toFixed(0),
          rawRead.toFixed(0),
          ours.toFixed(0),
          (row['is-running'] ?? Number.NaN).toFixed(0),
          row['process-exists'] === undefined ? '-' : row['process-exists'].toFixed(0),
          `${(ours / raw).toFixed(2)}x`,
          `${(ours / rawRead).toFixed(2)}x`,
        ],
        widths,
      ),
    );
  }
  console.log('vs raw = pidIsAlive / raw process.kill in a try/catch (target for a dead pid: <= 1.20x);');
  console.log('vs raw+read = pidIsAlive / raw process.kill plus one /proc/<pid>/stat open/read/close (what a pid that exists costs on Linux)');
}

await main();
