import { setTimeout as sleep } from 'node:timers/promises';
import { PROCESS_QUERY_LIMITED_INFORMATION, SYNCHRONIZE, WAIT_TIMEOUT } from '../pid/kernel32.js';
import { pidState } from '../pid/probe.js';
import { isExitedState, readLinuxProcStat } from '../pid/proc-stat.js';
import { processStartTime } from '../pid/start-time.js';
import { liveCreationTime } from '../pid/windows.js';
import { loadKernel32Control } from './kernel32-control.js';
import { findDescendants, readProcessTable, type Descendant } from './process-tree.js';
import { availablePidfd, checkSignalOptions, openVerifiedPidfd, signalResolved } from './signal-process.js';
import { resolveTarget, signalNumber, type ResolvedTarget } from './target.js';
import { booleanOption, checkSignal, durationOption, optionsObject } from './validate.js';
import type { SignalProcessOptions, SignalResult, SignalSpec, SignalTarget, StopOutcome, StopProcessOptions, StopResult } from './types.js';

/** A process being stopped: signalled, and watched for its exit, by the identity it was checked with. */
interface Watched {
  /** Sends a signal to exactly this process, or answers why not. */
  signal(signal: SignalSpec): SignalResult;
  /** Whether it has exited, without waiting. */
  exited(): boolean;
  /** Waits up to `ms` for it to exit (or just sleeps where it cannot be waited on). */
  wait(ms: number): Promise<void>;
  close(): void;
}

function pidfdWatch(target: ResolvedTarget & { startTime: number }): Watched | { result: SignalResult } | undefined {
  const pidfd = availablePidfd();
  if (pidfd === undefined) return undefined;
  const opened = openVerifiedPidfd(pidfd, target);
  if (opened === undefined || 'result' in opened) return opened;
  const { fd } = opened;
  return {
    signal(signal) {
      const number = signalNumber(signal);
      if (number === undefined) return 'unsupported';
      const errno = pidfd.sendSignal(fd, number);
      if (errno === 0) return 'signalled';
      return errno === pidfd.errno.ESRCH ? 'gone' : errno === pidfd.errno.EINVAL ? 'unsupported' : 'denied';
    },
    exited: () => pidfd.exited(fd),
    wait: async (ms) => {
      await pidfd.waitExit(fd, ms);
    },
    close: () => pidfd.close(fd),
  };
}

function handleWatch(target: ResolvedTarget, options: SignalProcessOptions): Watched | { result: SignalResult } | undefined {
  let kernel32;
  try {
    kernel32 = loadKernel32Control();
  } catch {
    return undefined;
  }
  const handle = kernel32.OpenProcess(SYNCHRONIZE | PROCESS_QUERY_LIMITED_INFORMATION, 0, target.pid);
  // No handle: let the signal tell gone from denied.
  if (handle === null) return undefined;
  const live = liveCreationTime(kernel32, handle);
  const verdict = live === undefined ? 'gone' : target.startTime !== null && live !== target.startTime ? 'reused' : undefined;
  if (verdict !== undefined) {
    kernel32.CloseHandle(handle);
    return { result: verdict };
  }
  // The handle keeps the process object, so a reused pid cannot fool the wait; signals re-check the creation time.
  const identity = { pid: target.pid, startTime: live ?? null };
  return {
    signal: (signal) => signalResolved(identity, signal, options),
    exited: () => kernel32.WaitForSingleObject(handle, 0) !== WAIT_TIMEOUT,
    wait: async (ms) => {
      await kernel32.waitAsync(handle, Math.max(0, Math.round(ms)));
    },
    close: () => kernel32.CloseHandle(handle),
  };
}

function pollingWatch(target: ResolvedTarget, options: SignalProcessOptions): Watched {
  return {
    signal: (signal) => signalResolved(target, signal, options),
    exited() {
      if (target.startTime !== null) return processStartTime(target.pid) !== target.startTime;
      if (pidState(target.pid) === 'dead') return true;
      const stat = process.platform === 'linux' ? readLinuxProcStat(target.pid) : undefined;
      return stat !== undefined && isExitedState(stat.state);
    },
    wait: (ms) => sleep(ms),
    close: () => undefined,
  };
}

/** Watches `target` by pidfd (Linux) or handle (Windows) where possible, else by polling its identity. */
function watch(target: ResolvedTarget, options: SignalProcessOptions): Watched | { result: SignalResult } {
  if (process.platform === 'win32') return handleWatch(target, options) ?? pollingWatch(target, options);
  if (target.startTime !== null && process.platform === 'linux') {
    return pidfdWatch({ ...target, startTime: target.startTime }) ?? pollingWatch(target, options);
  }
  return pollingWatch(target, options);
}

interface Stopping {
  readonly watched: Watched;
  outcome: StopOutcome | undefined;
}

/** Waits until every process in `pending` has exited or `deadline` (performance.now()) has passed. */
async function waitAll(pending: readonly Stopping[], deadline: number, pollMs: number): Promise<void> {
  for (;;) {
    const running = pending.filter((item) => !item.watched.exited());
    const remaining = deadline - performance.now();
    if (running.length === 0 || remaining <= 0) return;
    // Wait on the last (the target, or the shallowest descendant); look at the others every pollMs.
    const last = running[running.length - 1] as Stopping;
    await last.watched.wait(Math.min(remaining, running.length === 1 ? 1000 : pollMs));
  }
}

function outcomeOf(result: SignalResult): StopOutcome {
  return result === 'signalled' ? 'timeout' : result;
}

/**
 * Sends `signal` to every item still without an outcome, in order; those that took it are returned.
 * A process gone (or its pid reused) by the force signal exited after the first one: stopped.
 */
function signalAll(items: readonly Stopping[], signal: SignalSpec, force: boolean): Stopping[] {
  const signalled: Stopping[] = [];
  for (const item of items) {
    if (item.outcome !== undefined) continue;
    const result = item.watched.signal(signal);
    if (result === 'signalled') signalled.push(item);
    else item.outcome = force && (result === 'gone' || result === 'reused') ? 'stopped' : outcomeOf(result);
  }
  return signalled;
}

function descendantsOf(target: ResolvedTarget): Descendant[] {
  const startTime = target.startTime ?? processStartTime(target.pid);
  if (startTime === undefined) return [];
  try {
    return findDescendants(readProcessTable(), { pid: target.pid, startTime });
  } catch {
    return [];
  }
}

/**
 * Stops the process `target` names (see `signalProcess` for targets and identity checks): sends
 * `signal`, waits up to `timeoutMs` for it to exit, then sends `forceSignal` and waits up to
 * `forceTimeoutMs`. Waits on the pidfd (Linux) or process handle (Windows), so a pid reused
 * meanwhile cannot look like the process still running; elsewhere polls its identity every
 * `pollMs`. With `tree: true`, the target's true descendants (see `findDescendants`) are stopped
 * with it, leaves first, each by the identity it had when found. Rejects with a TypeError, at once,
 * for a malformed option or identity field (before anything is signalled); never otherwise.
 */
export async function stopProcess(target: SignalTarget, options?: StopProcessOptions): Promise<StopResult> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  const checked = checkStopOptions('stopProcess', options);
  const resolved = resolveTarget(target, 'stopProcess', checked.signalUnverified);
  if ('result' in resolved) return { outcome: outcomeOf(resolved.result), elapsedMs: elapsed() };
  return stopResolved(resolved, checked, started);
}

/** `StopProcessOptions`, checked, with the defaults filled in. */
export interface CheckedStopOptions {
  readonly signal: SignalSpec;
  readonly forceSignal: SignalSpec | null;
  readonly timeoutMs: number;
  readonly forceTimeoutMs: number;
  readonly pollMs: number;
  readonly tree: boolean;
  readonly signalUnverified: boolean;
  readonly windowsExitCode: number | undefined;
}

/** Checks every option at once: a malformed one is a TypeError naming it, before anything is signalled. */
export function checkStopOptions(where: string, options: unknown): CheckedStopOptions {
  const object = optionsObject(where, options);
  const signal = object.signal ?? 'SIGTERM';
  checkSignal(where, 'options.signal', signal);
  const forceSignal = object.forceSignal === undefined ? 'SIGKILL' : object.forceSignal;
  if (forceSignal !== null) checkSignal(where, 'options.forceSignal', forceSignal);
  return {
    ...checkSignalOptions(where, object),
    signal: signal as SignalSpec,
    forceSignal: forceSignal as SignalSpec | null,
    timeoutMs: durationOption(where, object, 'timeoutMs', 10_000),
    forceTimeoutMs: durationOption(where, object, 'forceTimeoutMs', 5_000),
    pollMs: Math.max(1, durationOption(where, object, 'pollMs', 50, false)),
    tree: booleanOption(where, object, 'tree'),
  };
}

/** `stopProcess` for a validated target, with checked options; `started` is performance.now() at the call. */
export async function stopResolved(resolved: ResolvedTarget, checked: CheckedStopOptions, started: number): Promise<StopResult> {
  const elapsed = (): number => Math.round(performance.now() - started);
  const options: SignalProcessOptions = checked.windowsExitCode === undefined ? {} : { windowsExitCode: checked.windowsExitCode };
  const { signal, forceSignal, timeoutMs, forceTimeoutMs, pollMs } = checked;
  let opened: Stopping[] = [];
  try {
    const root = watch(resolved, options);
    if ('result' in root) return { outcome: outcomeOf(root.result), elapsedMs: elapsed() };
    const rootItem: Stopping = { watched: root, outcome: undefined };
    opened = [rootItem];

    const found = checked.tree ? descendantsOf(resolved) : [];
    const children = found.map((descendant) => {
      const watched = watch(descendant, options);
      const item: Stopping = 'result' in watched ? { watched: pollingWatch(descendant, options), outcome: outcomeOf(watched.result) } : { watched, outcome: undefined };
      opened.push(item);
      return item;
    });
    // Leaves first, the target last.
    const all = [...children, rootItem];

    const firstRound = signalAll(all, signal, false);
    await waitAll(firstRound, performance.now() + timeoutMs, pollMs);
    const survivors = firstRound.filter((item) => {
      if (!item.watched.exited()) return true;
      item.outcome = 'stopped';
      return false;
    });
    if (survivors.length > 0 && forceSignal !== null) {
      const forced = signalAll(survivors, forceSignal, true);
      await waitAll(forced, performance.now() + forceTimeoutMs, pollMs);
      for (const item of forced) item.outcome = item.watched.exited() ? 'killed' : 'timeout';
    }
    for (const item of all) item.outcome ??= 'timeout';
    const result: StopResult = { outcome: rootItem.outcome ?? 'timeout', elapsedMs: elapsed() };
    if (!checked.tree) return result;
    return { ...result, descendants: found.map((descendant, i) => ({ pid: descendant.pid, startTime: descendant.startTime, outcome: children[i]?.outcome ?? 'timeout' })) };
  } catch {
    // A binding mistake in koffi: never reject, and claim nothing.
    return { outcome: 'denied', elapsedMs: elapsed() };
  } finally {
    for (const item of opened) item.watched.close();
  }
}
