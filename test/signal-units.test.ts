// Unit tests of what real runs cannot reach: windowsSignal's call order and its answers when
// OpenProcess is refused (Wine grants every access), against a scripted kernel32; and the tree walk's
// descendant rule on hand-made process tables. The real proof is test/signal-process.test.ts (Linux)
// and test/windows/signal-process.test.ts (Wine).
import { describe, expect, it } from 'vitest';
import { ERROR_ACCESS_DENIED, ERROR_INVALID_PARAMETER, PROCESS_QUERY_LIMITED_INFORMATION, SYNCHRONIZE, WAIT_OBJECT_0, WAIT_TIMEOUT, type FileTime } from '../src/pid/kernel32.js';
import { PROCESS_TERMINATE, type Kernel32Control } from '../src/signal/kernel32-control.js';
import { findDescendants, type ProcessRow } from '../src/signal/process-tree.js';
import { windowsSignal } from '../src/signal/signal-process.js';

const FULL = PROCESS_TERMINATE | PROCESS_QUERY_LIMITED_INFORMATION | SYNCHRONIZE;
const QUERY = SYNCHRONIZE | PROCESS_QUERY_LIMITED_INFORMATION;
// 2026-01-01T00:00:00Z as a FILETIME, and the microseconds since 1970 it stands for.
const CREATED_US = Date.UTC(2026, 0, 1) * 1000;
const CREATED = BigInt(CREATED_US) * 10n + 116_444_736_000_000_000n;

/** A kernel32 where OpenProcess grants the access rights in `grants`, the process was created at CREATED and is running. */
function scripted(grants: readonly number[], options: { exited?: boolean; terminate?: number } = {}) {
  const calls: string[] = [];
  const handle = { handle: 'process' };
  const kernel32 = {
    OpenProcess: (access: number) => {
      calls.push(`OpenProcess(${access === FULL ? 'full' : access === QUERY ? 'query' : access})`);
      return grants.includes(access) ? handle : null;
    },
    GetLastError: () => (calls.push('GetLastError'), ERROR_ACCESS_DENIED),
    WaitForSingleObject: () => (calls.push('Wait'), options.exited === true ? WAIT_OBJECT_0 : WAIT_TIMEOUT),
    CloseHandle: () => (calls.push('CloseHandle'), 1),
    GetProcessTimes: (_h: unknown, creation: FileTime) => {
      calls.push('GetProcessTimes');
      creation.dwLowDateTime = Number(CREATED & 0xffff_ffffn);
      creation.dwHighDateTime = Number(CREATED >> 32n);
      return 1;
    },
    TerminateProcess: (_h: unknown, code: number) => (calls.push(`TerminateProcess(${code})`), options.terminate ?? 1),
  } as unknown as Kernel32Control;
  return { kernel32, calls };
}

describe('windowsSignal', () => {
  it('checks the creation time and terminates through the one handle it opened', () => {
    const { kernel32, calls } = scripted([FULL]);
    expect(windowsSignal(kernel32, { pid: 4242, startTime: CREATED_US }, 'terminate', 1)).toBe('signalled');
    expect(calls).toEqual(['OpenProcess(full)', 'Wait', 'GetProcessTimes', 'TerminateProcess(1)', 'CloseHandle']);
  });

  it('answers reused for another creation time, and never terminates', () => {
    const { kernel32, calls } = scripted([FULL]);
    expect(windowsSignal(kernel32, { pid: 4242, startTime: CREATED_US + 1 }, 'terminate', 1)).toBe('reused');
    expect(calls).not.toContain('TerminateProcess(1)');
    expect(calls.at(-1)).toBe('CloseHandle');
  });

  it('tells a reused pid (now a process it may only query) from a denied one', () => {
    const reused = scripted([QUERY]);
    expect(windowsSignal(reused.kernel32, { pid: 4, startTime: CREATED_US - 5 }, 'terminate', 1)).toBe('reused');
    expect(reused.calls).toEqual(['OpenProcess(full)', 'GetLastError', 'OpenProcess(query)', 'Wait', 'GetProcessTimes', 'CloseHandle']);
    const denied = scripted([QUERY]);
    expect(windowsSignal(denied.kernel32, { pid: 4, startTime: CREATED_US }, 'terminate', 1)).toBe('denied');
    expect(windowsSignal(scripted([]).kernel32, { pid: 4, startTime: CREATED_US }, 'terminate', 1)).toBe('denied');
    expect(windowsSignal(scripted([]).kernel32, { pid: 4, startTime: null }, 'terminate', 1)).toBe('denied');
  });

  it('answers gone for no such process and for a process that has exited but still has a handle', () => {
    const { kernel32 } = scripted([FULL]);
    kernel32.GetLastError = () => ERROR_INVALID_PARAMETER;
    kernel32.OpenProcess = () => null;
    expect(windowsSignal(kernel32, { pid: 4242, startTime: CREATED_US }, 'terminate', 1)).toBe('gone');
    expect(windowsSignal(scripted([FULL], { exited: true }).kernel32, { pid: 4242, startTime: CREATED_US }, 'terminate', 1)).toBe('gone');
    expect(windowsSignal(scripted([FULL], { exited: true }).kernel32, { pid: 4242, startTime: null }, 'terminate', 1)).toBe('gone');
  });

  it('only checks for signal 0, and passes the exit code through', () => {
    const check = scripted([FULL]);
    expect(windowsSignal(check.kernel32, { pid: 4242, startTime: CREATED_US }, 'check', 1)).toBe('signalled');
    expect(check.calls.some((call) => call.startsWith('TerminateProcess'))).toBe(false);
    const code = scripted([FULL]);
    expect(windowsSignal(code.kernel32, { pid: 4242, startTime: null }, 'terminate', 143)).toBe('signalled');
    expect(code.calls).toContain('TerminateProcess(143)');
  });

  it('answers denied when TerminateProcess fails on a running process', () => {
    expect(windowsSignal(scripted([FULL], { terminate: 0 }).kernel32, { pid: 4242, startTime: CREATED_US }, 'terminate', 1)).toBe('denied');
  });
});

describe('findDescendants', () => {
  const row = (pid: number, ppid: number, startTime: number | undefined): ProcessRow => ({ pid, ppid, startTime: () => startTime });

  it('walks generations and lists the deepest first', () => {
    const rows = [row(10, 1, 100), row(11, 10, 110), row(12, 11, 120), row(13, 11, 121), row(14, 10, 115), row(99, 1, 50)];
    expect(findDescendants(rows, { pid: 10, startTime: 100 }).map((d) => [d.pid, d.depth])).toEqual([
      [13, 2],
      [12, 2],
      [14, 1],
      [11, 1],
    ]);
  });

  it('skips a process whose parent pid matches but which was created before that parent (a reused parent pid)', () => {
    const rows = [row(10, 1, 100), row(20, 10, 90), row(21, 20, 95), row(11, 10, 100)];
    expect(findDescendants(rows, { pid: 10, startTime: 100 }).map((d) => d.pid)).toEqual([11]);
  });

  it('checks each generation against its own parent, skips unreadable start times, and survives cycles', () => {
    const rows = [row(10, 1, 100), row(11, 10, 200), row(12, 11, 150), row(13, 10, undefined), row(14, 13, 300), row(1, 10, 300), row(10, 11, 400)];
    expect(findDescendants(rows, { pid: 10, startTime: 100 }).map((d) => d.pid)).toEqual([1, 11]);
  });
});
