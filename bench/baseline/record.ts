import { parsePid } from '../../src/pid/parse-pid.js';

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
  | 'invalid-pid';

/** Why a lock file stands for a holder this process must respect. */
export type PidLockHeldReason =
  /** The recorded process is alive (same start time, or a start time that cannot be compared). */
  | 'alive'
  /** The holder ran on another host: the lock cannot check it, so it is respected. */
  | 'other-host';

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
    return { ok: true, legacy: true, record: { pid, startTime: null, hostname: null, argv: [], acquiredAt: null } };
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
  const { startTime = null, hostname = null, argv = [], acquiredAt = null } = fields;
  if (
    !(startTime === null || (typeof startTime === 'number' && Number.isFinite(startTime))) ||
    !(hostname === null || typeof hostname === 'string') ||
    !(Array.isArray(argv) && argv.every((arg) => typeof arg === 'string')) ||
    !(acquiredAt === null || typeof acquiredAt === 'string')
  ) {
    return { ok: false, reason: 'corrupt' };
  }
  return { ok: true, legacy: false, record: { pid, startTime, hostname, argv: argv as string[], acquiredAt } };
}

/** The file text for a record: one line of JSON. */
export function formatLockRecord(record: PidLockRecord): string {
  const { pid, startTime, hostname, argv, acquiredAt } = record;
  return `${JSON.stringify({ pid, startTime, hostname, argv, acquiredAt })}\n`;
}
