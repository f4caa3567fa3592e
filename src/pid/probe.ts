import { parsePid } from './parse-pid.js';
import { posixBackend } from './posix.js';
import type { PidIsAliveOptions, PidState, ProbeBackend, ProbeBackendName } from './types.js';
import { createWindowsBackend } from './windows.js';

let backend: ProbeBackend | undefined;

function activeBackend(): ProbeBackend {
  // Chosen once: loading the Windows backend may load native code.
  backend ??= process.platform === 'win32' ? createWindowsBackend() : posixBackend;
  return backend;
}

/** The mechanism `pidState` uses on this machine. */
export function probeBackend(): ProbeBackendName {
  return activeBackend().name;
}

/**
 * Whether `pid` names a live process: `'alive'`, `'dead'`, or `'denied'` (it exists, or may
 * exist, but this process has no right to signal or open it). Invalid input is `'dead'`.
 * Never throws.
 */
export function pidState(pid: unknown): PidState {
  const validPid = parsePid(pid);
  if (validPid === undefined) return 'dead';
  if (validPid === process.pid) return 'alive';
  return activeBackend().probe(validPid);
}

/**
 * Whether `pid` names a live process. A permission error counts as alive only when
 * `treatPermissionDeniedAsAlive` is true. Invalid input (0, negatives, `''`, `'12abc'`, NaN,
 * non-numbers) is never alive. Never throws.
 */
export function pidIsAlive(pid: unknown, options?: PidIsAliveOptions): boolean {
  const state = pidState(pid);
  if (state !== 'denied') return state === 'alive';
  try {
    return options?.treatPermissionDeniedAsAlive === true;
  } catch {
    // An options object with a throwing getter: keep the promise never to throw.
    return false;
  }
}
