import {
  ERROR_ACCESS_DENIED,
  loadKernel32,
  PROCESS_QUERY_LIMITED_INFORMATION,
  SYNCHRONIZE,
  WAIT_TIMEOUT,
  type FileTime,
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

// FILETIME counts 100 ns intervals since 1601-01-01; this many of them lie before 1970-01-01.
const FILETIME_UNIX_EPOCH = 116_444_736_000_000_000n;

/**
 * Creation time of the live process behind `handle` (opened with SYNCHRONIZE and
 * PROCESS_QUERY_LIMITED_INFORMATION), as `kernel32ProcessStartTime` gives it; `undefined` once it
 * has exited or when it cannot be queried.
 */
export function liveCreationTime(kernel32: Kernel32, handle: unknown): number | undefined {
  // An exited process lingers while anyone holds a handle to it; it has no start time to match.
  if (kernel32.WaitForSingleObject(handle, 0) !== WAIT_TIMEOUT) return undefined;
  const creation: FileTime = {};
  if (kernel32.GetProcessTimes(handle, creation, {}, {}, {}) === 0) return undefined;
  const { dwLowDateTime: low, dwHighDateTime: high } = creation;
  if (typeof low !== 'number' || typeof high !== 'number') return undefined;
  const ticks = (BigInt(high >>> 0) << 32n) | BigInt(low >>> 0);
  // Zero means the time was not filled in; a creation time always lies after 1970.
  return ticks > FILETIME_UNIX_EPOCH ? Number((ticks - FILETIME_UNIX_EPOCH) / 10n) : undefined;
}

/**
 * Creation time of live process `pid` from GetProcessTimes, in whole microseconds since 1970 (a
 * safe integer until the year 2255), or `undefined` when it has exited or cannot be opened or queried.
 */
export function kernel32ProcessStartTime(kernel32: Kernel32, pid: number): number | undefined {
  try {
    const handle = kernel32.OpenProcess(SYNCHRONIZE | PROCESS_QUERY_LIMITED_INFORMATION, 0, pid);
    if (handle === null) return undefined;
    try {
      return liveCreationTime(kernel32, handle);
    } finally {
      kernel32.CloseHandle(handle);
    }
  } catch {
    return undefined;
  }
}

/**
 * A value fixed for the life of process `pid` on Windows (its creation time from GetProcessTimes)
 * that differs for a later process given the same pid, or `undefined` when it cannot be read
 * (not Windows, koffi unavailable, no such process, no access). Never throws.
 */
export function windowsProcessStartTime(pid: number): number | undefined {
  if (process.platform !== 'win32') return undefined;
  let kernel32: Kernel32;
  try {
    kernel32 = loadKernel32();
  } catch {
    return undefined;
  }
  return kernel32ProcessStartTime(kernel32, pid);
}
