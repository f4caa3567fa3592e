export { pidIsAlive, pidState, probeBackend } from './pid/probe.js';
export { parsePid, MAX_PID } from './pid/parse-pid.js';
export type { PidIsAliveOptions, PidState, ProbeBackendName } from './pid/types.js';
export { processStartTime } from './pid/start-time.js';
export { acquirePidLock, readPidLock } from './lock/pid-lock.js';
export type { AcquirePidLockOptions, PidLock, PidLockStatus } from './lock/pid-lock.js';
export { PidLockError, PidLockHeldError } from './lock/errors.js';
export type { PidLockHeldReason, PidLockRecord, PidLockStaleReason } from './lock/record.js';
