// ns per call of signalProcess against a raw `process.kill(pid, signal)` in a try/catch, in the same
// run, sending SIGWINCH (discarded by the kernel: no handler, default action ignore) to a live child:
// by bare pid, by identity through pidfd, and by identity through the check-then-signal fallback.
// Run: npm run bench -- signal-process   (measures the built dist/, as users get it)
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { compare, formatRow } from './support/measure.js';

const require = createRequire(import.meta.url);
const { signalProcess, processStartTime } = require('../dist/cjs/src/index.js') as typeof import('../src/index.js');
const internals = require('../dist/cjs/src/signal/signal-process.js') as typeof import('../src/signal/signal-process.js');

const ITERATIONS = 20_000;
const SIGWINCH = 28;

function rawKill(pid: number): boolean {
  // SIGWINCH has no meaning on Windows; this benchmark runs on POSIX.
  if (process.platform === 'win32') return false;
  try {
    process.kill(pid, SIGWINCH);
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000); process.send("up")'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  await once(child, 'message');
  const pid = child.pid ?? 0;
  const startTime = processStartTime(pid) ?? 0;
  const identity = { pid, startTime };
  const pidfd = internals.availablePidfd();
  if (process.platform === 'linux' && pidfd === undefined) console.warn('pidfd is not available here: the "pidfd" row measures the fallback');
  const checks = {
    pidfd: signalProcess(identity, 'SIGWINCH'),
    fallback: internals.checkThenSignal(identity, SIGWINCH),
  };
  if (checks.pidfd !== 'signalled' || checks.fallback !== 'signalled') throw new Error(`the paths do not signal: ${JSON.stringify(checks)}`);

  const ns = compare(
    {
      'process.kill (raw)': () => rawKill(pid),
      'signalProcess(pid)': () => signalProcess(pid, SIGWINCH),
      'signalProcess(identity), pidfd': () => signalProcess(identity, SIGWINCH),
      'signalProcess(identity), check-then-signal': () => internals.checkThenSignal(identity, SIGWINCH),
      'processStartTime (the check alone)': () => processStartTime(pid),
    },
    ITERATIONS,
  );
  child.kill('SIGKILL');

  const raw = ns['process.kill (raw)'] ?? Number.NaN;
  const widths = [44, 10, 8];
  console.log(`signalProcess benchmark, ns per call (median of interleaved rounds), Node ${process.version} ${process.platform}-${process.arch}`);
  console.log(formatRow(['path', 'ns', 'ratio'], widths));
  for (const [name, value] of Object.entries(ns)) console.log(formatRow([name, value.toFixed(0), `${(value / raw).toFixed(2)}x`], widths));
  console.log('ratio = this path / raw process.kill(pid, SIGWINCH) in a try/catch, same run');
}

await main();
