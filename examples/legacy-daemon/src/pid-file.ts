import { readFileSync, writeFileSync } from 'node:fs';

/** The pid written in `pidFile`, or undefined when there is no such file. */
export function readPid(pidFile: string): number | undefined {
  try {
    return Number(readFileSync(pidFile, 'utf8').trim());
  } catch {
    return undefined;
  }
}

export function writePid(pidFile: string, pid: number = process.pid): void {
  writeFileSync(pidFile, `${pid}\n`);
}

/** True while `pid` is running. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * True while the daemon named in `pidFile` holds it. A holder we may not signal (EPERM: another
 * user's instance) still holds it: we must not start a second daemon over it.
 */
export function lockHeld(pidFile: string): boolean {
  try {
    const pid = Number(readFileSync(pidFile, 'utf8'));
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
