// The 0.1.0 lock's entry point, for scripts that load it as they load the package (test/lock-scripts/daemon.cjs).
export { acquirePidLock, readPidLock } from './pid-lock.js';
export { PidLockError, PidLockHeldError } from './errors.js';
