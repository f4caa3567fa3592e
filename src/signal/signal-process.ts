import { errorCode } from '../pid/error-code.js';
import { ERROR_ACCESS_DENIED, PROCESS_QUERY_LIMITED_INFORMATION, SYNCHRONIZE, WAIT_TIMEOUT } from '../pid/kernel32.js';
import { pidState } from '../pid/probe.js';
import { isExitedState, readLinuxProcStat } from '../pid/proc-stat.js';
import { processStartTime } from '../pid/start-time.js';
import { kernel32ProcessStartTime, liveCreationTime } from '../pid/windows.js';
import { loadKernel32Control, PROCESS_TERMINATE, type Kernel32Control } from './kernel32-control.js';
import { loadPidfd, type Pidfd } from './pidfd.js';
import { resolveTarget, signalNumber, windowsAction, type ResolvedTarget } from './target.js';
import type { SignalProcessOptions, SignalResult, SignalSpec, SignalTarget } from './types.js';
import { booleanOption, checkSignal, exitCodeOption, optionsObject } from './validate.js';

/** Set (to anything but '' or '0') only by tests and benchmarks: Linux skips pidfd and checks, then signals by pid. */
export const NO_PIDFD_ENV = 'HERMES_PID_NO_PIDFD';

/** Windows exit code of a process terminated by `signalProcess`: Node's own (see SignalProcessOptions). */
export const DEFAULT_WINDOWS_EXIT_CODE = 1;

// The platforms where processStartTime reads `ps -o lstart=` (see start-time.ts).
const PS_START_TIME_PLATFORMS: ReadonlySet<string> = new Set(['darwin', 'freebsd', 'openbsd', 'netbsd']);

/** `process.kill` that answers instead of throwing. */
export function killByPid(pid: number, signal: number): SignalResult {
  try {
    process.kill(pid, signal);
    return 'signalled';
  } catch (error) {
    switch (errorCode(error)) {
      case 'ESRCH':
        return 'gone';
      case 'EINVAL':
      case 'ENOSYS':
      case 'ERR_UNKNOWN_SIGNAL':
        return 'unsupported';
      default:
        // EPERM, and anything unexplained: the process may exist, and was not signalled.
        return 'denied';
    }
  }
}

/** Why a live start time could not be read, on a POSIX system: it has exited, or it cannot be seen. */
function unreadableStartTime(pid: number): SignalResult {
  if (pidState(pid) === 'dead') return 'gone';
  if (process.platform === 'linux') {
    const stat = readLinuxProcStat(pid);
    if (stat !== undefined) return isExitedState(stat.state) ? 'gone' : 'denied';
    // Unreadable: it exited, unless /proc cannot be read at all here (Deno without -A): then it may run.
    return readLinuxProcStat(process.pid) === undefined ? 'denied' : 'gone';
  }
  return 'denied';
}

/**
 * Compares the start time with the identity just before signalling by pid. The window left: the
 * process can exit and its pid be handed to a new process between the read and the kill(2).
 */
export function checkThenSignal(target: ResolvedTarget, signal: number): SignalResult {
  if (target.startTime !== null) {
    const live = processStartTime(target.pid);
    if (live === undefined) return unreadableStartTime(target.pid);
    if (live !== target.startTime) return 'reused';
  }
  return killByPid(target.pid, signal);
}

function pidfdDisabled(): boolean {
  const value = process.env[NO_PIDFD_ENV];
  return value !== undefined && value !== '' && value !== '0';
}

/** The pidfd calls, or `undefined` where they cannot be used. */
export function availablePidfd(): Pidfd | undefined {
  if (pidfdDisabled()) return undefined;
  try {
    return loadPidfd();
  } catch {
    return undefined;
  }
}

let pidfdMissing = false;

/**
 * Opens a pidfd for `target` and checks the start time through /proc after opening: a process
 * alive now with the recorded start time started before this call, so it held the pid when the
 * pidfd was opened, and the pidfd names it. `undefined` when pidfd_open is unavailable.
 */
export function openVerifiedPidfd(pidfd: Pidfd, target: ResolvedTarget & { startTime: number }): { fd: number } | { result: SignalResult } | undefined {
  if (pidfdMissing) return undefined;
  const opened = pidfd.open(target.pid);
  if ('errno' in opened) {
    if (opened.errno === pidfd.errno.ESRCH) return { result: 'gone' };
    // ENOSYS (before 5.3) or EPERM (a seccomp filter that does not know the call): never again.
    if (opened.errno === pidfd.errno.ENOSYS || opened.errno === pidfd.errno.EPERM) pidfdMissing = true;
    return undefined;
  }
  const live = processStartTime(target.pid);
  const verdict = live === undefined ? unreadableStartTime(target.pid) : live === target.startTime ? undefined : 'reused';
  if (verdict === undefined) return opened;
  pidfd.close(opened.fd);
  return { result: verdict };
}

function pidfdSignal(pidfd: Pidfd, fd: number, signal: number): SignalResult {
  const errno = pidfd.sendSignal(fd, signal);
  if (errno === 0) return 'signalled';
  if (errno === pidfd.errno.ESRCH) return 'gone';
  if (errno === pidfd.errno.EINVAL) return 'unsupported';
  return 'denied';
}

function linuxSignal(target: ResolvedTarget & { startTime: number }, signal: number): SignalResult {
  const pidfd = availablePidfd();
  const opened = pidfd === undefined ? undefined : openVerifiedPidfd(pidfd, target);
  if (opened === undefined || pidfd === undefined) return checkThenSignal(target, signal);
  if ('result' in opened) return opened.result;
  try {
    return pidfdSignal(pidfd, opened.fd, signal);
  } finally {
    pidfd.close(opened.fd);
  }
}

/**
 * Windows: one handle with terminate, query and synchronize rights; the creation time is compared
 * and the process terminated through that handle, so the pid cannot change hands in between.
 */
export function windowsSignal(kernel32: Kernel32Control, target: ResolvedTarget, action: 'terminate' | 'check', exitCode: number): SignalResult {
  const handle = kernel32.OpenProcess(PROCESS_TERMINATE | PROCESS_QUERY_LIMITED_INFORMATION | SYNCHRONIZE, 0, target.pid);
  if (handle === null) {
    if (kernel32.GetLastError() !== ERROR_ACCESS_DENIED) return 'gone';
    // No right to terminate; the right to query may still tell a reused pid (a system process now) apart.
    if (target.startTime === null) return 'denied';
    const live = kernel32ProcessStartTime(kernel32, target.pid);
    return live !== undefined && live !== target.startTime ? 'reused' : 'denied';
  }
  try {
    if (target.startTime !== null) {
      const live = liveCreationTime(kernel32, handle);
      if (live === undefined) return kernel32.WaitForSingleObject(handle, 0) === WAIT_TIMEOUT ? 'denied' : 'gone';
      if (live !== target.startTime) return 'reused';
    } else if (kernel32.WaitForSingleObject(handle, 0) !== WAIT_TIMEOUT) {
      return 'gone';
    }
    if (action === 'check' || kernel32.TerminateProcess(handle, exitCode) !== 0) return 'signalled';
    // TerminateProcess fails with access denied on a process that is already exiting.
    return kernel32.WaitForSingleObject(handle, 0) === WAIT_TIMEOUT ? 'denied' : 'gone';
  } finally {
    kernel32.CloseHandle(handle);
  }
}

function signalOnWindows(target: ResolvedTarget, signal: SignalSpec, options: SignalProcessOptions | undefined): SignalResult {
  const action = windowsAction(signal);
  if (action === undefined) return 'unsupported';
  let kernel32: Kernel32Control;
  try {
    kernel32 = loadKernel32Control();
  } catch {
    // Without koffi there is no creation time to compare: only a bare pid can be signalled.
    return target.startTime === null ? killByPid(target.pid, signalNumber(signal) ?? 0) : 'unsupported';
  }
  return windowsSignal(kernel32, target, action, options?.windowsExitCode ?? DEFAULT_WINDOWS_EXIT_CODE);
}

/** `signalProcess` for a validated target. */
export function signalResolved(target: ResolvedTarget, signal: SignalSpec, options?: SignalProcessOptions): SignalResult {
  if (process.platform === 'win32') return signalOnWindows(target, signal, options);
  const number = signalNumber(signal);
  if (number === undefined) return 'unsupported';
  if (target.startTime === null) return killByPid(target.pid, number);
  if (process.platform === 'linux' || process.platform === 'android') return linuxSignal({ ...target, startTime: target.startTime }, number);
  // Where processStartTime reads nothing at all, no identity can be checked.
  if (!PS_START_TIME_PLATFORMS.has(process.platform)) return 'unsupported';
  return checkThenSignal(target, number);
}

/**
 * Sends `signal` to the process `target` names, only if the pid still names that process: the
 * start time recorded in `target` (a `{ pid, startTime }` identity, a pid lock record, or what
 * `readPidLock` returned) must match the live process's. A bare number is a pid given on purpose
 * and is signalled like `process.kill` would. An object without a start time (a legacy pid file)
 * is not signalled (`'denied'`, or `'gone'` when no process has the pid) unless
 * `{ signalUnverified: true }`; pid 1 and this process are never signalled through an object.
 * Throws a TypeError, at once, for a malformed signal, option or identity field; never otherwise.
 *
 * Linux: pidfd_open + pidfd_send_signal (5.3+, koffi loaded on first use), so the pid cannot
 * change hands between the check and the signal; else the start time is read just before kill(2).
 * macOS/BSD: the start time from `ps`, read just before kill(2). Windows: see `windowsSignal`;
 * SIGTERM, SIGKILL, SIGINT and SIGQUIT terminate the process, 0 only checks, others are `'unsupported'`.
 */
export function signalProcess(target: SignalTarget, signal: SignalSpec, options?: SignalProcessOptions): SignalResult {
  const checked = checkSignalOptions('signalProcess', options);
  checkSignal('signalProcess', 'signal', signal);
  const resolved = resolveTarget(target, 'signalProcess', checked.signalUnverified);
  if ('result' in resolved) return resolved.result;
  try {
    return signalResolved(resolved, signal, checked);
  } catch {
    // koffi throws only on a binding mistake; claim nothing.
    return 'denied';
  }
}

/** The options every signalling function shares, checked. */
export function checkSignalOptions(where: string, options: unknown): { readonly windowsExitCode: number | undefined; readonly signalUnverified: boolean } {
  const object = optionsObject(where, options);
  return { windowsExitCode: exitCodeOption(where, object, 'windowsExitCode'), signalUnverified: booleanOption(where, object, 'signalUnverified') };
}
