import type { PidLockHeldReason, PidLockKind, PidLockRecord } from './record.js';

/** The lock file could not be created or read: the message names the path and what to do. */
export class PidLockError extends Error {
  override readonly name = 'PidLockError';
  constructor(
    message: string,
    /** The lock file's path. */
    readonly path: string,
    /** The errno code behind it (`ENOENT`, `EACCES`, ...), when there is one. */
    readonly code: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

function describeHolder(record: PidLockRecord | undefined): string {
  if (record === undefined) return 'a process whose record cannot be read';
  const details = [
    record.argv.length > 0 ? record.argv.join(' ') : undefined,
    record.acquiredAt === null ? undefined : `since ${record.acquiredAt}`,
  ].filter((detail) => detail !== undefined);
  return `pid ${record.pid}${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
}

function heldFor(since: Date | undefined): string {
  if (since === undefined) return '';
  const seconds = Math.max(0, Math.round((Date.now() - since.getTime()) / 1000));
  return ` (held for ${seconds < 120 ? `${seconds} s` : `${Math.round(seconds / 60)} min`})`;
}

function heldMessage(path: string, record: PidLockRecord | undefined, reason: PidLockHeldReason, ownHostname: string, since: Date | undefined): string {
  if (reason === 'other-host') {
    return (
      `pid lock ${path} is held by ${describeHolder(record)} on host "${String(record?.hostname)}", and this is "${ownHostname}": ` +
      'a process on another host cannot be checked (is the file on a shared filesystem?). If that process is gone, delete the file.'
    );
  }
  if (reason === 'other-namespace') {
    return (
      `pid lock ${path} is held by ${describeHolder(record)} in another pid namespace (a container?), where that pid means another process than here${heldFor(since)}. ` +
      'Stop it from inside its namespace; if it is gone, delete the file.'
    );
  }
  const still = reason === 'locked' ? 'which holds its kernel lock: it is running, maybe in another container or pid namespace' : 'which is still running';
  const head = `pid lock ${path} is held by ${describeHolder(record)}, ${still}${heldFor(since)}.`;
  // Advice to stop a process only where hermes-pid could tie it to the file.
  if (record?.pid === 1) return `${head} Pid 1 is the init process of its pid namespace and is never signalled from a pid file; if it is not the holder, delete the file, or use another lock path.`;
  if (reason === 'alive' && record?.startTime === null) {
    return `${head} The file records no start time (a legacy pid file), so nothing ties pid ${record.pid} to it: check what that process is before stopping it; if it is not the holder, delete the file, or use another lock path.`;
  }
  return `${head} Stop it first (stopPidLockHolder), or use another lock path.`;
}

/** Another live process holds the lock; `record` says who, `since` from when. */
export class PidLockHeldError extends Error {
  override readonly name = 'PidLockHeldError';
  /** When the holder took the lock (its record's `acquiredAt`); `undefined` when the record does not say. */
  readonly since: Date | undefined;
  constructor(
    /** The lock file's path. */
    readonly path: string,
    /** The holder, as its lock file describes it; `undefined` when a kernel-lock holder's file holds no readable record. */
    readonly record: PidLockRecord | undefined,
    readonly reason: PidLockHeldReason,
    /** This host's name, for the other-host message. */
    ownHostname: string,
    /** What decided: the kernel lock on the file, or the record's pid. */
    readonly lockKind: PidLockKind = 'pid',
  ) {
    const acquired = record?.acquiredAt == null ? Number.NaN : Date.parse(record.acquiredAt);
    const since = Number.isNaN(acquired) ? undefined : new Date(acquired);
    super(heldMessage(path, record, reason, ownHostname, since));
    this.since = since;
  }
}
