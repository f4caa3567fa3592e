import { stopProcess } from '../signal/stop-process.js';
import type { StopOutcome, StopProcessOptions, StopResult } from '../signal/types.js';
import { readPidLockText, removeLockFileIfUnchanged } from './pid-lock.js';
import type { PidLockRecord } from './record.js';

export interface StopPidLockHolderResult extends StopResult {
  /** What the lock file said, `undefined` when there was no file or no readable record in it. */
  readonly record: PidLockRecord | undefined;
  /** Whether this call removed the lock file (a holder that exits cleanly removes its own). */
  readonly removed: boolean;
}

// Outcomes after which the recorded holder is verified not to run any more.
const HOLDER_GONE: ReadonlySet<StopOutcome> = new Set(['stopped', 'killed', 'gone', 'reused']);

/**
 * Stops the process holding the pid lock at `path`, by the identity its record holds (pid and
 * start time, see `stopProcess`), then removes the lock file if the holder is verified gone and
 * the file still holds the same record and its kernel lock is free. A lock file from another host is never acted on
 * (`'denied'`), nor one held by this very process. A file without a readable record (empty,
 * corrupt) is left for `acquirePidLock` to take over. Rejects only with `PidLockError` (the file
 * cannot be read, or a stale file cannot be removed for lack of permission).
 */
export async function stopPidLockHolder(path: string, options: StopProcessOptions = {}): Promise<StopPidLockHolderResult> {
  const started = performance.now();
  const read = readPidLockText(path);
  const record = read?.status.record;
  if (read === undefined || record === undefined) {
    // A kernel lock held under an unreadable record: someone runs, but who cannot be told.
    const outcome = read?.status.state === 'held' ? 'denied' : 'gone';
    return { outcome, elapsedMs: Math.round(performance.now() - started), record: undefined, removed: false };
  }
  const { status, text } = read;
  let stop: StopResult;
  if (status.state === 'stale') {
    // Judged just now: the recorded process is not running (dead, a zombie, or its pid reused).
    stop = { outcome: status.reason === 'pid-reused' ? 'reused' : 'gone', elapsedMs: Math.round(performance.now() - started) };
  } else if (status.reason === 'other-host' || record.pid === process.pid) {
    stop = { outcome: 'denied', elapsedMs: Math.round(performance.now() - started) };
  } else {
    stop = await stopProcess(record, options);
  }
  const removed = HOLDER_GONE.has(stop.outcome) && removeLockFileIfUnchanged(path, text);
  return { ...stop, elapsedMs: Math.round(performance.now() - started), record, removed };
}
