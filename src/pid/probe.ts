import { parsePid } from './parse-pid.js';
import { posixBackend } from './posix.js';
import { procStatLiveness, READS_PROC_STAT } from './proc-stat.js';
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
 * The one decision behind `pidState` and the pid lock, for a validated pid. `'zombie'`: the probe
 * found the pid, but /proc says it has exited and waits to be reaped (Linux), which is dead.
 * The current process is alive without a syscall; a pid the probe calls dead costs nothing more.
 */
export function probeValidPid(pid: number): PidState | 'zombie' {
  if (pid === process.pid) return 'alive';
  const state = activeBackend().probe(pid);
  // Unreadable /proc (hidepid, not mounted) keeps the probe's answer.
  if (state === 'dead' || !READS_PROC_STAT) return state;
  return procStatLiveness(pid) === 'exited' ? 'zombie' : state;
}

/**
 * Whether `pid` names a live process: `'alive'`, `'dead'`, or `'denied'` (it exists, or may
 * exist, but this process has no right to signal or open it). Invalid input is `'dead'`, and so
 * is a zombie on Linux. Never throws.
 */
export function pidState(pid: unknown): PidState {
  const validPid = parsePid(pid);
  if (validPid === undefined) return 'dead';
  const state = probeValidPid(validPid);
  return state === 'zombie' ? 'dead' : state;
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
