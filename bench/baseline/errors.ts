import type { PidLockHeldReason, PidLockRecord } from './record.js';

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

function describeHolder(record: PidLockRecord): string {
  const details = [
    record.argv.length > 0 ? record.argv.join(' ') : undefined,
    record.acquiredAt === null ? undefined : `since ${record.acquiredAt}`,
  ].filter((detail) => detail !== undefined);
  return `pid ${record.pid}${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
}

/** Another live process holds the lock; `record` says who. */
export class PidLockHeldError extends Error {
  override readonly name = 'PidLockHeldError';
  constructor(
    /** The lock file's path. */
    readonly path: string,
    /** The holder, as its lock file describes it. */
    readonly record: PidLockRecord,
    readonly reason: PidLockHeldReason,
    /** This host's name, for the other-host message. */
    ownHostname: string,
  ) {
    super(
      reason === 'other-host'
        ? `pid lock ${path} is held by ${describeHolder(record)} on host "${String(record.hostname)}", and this is "${ownHostname}": ` +
            'a process on another host cannot be checked (is the file on a shared filesystem?). If that process is gone, delete the file.'
        : `pid lock ${path} is held by ${describeHolder(record)}, which is still running. Stop it first, or use another lock path.`,
    );
  }
}
