import { PidLockHeldError } from './errors.js';
import { checkPath, durationOption, optionsObject } from '../signal/validate.js';
import { acquirePidLock, checkAcquireOptions, type AcquirePidLockOptions, type PidLock } from './pid-lock.js';

export interface WaitForPidLockOptions extends AcquirePidLockOptions {
  /** How long to wait for a held lock before rejecting with the last `PidLockHeldError`. Default 30 000 ms. */
  readonly timeoutMs?: number;
  /** How often to try again while the lock is held. Default 100 ms. */
  readonly intervalMs?: number;
}

const delay = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

/**
 * Takes the pid lock at `path`, waiting while another process holds it, up to `timeoutMs`: for a
 * service that a supervisor (systemd, pm2) restarts while the previous instance is still shutting
 * down, so a restart waits instead of failing and counting against the restart limit. Rejects with
 * the last `PidLockHeldError` (its `record` and `since` say who and since when) after the timeout,
 * and at once with any other error (`PidLockError`: missing directory, no permission; a TypeError
 * naming a malformed path or option, before anything is tried).
 */
export async function waitForPidLock(path: string, options?: WaitForPidLockOptions): Promise<PidLock> {
  const where = 'waitForPidLock';
  checkPath(where, path);
  const object = optionsObject(where, options);
  const timeoutMs = durationOption(where, object, 'timeoutMs', 30_000);
  const intervalMs = durationOption(where, object, 'intervalMs', 100, false);
  const onStale = checkAcquireOptions(where, object);
  const acquireOptions: AcquirePidLockOptions = onStale === undefined ? {} : { onStale };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return acquirePidLock(path, acquireOptions);
    } catch (error) {
      if (!(error instanceof PidLockHeldError) || Date.now() >= deadline) throw error;
    }
    await delay(Math.max(1, Math.min(intervalMs, deadline - Date.now())));
  }
}
