import { setTimeout as sleep } from 'node:timers/promises';
import { isRunning, readPid } from './pid-file.js';

/** `legacyd stop`: SIGTERM, then wait until the daemon has really exited. */
export async function stopDaemon(pidFile: string, timeoutMs = 5_000): Promise<'stopped' | 'not-running' | 'timeout'> {
  const pid = readPid(pidFile);
  if (pid === undefined || !isRunning(pid)) return 'not-running';
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return 'stopped'; // it exited
    }
    await sleep(25);
  }
  return 'timeout';
}

/** A missing process is an answer; any other error is a bug we want to hear about. */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}
