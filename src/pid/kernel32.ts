import type * as Koffi from 'koffi';
import { loadOnce } from '../internal/load-once.js';
import { nodeRequire } from '../internal/node-require.js';

/** Access rights, wait results and error codes from the Windows SDK (winnt.h, winbase.h, winerror.h). */
export const SYNCHRONIZE = 0x0010_0000;
export const PROCESS_QUERY_LIMITED_INFORMATION = 0x1000;
export const WAIT_OBJECT_0 = 0;
export const WAIT_TIMEOUT = 0x102;
export const WAIT_FAILED = 0xffff_ffff;
export const ERROR_ACCESS_DENIED = 5;
export const ERROR_INVALID_PARAMETER = 87;

/** A FILETIME filled in by kernel32: 100 ns intervals since 1601-01-01 UTC, split in two DWORDs. */
export interface FileTime {
  dwLowDateTime?: number;
  dwHighDateTime?: number;
}

/** The kernel32 calls the Windows backend makes. A HANDLE is opaque; `null` is NULL. */
export interface Kernel32 {
  OpenProcess(desiredAccess: number, inheritHandle: number, processId: number): unknown;
  GetLastError(): number;
  WaitForSingleObject(handle: unknown, milliseconds: number): number;
  CloseHandle(handle: unknown): number;
  GetProcessTimes(handle: unknown, creation: FileTime, exit: FileTime, kernel: FileTime, user: FileTime): number;
}

/**
 * kernel32 through koffi, bound once per process. Throws when koffi or its native binary cannot
 * load (missing platform package, unsupported arch) or kernel32 cannot be opened; the failure is
 * remembered too, so callers do not retry the load on every probe.
 */
export const loadKernel32: () => Kernel32 = loadOnce(() => bindKernel32());

function bindKernel32(): Kernel32 {
  const koffi = nodeRequire('koffi') as typeof Koffi;
  const lib = koffi.load('kernel32.dll');
  const fileTime = koffi.struct({ dwLowDateTime: 'uint32_t', dwHighDateTime: 'uint32_t' });
  // Anonymous: a named koffi type would clash when both the ESM and CJS builds load in one process.
  const out = koffi.out(koffi.pointer(fileTime));
  // __stdcall is what WINAPI means; it only changes the call on win32-ia32, where it is required.
  // BOOL is a 32-bit int and DWORD a uint32 (so WAIT_FAILED reads as 0xFFFFFFFF, not -1).
  return {
    OpenProcess: lib.func('__stdcall', 'OpenProcess', 'void *', ['uint32_t', 'int', 'uint32_t']),
    GetLastError: lib.func('__stdcall', 'GetLastError', 'uint32_t', []),
    WaitForSingleObject: lib.func('__stdcall', 'WaitForSingleObject', 'uint32_t', ['void *', 'uint32_t']),
    CloseHandle: lib.func('__stdcall', 'CloseHandle', 'int', ['void *']),
    GetProcessTimes: lib.func('__stdcall', 'GetProcessTimes', 'int', ['void *', out, out, out, out]),
  } as Kernel32;
}
