import type * as Koffi from 'koffi';
import { loadOnce } from '../internal/load-once.js';
import { nodeRequire } from '../internal/node-require.js';
import { loadKernel32, type Kernel32 } from '../pid/kernel32.js';

/** Access right and snapshot flag from the Windows SDK (winnt.h, tlhelp32.h). */
export const PROCESS_TERMINATE = 0x0001;
export const TH32CS_SNAPPROCESS = 0x0002;

/** What Process32FirstW/NextW fill in (PROCESSENTRY32W); only the fields this package reads are typed. */
export interface ProcessEntry32 {
  dwSize: number;
  th32ProcessID?: number;
  th32ParentProcessID?: number;
}

/** kernel32 calls for signalling and walking processes, on top of the probe's. Handles are opaque. */
export interface Kernel32Control extends Kernel32 {
  TerminateProcess(handle: unknown, exitCode: number): number;
  /** Returns the snapshot handle as an integer, so that INVALID_HANDLE_VALUE reads as -1. */
  CreateToolhelp32Snapshot(flags: number, processId: number): number | bigint;
  Process32FirstW(snapshot: number | bigint, entry: ProcessEntry32): number;
  Process32NextW(snapshot: number | bigint, entry: ProcessEntry32): number;
  CloseSnapshot(snapshot: number | bigint): number;
  /** The size Process32FirstW expects in `dwSize`. */
  readonly processEntrySize: number;
  /** WaitForSingleObject on a koffi worker thread: waits without blocking the event loop. */
  waitAsync(handle: unknown, milliseconds: number): Promise<number>;
}

/** Binds once per process, like `loadKernel32`; throws (and remembers) when koffi cannot load. */
export const loadKernel32Control: () => Kernel32Control = loadOnce(() => bindControl(loadKernel32()));

function bindControl(base: Kernel32): Kernel32Control {
  const koffi = nodeRequire('koffi') as typeof Koffi;
  const lib = koffi.load('kernel32.dll');
  // Anonymous types, as in kernel32.ts: named ones clash when the ESM and CJS builds load together.
  const entry = koffi.struct({
    dwSize: 'uint32_t',
    cntUsage: 'uint32_t',
    th32ProcessID: 'uint32_t',
    th32DefaultHeapID: 'uintptr_t',
    th32ModuleID: 'uint32_t',
    cntThreads: 'uint32_t',
    th32ParentProcessID: 'uint32_t',
    pcPriClassBase: 'int32_t',
    dwFlags: 'uint32_t',
    szExeFile: koffi.array('uint16_t', 260),
  });
  const entryRef = koffi.inout(koffi.pointer(entry));
  const wait = lib.func('__stdcall', 'WaitForSingleObject', 'uint32_t', ['void *', 'uint32_t']);
  return {
    ...base,
    TerminateProcess: lib.func('__stdcall', 'TerminateProcess', 'int', ['void *', 'uint32_t']),
    CreateToolhelp32Snapshot: lib.func('__stdcall', 'CreateToolhelp32Snapshot', 'intptr_t', ['uint32_t', 'uint32_t']),
    Process32FirstW: lib.func('__stdcall', 'Process32FirstW', 'int', ['intptr_t', entryRef]),
    Process32NextW: lib.func('__stdcall', 'Process32NextW', 'int', ['intptr_t', entryRef]),
    CloseSnapshot: lib.func('__stdcall', 'CloseHandle', 'int', ['intptr_t']),
    processEntrySize: koffi.sizeof(entry),
    waitAsync: (handle, milliseconds) =>
      new Promise((resolve, reject) => {
        wait.async(handle, milliseconds, (error: unknown, result: number) => (error ? reject(error as Error) : resolve(result)));
      }),
  } as Kernel32Control;
}
