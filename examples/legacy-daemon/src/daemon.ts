import { readFileSync, rmSync } from 'node:fs';
import { lockHeld, writePid } from './pid-file.js';

/** Starts the daemon unless another instance holds the pid file; clears a stale one first. */
export function startDaemon(pidFile: string, run: () => void): 'started' | 'already-running' {
  if (lockHeld(pidFile)) return 'already-running';
  try {
    const previous = Number(readFileSync(pidFile, 'utf8'));
    process.kill(previous, 0);
  } catch {
    // no pid file, or its process is gone: start clean
    rmSync(pidFile, { force: true });
  }
  writePid(pidFile);
  run();
  return 'started';
}
