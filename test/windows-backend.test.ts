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
import { createWindowsBackend, kernel32Backend } from '../src/pid/windows.js';

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
