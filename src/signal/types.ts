/** What `signalProcess` did. */
export type SignalResult =
  /** The signal was sent to the process the target names (on Windows: it was terminated). */
  | 'signalled'
  /** No such process: it has exited (or the pid was never valid, or the record is from another boot). */
  | 'gone'
  /** The pid is alive but names another process: its start time differs from the target's. */
  | 'reused'
  /**
   * Nothing was sent: the process exists but this process may not signal it, or may not read or
   * verify its identity (a record without a start time, pid 1 or this process named by a record, a
   * record from another host or pid namespace).
   */
  | 'denied'
  /** This signal cannot be sent here (a signal Windows has no meaning for, an unknown name), or identity checks are impossible on this platform. */
  | 'unsupported';

/** A process as the pid lock records it: its pid and `processStartTime(pid)` when it was recorded. */
export interface ProcessIdentity {
  readonly pid: number;
  /** `processStartTime(pid)` taken while the process ran; `null` or absent: not signalled unless `signalUnverified`. */
  readonly startTime?: number | null;
  /** Where the process ran (`os.hostname()`); a record from another host is never signalled here. */
  readonly hostname?: string | null;
  /** Its pid namespace (Linux: the inode of /proc/self/ns/pid); a record from another namespace is never signalled (`'denied'`). */
  readonly pidNamespace?: number | null;
  /** The boot it ran in (Linux boot id); a record from another boot is `'gone'`. */
  readonly bootId?: string | null;
}

/**
 * What `readPidLock` returned (a `PidLockStatus` is one): the holder's identity when the file held a
 * record; its other fields are not read here. Described by its shape, since the lock imports signal
 * (stopPidLockHolder) and signal never imports the lock.
 */
export interface LockStatusTarget {
  readonly state: 'absent' | 'held' | 'stale';
  readonly record: ProcessIdentity | undefined;
  readonly [field: string]: unknown;
}

/** A bare pid, an identity (a `PidLockRecord` is one), or what `readPidLock` returned. */
export type SignalTarget = number | ProcessIdentity | LockStatusTarget;

/**
 * The signal names Node knows: @types/node's `NodeJS.Signals`, spelled out so that the declarations
 * type-check in a project without @types/node (test/install-matrix-dts.test.ts checks they are equal).
 */
export type SignalName =
  | 'SIGABRT'
  | 'SIGALRM'
  | 'SIGBUS'
  | 'SIGCHLD'
  | 'SIGCONT'
  | 'SIGFPE'
  | 'SIGHUP'
  | 'SIGILL'
  | 'SIGINT'
  | 'SIGIO'
  | 'SIGIOT'
  | 'SIGKILL'
  | 'SIGPIPE'
  | 'SIGPOLL'
  | 'SIGPROF'
  | 'SIGPWR'
  | 'SIGQUIT'
  | 'SIGSEGV'
  | 'SIGSTKFLT'
  | 'SIGSTOP'
  | 'SIGSYS'
  | 'SIGTERM'
  | 'SIGTRAP'
  | 'SIGTSTP'
  | 'SIGTTIN'
  | 'SIGTTOU'
  | 'SIGUNUSED'
  | 'SIGURG'
  | 'SIGUSR1'
  | 'SIGUSR2'
  | 'SIGVTALRM'
  | 'SIGWINCH'
  | 'SIGXCPU'
  | 'SIGXFSZ'
  | 'SIGBREAK'
  | 'SIGLOST'
  | 'SIGINFO';

/** A signal name (`'SIGTERM'`) or number (`15`); 0 checks without delivering anything. */
export type SignalSpec = SignalName | number;

export interface SignalProcessOptions {
  /**
   * Signal an identity or record without a start time (a legacy pid file: a bare pid) by its pid
   * alone, as `process.kill` would. Default `false`: such a target is not signalled (`'denied'`).
   * Pid 1 and this process are never signalled through a record, whatever this says.
   */
  readonly signalUnverified?: boolean;
  /**
   * Windows only: the exit code a terminated process gets. Default 1, the code Node's own
   * `process.kill` and `subprocess.kill` give on Windows, so a supervisor sees the same code
   * whichever of them stopped the process.
   */
  readonly windowsExitCode?: number;
}

/** How `stopProcess` ended for the target. */
export type StopOutcome =
  /** It exited after the first signal, within `timeoutMs`. */
  | 'stopped'
  /** It outlived `timeoutMs` and exited after the force signal. */
  | 'killed'
  /** It was not running when the stop began. */
  | 'gone'
  /** The pid names another process; nothing was signalled. */
  | 'reused'
  /** It exists but is not ours to signal (or its identity cannot be read); nothing was signalled. */
  | 'denied'
  /** The signal cannot be sent here (see `SignalResult`); nothing was signalled. */
  | 'unsupported'
  /** It was still running when the last wait ended. */
  | 'timeout';

export interface StopProcessOptions extends SignalProcessOptions {
  /** The first signal. Default `'SIGTERM'`. */
  readonly signal?: SignalSpec;
  /** How long to wait after the first signal before the force signal. Default 10 000 ms. */
  readonly timeoutMs?: number;
  /** Sent when the process outlives `timeoutMs`; `null` to never force. Default `'SIGKILL'`. */
  readonly forceSignal?: SignalSpec | null;
  /** How long to wait after the force signal. Default 5 000 ms. */
  readonly forceTimeoutMs?: number;
  /** How often to check for exit where the process cannot be waited on directly. Default 50 ms. */
  readonly pollMs?: number;
  /** Stop the target's descendants too (leaves first), as `taskkill /T` does; only true descendants. Default `false`. */
  readonly tree?: boolean;
}

/** One descendant stopped with `{ tree: true }`. */
export interface StoppedDescendant {
  readonly pid: number;
  readonly startTime: number;
  readonly outcome: StopOutcome;
}

export interface StopResult {
  readonly outcome: StopOutcome;
  readonly elapsedMs: number;
  /** With `{ tree: true }`: the descendants found when the stop began, leaves first. */
  readonly descendants?: readonly StoppedDescendant[];
}
