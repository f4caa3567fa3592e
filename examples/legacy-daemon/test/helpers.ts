import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/** A child that sleeps until killed. */
export function spawnSleeper(): ChildProcess & { pid: number } {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  if (child.pid === undefined) throw new Error('spawn failed');
  return child as ChildProcess & { pid: number };
}

/** The pid of a process that has exited (and been reaped). */
export async function deadPid(): Promise<number> {
  const child = spawnSleeper();
  child.kill('SIGKILL');
  await once(child, 'exit');
  return child.pid;
}

/** Throws when `pid` is not running: the old way, kept as a test assertion. */
export function assertAlive(pid: number): void {
  process.kill(pid, 0);
}
