import { constants, hostname } from 'node:os';
import { recordedElsewhere } from '../pid/host-identity.js';
import { parsePid } from '../pid/parse-pid.js';
import { pidState } from '../pid/probe.js';
import type { SignalResult, SignalSpec, SignalTarget } from './types.js';
import { checkIdentityFields } from './validate.js';

/** A validated target: a pid and the start time to check (`null`: none, signal by pid alone). */
export interface ResolvedTarget {
  readonly pid: number;
  readonly startTime: number | null;
}

function field(value: object, name: string): unknown {
  return (value as Record<string, unknown>)[name];
}

/** What a target object says, read once (a getter runs once). */
interface IdentityFields {
  readonly pid: unknown;
  readonly startTime: unknown;
  readonly hostname: unknown;
  readonly pidNamespace: unknown;
  readonly bootId: unknown;
}

function readIdentity(target: object): IdentityFields | undefined {
  // readPidLock's answer: judge the record it read, now.
  const identity = 'state' in target && !('pid' in target) ? field(target, 'record') : target;
  if (typeof identity !== 'object' || identity === null) return undefined;
  return {
    pid: field(identity, 'pid'),
    startTime: field(identity, 'startTime'),
    hostname: field(identity, 'hostname'),
    pidNamespace: field(identity, 'pidNamespace'),
    bootId: field(identity, 'bootId'),
  };
}

/** What a target without a start time gets when it may not be signalled by pid alone: nothing is sent. */
function unverified(pid: number): { readonly result: SignalResult } {
  return { result: pidState(pid) === 'dead' ? 'gone' : 'denied' };
}

/**
 * The pid and start time a target names, or the answer when it names nothing this process may
 * signal. A bare number is a pid given on purpose (signalled by pid alone). An object (an identity,
 * a lock record, a `readPidLock` answer) is what a pid file said: `'gone'` for an invalid pid, a
 * lock status without a record or a record from another boot; `'denied'` for a record written on
 * another host or in another pid namespace, for pid 1 and this very process, and for a record
 * without a start time unless `signalUnverified`. Throws a TypeError naming a malformed identity
 * field (a start time that is NaN, a string, an object...), since it would otherwise skip its check.
 */
export function resolveTarget(target: SignalTarget, where = 'signalProcess', signalUnverified = false): ResolvedTarget | { readonly result: SignalResult } {
  if (typeof target === 'number') {
    const pid = parsePid(target);
    return pid === undefined ? { result: 'gone' } : { pid, startTime: null };
  }
  if (typeof target !== 'object' || (target as unknown) === null) return { result: 'gone' };
  let identity: IdentityFields | undefined;
  try {
    identity = readIdentity(target);
  } catch {
    // A throwing getter: no identity to act on.
    return { result: 'gone' };
  }
  if (identity === undefined) return { result: 'gone' };
  checkIdentityFields(where, identity);
  const pid = parsePid(identity.pid);
  if (pid === undefined) return { result: 'gone' };
  if (typeof identity.hostname === 'string' && identity.hostname !== hostname()) return { result: 'denied' };
  const elsewhere = recordedElsewhere(identity.pidNamespace, identity.bootId);
  if (elsewhere !== undefined) return { result: elsewhere === 'other-boot' ? 'gone' : 'denied' };
  // Never from a pid file: init (a kernel-shielded root, or a container's own service) and ourselves.
  if (pid === 1 || pid === process.pid) return { result: 'denied' };
  const { startTime } = identity;
  if (typeof startTime === 'number') return { pid, startTime };
  return signalUnverified ? { pid, startTime: null } : unverified(pid);
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
