// ns per call of pidIsAlive against a raw `process.kill(pid, 0)` in a try/catch, in the same run,
// for a live, a dead and a permission-denied pid; npm peers is-running and process-exists alongside.
// Run: npm run bench -- pid-is-alive   (measures the built dist/, as users get it)
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
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

const ITERATIONS = 200_000;

function measure(pid: number): Record<string, number> {
  return compare(
    {
      'process.kill (raw)': () => rawProbe(pid),
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

  const rows: Rows = {};
  rows['live pid'] = { ...measure(livePid), 'process-exists': await processExistsNs(livePid) };
  rows['dead pid'] = { ...measure(deadPid), 'process-exists': await processExistsNs(deadPid) };
  child.kill('SIGKILL');

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

  const widths = [30, 20, 12, 12, 16, 14];
  console.log(`pidIsAlive benchmark, ns per call (median of interleaved rounds), Node ${process.version} ${process.platform}-${process.arch}`);
  console.log(formatRow(['case', 'process.kill (raw)', 'pidIsAlive', 'is-running', 'process-exists', 'ratio'], widths));
  for (const [name, row] of Object.entries(rows)) {
    const raw = row['process.kill (raw)'] ?? Number.NaN;
    const ours = row.pidIsAlive ?? Number.NaN;
    console.log(
      formatRow(
        [
          name,
          raw.toFixed(0),
          ours.toFixed(0),
          (row['is-running'] ?? Number.NaN).toFixed(0),
          row['process-exists'] === undefined ? '-' : row['process-exists'].toFixed(0),
          `${(ours / raw).toFixed(2)}x`,
        ],
        widths,
      ),
    );
  }
  console.log('ratio = pidIsAlive / raw process.kill in a try/catch (target: <= 1.20x)');
}

await main();
