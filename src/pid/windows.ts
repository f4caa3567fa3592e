import { posixBackend } from './posix.js';
import type { ProbeBackend } from './types.js';

/**
 * The Windows backend. Seam for the kernel32 implementation (OpenProcess + WaitForSingleObject
 * through koffi); until it lands, Windows uses the same `process.kill` mapping as POSIX.
 */
export function createWindowsBackend(): ProbeBackend {
  return posixBackend;
}

/**
 * A value fixed for the life of process `pid` on Windows (its creation time from GetProcessTimes),
 * or `undefined` when it cannot be read. Seam for the kernel32 implementation.
 */
export function windowsProcessStartTime(_pid: number): number | undefined {
  return undefined;
}
