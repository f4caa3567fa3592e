import { errorCode, isRuntimePermissionError } from './error-code.js';
import type { PidState, ProbeBackend } from './types.js';

/**
 * Maps what `process.kill(pid, 0)` threw to a state: EPERM, and a runtime's refusal (Deno without
 * --allow-run), are 'denied'; anything else is 'dead'.
 */
export function stateFromKillError(error: unknown): PidState {
  return errorCode(error) === 'EPERM' || isRuntimePermissionError(error) ? 'denied' : 'dead';
}

/** POSIX: signal 0 checks existence and permission without delivering anything. */
export const posixBackend: ProbeBackend = {
  name: 'process.kill',
  probe(pid: number): PidState {
    try {
      // `process.kill` is looked up per call so test spies and wrappers see it.
      process.kill(pid, 0);
      return 'alive';
    } catch (error) {
      return stateFromKillError(error);
    }
  },
};
