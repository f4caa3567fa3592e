export { pidIsAlive, pidState, probeBackend } from './pid/probe.js';
export { parsePid, MAX_PID } from './pid/parse-pid.js';
export type { PidIsAliveOptions, PidState, ProbeBackendName } from './pid/types.js';
export { processStartTime } from './pid/start-time.js';
export { acquirePidLock, readPidLock } from './lock/pid-lock.js';
export type { AcquirePidLockOptions, PidLock, PidLockStatus } from './lock/pid-lock.js';
export { PidLockError, PidLockHeldError } from './lock/errors.js';
export type { PidLockHeldReason, PidLockRecord, PidLockStaleReason } from './lock/record.js';
export { signalProcess } from './signal/signal-process.js';
export { stopProcess } from './signal/stop-process.js';
export type {
  LockStatusTarget,
  ProcessIdentity,
  SignalProcessOptions,
  SignalResult,
  SignalSpec,
  SignalTarget,
  StopOutcome,
  StopProcessOptions,
  StopResult,
  StoppedDescendant,
} from './signal/types.js';
export { stopPidLockHolder } from './lock/stop-holder.js';
export type { StopPidLockHolderResult } from './lock/stop-holder.js';
