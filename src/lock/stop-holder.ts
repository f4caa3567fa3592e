import { pidState } from '../pid/probe.js';
import { processStartTime } from '../pid/start-time.js';
import { checkStopOptions, stopResolved } from '../signal/stop-process.js';
import type { ResolvedTarget } from '../signal/target.js';
import { resolveTarget } from '../signal/target.js';
import type { StopOutcome, StopProcessOptions, StopResult } from '../signal/types.js';
import { checkPath } from '../signal/validate.js';
import { startedRelativeTo } from './file-tie.js';
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
 * The process a record names, as an identity to stop, or the answer without signalling. A record
 * without a start time (a legacy bare pid) is tied to the file: its process must have started
 * before the file was last written (`mtimeMs`), else its pid was reused (`'reused'`); once tied, it
 * is stopped by the start time it has now. `signalUnverified` skips the tie (pid alone).
 */
function holderTarget(record: PidLockRecord, mtimeMs: number, signalUnverified: boolean): ResolvedTarget | { readonly outcome: StopOutcome; readonly unsure?: true } {
  const resolved = resolveTarget(record, 'stopPidLockHolder', true);
  if ('result' in resolved) return { outcome: resolved.result === 'signalled' ? 'timeout' : resolved.result };
  if (resolved.startTime !== null || signalUnverified) return resolved;
  if (pidState(resolved.pid) === 'dead') return { outcome: 'gone' };
  const startTime = processStartTime(resolved.pid);
  if (startTime === undefined) return { outcome: 'denied' };
  const relative = startedRelativeTo(resolved.pid, mtimeMs);
  // Within the start time's error of the write: not signalled, and the file is not removed either.
  if (relative !== 'before') return relative === 'after' ? { outcome: 'reused' } : { outcome: 'reused', unsure: true };
  // Read after the tie: a pid reused in between has another start time, and stopProcess checks it.
  return { pid: resolved.pid, startTime };
}

/**
 * Stops the process holding the pid lock at `path`, by the identity its record holds (pid and
 * start time, see `stopProcess`), then removes the lock file if the holder is verified gone and
 * the file still holds the same record and its kernel lock is free.
 *
 * Never signalled, answered at once: a record from another host or pid namespace, or a holder
 * alive under a held kernel lock but not visible here (`'denied'`); pid 1 and this very process
 * (`'denied'`); a record from another boot (`'gone'`); a record without a start time whose process
 * did not surely start before the file was last written (`'reused'`; `{ signalUnverified: true }`
 * signals its pid anyway). A file without a readable record (empty, corrupt) is left for
 * `acquirePidLock` to take over. Rejects with a TypeError for a malformed path or option, and with
 * `PidLockError` when the file cannot be read or a stale file cannot be removed for lack of permission.
 */
export async function stopPidLockHolder(path: string, options?: StopProcessOptions): Promise<StopPidLockHolderResult> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  checkPath('stopPidLockHolder', path);
  const checked = checkStopOptions('stopPidLockHolder', options);
  const read = readPidLockText(path);
  const record = read?.status.record;
  if (read === undefined || record === undefined) {
    // A kernel lock held under an unreadable record: someone runs, but who cannot be told.
    const outcome = read?.status.state === 'held' ? 'denied' : 'gone';
    return { outcome, elapsedMs: elapsed(), record: undefined, removed: false };
  }
  const { status, text } = read;
  let stop: StopResult;
  let keepFile = false;
  // On purpose: a bare pid judged reused only by the file's time is signalled anyway.
  const unverifiedReuse = checked.signalUnverified && status.state === 'stale' && status.reason === 'pid-reused' && record.startTime === null;
  if (status.state === 'stale' && !unverifiedReuse) {
    // Judged just now: the recorded process is not running (dead, a zombie, its pid reused, another boot).
    stop = { outcome: status.reason === 'pid-reused' ? 'reused' : 'gone', elapsedMs: elapsed() };
  } else if (status.reason === 'other-host' || status.reason === 'other-namespace') {
    stop = { outcome: 'denied', elapsedMs: elapsed() };
  } else {
    const target = holderTarget(record, read.mtimeMs, checked.signalUnverified);
    keepFile = 'unsure' in target;
    stop = 'outcome' in target ? { outcome: target.outcome, elapsedMs: elapsed() } : await stopResolved(target, checked, started);
    // A held kernel lock is a live holder: one this process cannot find (another pid namespace, an
    // older record) is not gone, and nothing was signalled.
    if (status.reason === 'locked' && (stop.outcome === 'gone' || stop.outcome === 'reused') && readPidLockText(path)?.status.state === 'held') {
      stop = { outcome: 'denied', elapsedMs: stop.elapsedMs };
    }
  }
  const removed = !keepFile && HOLDER_GONE.has(stop.outcome) && removeLockFileIfUnchanged(path, text);
  return { ...stop, elapsedMs: elapsed(), record, removed };
}
