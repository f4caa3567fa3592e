// Tries the pid lock at argv[2] once and prints what happened as one JSON line: refused (and by whom),
// or acquired (then released). With argv[3] === 'stop', stops the holder first with stopPidLockHolder.
import { acquirePidLock, PidLockHeldError, readPidLock, stopPidLockHolder } from 'hermes-pid';

const [path, action] = process.argv.slice(2);
if (path === undefined) throw new TypeError('usage: try-lock.mjs LOCK_PATH [stop]');
const seen = { pid: process.pid };
if (action === 'stop') {
  const stop = await stopPidLockHolder(path, { timeoutMs: 20_000 });
  seen.stop = { outcome: stop.outcome, holderPid: stop.record?.pid };
}
const status = readPidLock(path);
seen.status = { state: status.state, reason: status.reason ?? null, lockKind: status.lockKind ?? null, holderPid: status.record?.pid ?? null };
try {
  let stale = null;
  const lock = acquirePidLock(path, { onStale: (record, reason) => (stale = { reason, holderPid: record?.pid ?? null }) });
  seen.acquire = { outcome: 'acquired', lockKind: lock.record.lockKind, stale };
  lock.release();
} catch (error) {
  seen.acquire =
    error instanceof PidLockHeldError
      ? { outcome: 'refused', reason: error.reason, lockKind: error.lockKind, holderPid: error.record?.pid ?? null }
      : { outcome: 'error', error: `${error?.name}: ${error?.message}` };
}
process.stdout.write(`${JSON.stringify(seen)}\n`);
