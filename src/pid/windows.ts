import {
  ERROR_ACCESS_DENIED,
  loadKernel32,
  PROCESS_QUERY_LIMITED_INFORMATION,
  SYNCHRONIZE,
  WAIT_TIMEOUT,
  type Kernel32,
} from './kernel32.js';
import { posixBackend } from './posix.js';
import type { PidState, ProbeBackend } from './types.js';

/**
 * Windows through kernel32: open the process for SYNCHRONIZE and wait on it for 0 ms. A process
 * handle is signalled once the process has exited, so this never mistakes an exit code of 259
 * (STILL_ACTIVE) for a live process, as GetExitCodeProcess alone would.
 */
export function kernel32Backend(kernel32: Kernel32): ProbeBackend {
  return {
    name: 'kernel32',
    probe(pid: number): PidState {
      try {
        const handle = kernel32.OpenProcess(SYNCHRONIZE | PROCESS_QUERY_LIMITED_INFORMATION, 0, pid);
        if (handle === null) {
          // Read at once: nothing may run between the failing call and GetLastError.
          // ERROR_INVALID_PARAMETER (no such process) and every other code: dead.
          return kernel32.GetLastError() === ERROR_ACCESS_DENIED ? 'denied' : 'dead';
        }
        try {
          // WAIT_OBJECT_0 (exited) and WAIT_FAILED: dead.
          return kernel32.WaitForSingleObject(handle, 0) === WAIT_TIMEOUT ? 'alive' : 'dead';
        } finally {
          kernel32.CloseHandle(handle);
        }
      } catch {
        // koffi only throws on a binding mistake; the probe keeps its promise never to throw.
        return 'dead';
      }
    },
  };
}

/**
 * The Windows backend: kernel32 when koffi loads, else `process.kill` (reported as such by
 * `probeBackend()`). libuv's `process.kill(pid, 0)` on Windows opens the process and maps
 * ERROR_INVALID_PARAMETER to ESRCH and ERROR_ACCESS_DENIED to EPERM, so the POSIX mapping
 * (ESRCH dead, EPERM denied, anything else dead) is the Windows-aware one too.
 */
export function createWindowsBackend(load: () => Kernel32 = loadKernel32): ProbeBackend {
  try {
    return kernel32Backend(load());
  } catch {
    return posixBackend;
  }
}

/**
 * A value fixed for the life of process `pid` on Windows (its creation time from GetProcessTimes),
 * or `undefined` when it cannot be read. Seam for the kernel32 implementation.
 */
export function windowsProcessStartTime(_pid: number): number | undefined {
  return undefined;
}
