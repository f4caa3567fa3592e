// Unit tests of the Windows backend's mapping against a scripted kernel32. They pin down call order
// and handle hygiene, which a real run cannot observe; the real proof is test/windows/ under Wine.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ERROR_ACCESS_DENIED,
  ERROR_INVALID_PARAMETER,
  PROCESS_QUERY_LIMITED_INFORMATION,
  SYNCHRONIZE,
  WAIT_FAILED,
  WAIT_OBJECT_0,
  WAIT_TIMEOUT,
  type Kernel32,
} from '../src/pid/kernel32.js';
import { createWindowsBackend, kernel32Backend, kernel32ProcessStartTime, windowsProcessStartTime } from '../src/pid/windows.js';

afterEach(() => {
  vi.restoreAllMocks();
});

const HANDLE = { handle: 'process' };

/** A kernel32 whose OpenProcess and WaitForSingleObject answer as scripted, logging every call. */
function scriptedKernel32(open: { handle: unknown; lastError?: number }, wait: () => number = () => WAIT_TIMEOUT) {
  const calls: string[] = [];
  const kernel32: Kernel32 = {
    OpenProcess: (access, inherit, pid) => (calls.push(`OpenProcess(${access}, ${inherit}, ${pid})`), open.handle),
    GetLastError: () => (calls.push('GetLastError'), open.lastError ?? 0),
    WaitForSingleObject: (handle, ms) => (calls.push(`WaitForSingleObject(${handle === HANDLE ? 'h' : '?'}, ${ms})`), wait()),
    CloseHandle: (handle) => (calls.push(`CloseHandle(${handle === HANDLE ? 'h' : '?'})`), 1),
    GetProcessTimes: () => (calls.push('GetProcessTimes'), 0),
  };
  return { kernel32, calls };
}

const OPEN = `OpenProcess(${SYNCHRONIZE | PROCESS_QUERY_LIMITED_INFORMATION}, 0, 4242)`;

describe('kernel32 mapping', () => {
  it.each([
    ['ERROR_INVALID_PARAMETER (no such process)', ERROR_INVALID_PARAMETER, 'dead'],
    ['ERROR_ACCESS_DENIED', ERROR_ACCESS_DENIED, 'denied'],
    ['any other error', 6, 'dead'],
    ['no error code at all', 0, 'dead'],
  ])('OpenProcess NULL with %s: %s', (_name, lastError, expected) => {
    const { kernel32, calls } = scriptedKernel32({ handle: null, lastError });
    expect(kernel32Backend(kernel32).probe(4242)).toBe(expected);
    // GetLastError right after the failing call, nothing in between; no handle to close.
    expect(calls).toEqual([OPEN, 'GetLastError']);
  });

  it.each([
    ['WAIT_TIMEOUT (still running)', WAIT_TIMEOUT, 'alive'],
    ['WAIT_OBJECT_0 (exited)', WAIT_OBJECT_0, 'dead'],
    ['WAIT_FAILED', WAIT_FAILED, 'dead'],
    ['WAIT_ABANDONED (not for processes)', 0x80, 'dead'],
  ])('a handle that waits with %s: %s, and the handle is closed', (_name, waitResult, expected) => {
    const { kernel32, calls } = scriptedKernel32({ handle: HANDLE }, () => waitResult);
    expect(kernel32Backend(kernel32).probe(4242)).toBe(expected);
    expect(calls).toEqual([OPEN, 'WaitForSingleObject(h, 0)', 'CloseHandle(h)']);
  });

  it('closes the handle when the wait throws, and still answers', () => {
    const { kernel32, calls } = scriptedKernel32({ handle: HANDLE }, () => {
      throw new Error('binding failure');
    });
    expect(kernel32Backend(kernel32).probe(4242)).toBe('dead');
    expect(calls).toEqual([OPEN, 'WaitForSingleObject(h, 0)', 'CloseHandle(h)']);
  });

  it('never calls process.kill', () => {
    const kill = vi.spyOn(process, 'kill');
    const { kernel32 } = scriptedKernel32({ handle: HANDLE });
    expect(kernel32Backend(kernel32).probe(4242)).toBe('alive');
    expect(kill).not.toHaveBeenCalled();
  });

  it('is named kernel32', () => {
    expect(kernel32Backend(scriptedKernel32({ handle: null }).kernel32).name).toBe('kernel32');
  });
});

describe('createWindowsBackend', () => {
  it('uses kernel32 when the bindings load', () => {
    const { kernel32 } = scriptedKernel32({ handle: HANDLE });
    expect(createWindowsBackend(() => kernel32).name).toBe('kernel32');
  });

  it.each([
    ['ESRCH', 'dead'],
    ['EPERM', 'denied'],
    ['EINVAL', 'dead'],
  ])('falls back to process.kill when koffi cannot load, mapping %s to %s', (code, expected) => {
    const backend = createWindowsBackend(() => {
      throw new Error('Cannot find the native Koffi module');
    });
    expect(backend.name).toBe('process.kill');
    const kill = vi.spyOn(process, 'kill').mockImplementation(() => {
      throw Object.assign(new Error(code), { code });
    });
    expect(backend.probe(4242)).toBe(expected);
    expect(kill).toHaveBeenCalledExactlyOnceWith(4242, 0);
  });
});

describe('process start time from GetProcessTimes', () => {
  /** A kernel32 that opens pid 4242 and reports `creation` (a FILETIME as a bigint) for it. */
  function withCreationTime(creation: bigint | undefined, ok = 1) {
    const { kernel32, calls } = scriptedKernel32({ handle: HANDLE });
    kernel32.GetProcessTimes = (handle, creationOut) => {
      calls.push(`GetProcessTimes(${handle === HANDLE ? 'h' : '?'})`);
      if (creation !== undefined) Object.assign(creationOut, { dwLowDateTime: Number(creation & 0xffff_ffffn), dwHighDateTime: Number(creation >> 32n) });
      return ok;
    };
    return { kernel32, calls };
  }

  it('is the creation time in microseconds since 1970, and the handle is closed', () => {
    // 2026-11-23T19:00:00.1234567Z as a FILETIME: 100 ns ticks since 1601.
    const unixMs = Date.UTC(2026, 10, 23, 19, 0, 0, 123);
    const filetime = BigInt(unixMs) * 10_000n + 4567n + 116_444_736_000_000_000n;
    const { kernel32, calls } = withCreationTime(filetime);
    expect(kernel32ProcessStartTime(kernel32, 4242)).toBe(unixMs * 1000 + 456);
    expect(calls).toEqual([OPEN, 'WaitForSingleObject(h, 0)', 'GetProcessTimes(h)', 'CloseHandle(h)']);
  });

  it('is undefined for a process that has exited, though a handle keeps it openable', () => {
    const { kernel32, calls } = scriptedKernel32({ handle: HANDLE }, () => WAIT_OBJECT_0);
    expect(kernel32ProcessStartTime(kernel32, 4242)).toBeUndefined();
    expect(calls).toEqual([OPEN, 'WaitForSingleObject(h, 0)', 'CloseHandle(h)']);
  });

  it('is undefined when the process cannot be opened', () => {
    expect(kernel32ProcessStartTime(scriptedKernel32({ handle: null, lastError: ERROR_INVALID_PARAMETER }).kernel32, 4242)).toBeUndefined();
  });

  it.each([
    ['GetProcessTimes fails', withCreationTime(123n << 40n, 0)],
    ['the FILETIME stays unfilled', withCreationTime(undefined)],
    ['the FILETIME is zero', withCreationTime(0n)],
  ])('is undefined when %s, and the handle is closed', (_name, { kernel32, calls }) => {
    expect(kernel32ProcessStartTime(kernel32, 4242)).toBeUndefined();
    expect(calls.at(-1)).toBe('CloseHandle(h)');
  });

  it('is undefined, not a throw, when a kernel32 call throws', () => {
    const { kernel32, calls } = withCreationTime(1n);
    kernel32.GetProcessTimes = () => {
      throw new Error('binding failure');
    };
    expect(kernel32ProcessStartTime(kernel32, 4242)).toBeUndefined();
    expect(calls.at(-1)).toBe('CloseHandle(h)');
  });

  it('is undefined off Windows', () => {
    expect(windowsProcessStartTime(process.pid)).toBeUndefined();
  });
});
