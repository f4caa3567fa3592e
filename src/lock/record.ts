import { parsePid } from '../pid/parse-pid.js';

/**
 * How a lock is decided. `'kernel'`: an OS lock on the open file (flock, LockFileEx), held while the
 * holder lives and freed by the kernel when it dies. `'pid'`: the record's pid and start time, where
 * the file system has no working locks, or for a file written by a version without kernel locks.
 */
export type PidLockKind = 'kernel' | 'pid';

/** What a pid lock file says about its holder. Fields a legacy file cannot tell are `null`. */
export interface PidLockRecord {
  readonly pid: number;
  /** `processStartTime(pid)` when the lock was taken; `null` when unknown (legacy file, or the OS could not tell). */
  readonly startTime: number | null;
  /** `os.hostname()` of the holder; `null` for a legacy file (read as this host). */
  readonly hostname: string | null;
  readonly argv: readonly string[];
  /** ISO 8601 time of acquisition; `null` for a legacy file. */
  readonly acquiredAt: string | null;
  /** How its holder held the lock; `null` (or absent) for a file from a version before kernel locks, judged by pid. */
  readonly lockKind?: PidLockKind | null;
  /** The holder's pid namespace (Linux: the inode of /proc/self/ns/pid); `null` (or absent) when unknown or from an older version. */
  readonly pidNamespace?: number | null;
  /** The boot the holder ran in (Linux boot id); `null` (or absent) when unknown or from an older version. */
  readonly bootId?: string | null;
}

/** Why a lock file does not stand for a live holder. */
export type PidLockStaleReason =
  /** The pid names no process. */
  | 'dead'
  /** The pid names a zombie: it has exited and waits for its parent (Linux). */
  | 'zombie'
  /** The pid is alive but is another process: its start time differs from the recorded one. */
  | 'pid-reused'
  /** The file is empty or whitespace. */
  | 'empty'
  /** The file is not a lock record: truncated or invalid JSON, binary garbage, wrong field types. */
  | 'corrupt'
  /** The pid is 0, negative, a fraction, out of range or not a number. */
  | 'invalid-pid'
  /** The record was written under a kernel lock and no process holds that lock: its holder is gone. */
  | 'unlocked'
  /** The record was written before the last reboot (another boot id): no process of it runs. */
  | 'rebooted';

/** Why a lock file stands for a holder this process must respect. */
export type PidLockHeldReason =
  /** The recorded process is alive (same start time, or a start time that cannot be compared). */
  | 'alive'
  /** The holder ran on another host: the lock cannot check it, so it is respected. */
  | 'other-host'
  /** A process holds the kernel lock on the file (whatever pid its record names, in whatever pid namespace). */
  | 'locked'
  /** The holder ran in another pid namespace (a container): its pid means nothing here, so it is respected. */
  | 'other-namespace';

/** The content of a lock file: a record (and whether it was a legacy bare number), or why it is unusable. */
export type ParsedLockContent =
  | { readonly ok: true; readonly record: PidLockRecord; readonly legacy: boolean }
  | { readonly ok: false; readonly reason: 'empty' | 'corrupt' | 'invalid-pid' };

const BARE_INTEGER = /^\s*-?\d+\s*$/;

/** Reads a lock file's text: the JSON record, or a legacy file holding just a pid. Never throws. */
export function parseLockContent(text: string): ParsedLockContent {
  if (text.trim() === '') return { ok: false, reason: 'empty' };
  if (BARE_INTEGER.test(text)) {
    const pid = parsePid(text);
    if (pid === undefined) return { ok: false, reason: 'invalid-pid' };
    return { ok: true, legacy: true, record: { pid, startTime: null, hostname: null, argv: [], acquiredAt: null, lockKind: null, pidNamespace: null, bootId: null } };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'corrupt' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'corrupt' };
  const fields = value as Record<string, unknown>;
  if (!('pid' in fields)) return { ok: false, reason: 'corrupt' };
  const pid = typeof fields.pid === 'number' ? parsePid(fields.pid) : undefined;
  if (pid === undefined) return { ok: false, reason: 'invalid-pid' };
  const { startTime = null, hostname = null, argv = [], acquiredAt = null, lockKind = null, pidNamespace = null, bootId = null } = fields;
  if (
    !(startTime === null || (typeof startTime === 'number' && Number.isFinite(startTime))) ||
    !(hostname === null || typeof hostname === 'string') ||
    !(Array.isArray(argv) && argv.every((arg) => typeof arg === 'string')) ||
    !(acquiredAt === null || typeof acquiredAt === 'string') ||
    !(lockKind === null || lockKind === 'kernel' || lockKind === 'pid') ||
    !(pidNamespace === null || (typeof pidNamespace === 'number' && Number.isSafeInteger(pidNamespace) && pidNamespace > 0)) ||
    !(bootId === null || typeof bootId === 'string')
  ) {
    return { ok: false, reason: 'corrupt' };
  }
  return { ok: true, legacy: false, record: { pid, startTime, hostname, argv: argv as string[], acquiredAt, lockKind, pidNamespace, bootId } };
}

/** The file text for a record: one line of JSON. */
export function formatLockRecord(record: PidLockRecord): string {
  const { pid, startTime, hostname, argv, acquiredAt, lockKind, pidNamespace = null, bootId = null } = record;
  return `${JSON.stringify({ pid, startTime, hostname, argv, acquiredAt, lockKind, pidNamespace, bootId })}\n`;
}
