import { constants, hostname } from 'node:os';
import { parsePid } from '../pid/parse-pid.js';
import type { SignalResult, SignalSpec, SignalTarget } from './types.js';

/** A validated target: a pid and the start time to check (`null`: none, signal by pid alone). */
export interface ResolvedTarget {
  readonly pid: number;
  readonly startTime: number | null;
}

function field(value: object, name: string): unknown {
  return (value as Record<string, unknown>)[name];
}

/**
 * The pid and start time a target names, or the answer when it names nothing this process can
 * signal: `'gone'` for an invalid pid or a lock status without a record, `'denied'` for a record
 * written on another host. Never throws (an object with throwing getters is `'gone'`).
 */
export function resolveTarget(target: SignalTarget): ResolvedTarget | { readonly result: SignalResult } {
  try {
    if (typeof target === 'number') {
      const pid = parsePid(target);
      return pid === undefined ? { result: 'gone' } : { pid, startTime: null };
    }
    if (typeof target !== 'object' || (target as unknown) === null) return { result: 'gone' };
    // readPidLock's answer: judge the record it read, now.
    const identity = 'state' in target && !('pid' in target) ? target.record : target;
    if (identity === undefined) return { result: 'gone' };
    const pid = parsePid(field(identity, 'pid'));
    if (pid === undefined) return { result: 'gone' };
    const host = field(identity, 'hostname');
    if (typeof host === 'string' && host !== hostname()) return { result: 'denied' };
    const startTime = field(identity, 'startTime');
    return { pid, startTime: typeof startTime === 'number' && Number.isFinite(startTime) ? startTime : null };
  } catch {
    return { result: 'gone' };
  }
}

/** The POSIX number of a signal name or number, or `undefined` when this platform has no such signal. */
export function signalNumber(signal: SignalSpec): number | undefined {
  if (typeof signal === 'number') return Number.isInteger(signal) && signal >= 0 && signal <= 64 ? signal : undefined;
  if (typeof signal !== 'string') return undefined;
  const signals = constants.signals as Partial<Record<string, number>>;
  return Object.hasOwn(signals, signal) ? signals[signal] : undefined;
}

// The signals Node emulates on Windows by terminating the process (libuv's uv_kill).
const WINDOWS_TERMINATING = new Set(['SIGTERM', 'SIGKILL', 'SIGINT', 'SIGQUIT'].map((name) => signalNumber(name as NodeJS.Signals)));

/** On Windows: `'terminate'`, `'check'` (signal 0), or `undefined` for a signal Windows has no meaning for. */
export function windowsAction(signal: SignalSpec): 'terminate' | 'check' | undefined {
  const number = signalNumber(signal);
  if (number === 0) return 'check';
  return number !== undefined && WINDOWS_TERMINATING.has(number) ? 'terminate' : undefined;
}
