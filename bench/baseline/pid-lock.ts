// The pid lock as released in hermes-pid 0.1.0, before kernel locks: pid and start-time judgement only.
// Kept as is (imports aside) as the baseline of bench/pid-lock.ts and as "today's version" in the
// mixed-version tests (test/pid-lock-kernel.test.ts). Do not fix it: it is what users run now.
import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, fsyncSync, linkSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname as osHostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { onExit } from 'signal-exit';
import { errorCode } from '../../src/pid/error-code.js';
import { pidState, probeValidPid } from '../../src/pid/probe.js';
import { processStartTime } from '../../src/pid/start-time.js';
import { PidLockError, PidLockHeldError } from './errors.js';
import { formatLockRecord, parseLockContent, type PidLockHeldReason, type PidLockRecord, type PidLockStaleReason } from './record.js';

export interface AcquirePidLockOptions {
  /**
   * Called when this call moves a stale lock file aside, before it creates its own: `record` is
   * what the file said (`undefined` when it held no readable record), `reason` why it was stale.
   */
  readonly onStale?: (record: PidLockRecord | undefined, reason: PidLockStaleReason) => void;
}

/** A held lock. */
export interface PidLock {
  /** The lock file's absolute path. */
  readonly path: string;
  /** What this process wrote into it. */
  readonly record: PidLockRecord;
  /**
   * Removes the lock file if it still holds this process's record, and drops the exit handler.
   * `true` when it removed the file. Later calls do nothing. Never throws.
   */
  release(): boolean;
}

/** What a lock file says, judged now. */
export type PidLockStatus =
  | { readonly state: 'absent'; readonly record: undefined; readonly reason: undefined }
  | { readonly state: 'held'; readonly record: PidLockRecord; readonly reason: PidLockHeldReason }
  | { readonly state: 'stale'; readonly record: PidLockRecord | undefined; readonly reason: PidLockStaleReason };

type Verdict = Exclude<PidLockStatus, { state: 'absent' }>;

// Every attempt takes the lock, throws, or saw another starter change the file or hold the takeover claim.
const ACQUIRE_TIMEOUT_MS = 10_000;

// The locks this process holds, as path and record text. On globalThis, so that the ESM and CommonJS copies
// of this module, loaded side by side, agree on what this process holds.
const heldHere: Set<string> = ((globalThis as Record<symbol, unknown>)[Symbol.for('hermes-pid.heldLocks')] ??= new Set<string>()) as Set<string>;
const heldKey = (path: string, text: string): string => `${path}\n${text}`;

/** Whether a record stands for a live holder. `text` is the content of the file at `path`, as read. */
function judgeRecord(record: PidLockRecord, path: string, text: string): Verdict {
  const host = osHostname();
  if (record.hostname !== null && record.hostname !== host) return { state: 'held', record, reason: 'other-host' };
  // A record naming this very process is ours only while we hold it; otherwise an earlier process
  // had our pid (a container restart, where the service is always pid 1), whatever its start time says.
  if (record.pid === process.pid) return heldHere.has(heldKey(path, text)) ? { state: 'held', record, reason: 'alive' } : { state: 'stale', record, reason: 'pid-reused' };
  const state = probeValidPid(record.pid);
  if (state === 'dead' || state === 'zombie') return { state: 'stale', record, reason: state };
  const liveStart = processStartTime(record.pid);
  if (record.startTime !== null && liveStart !== undefined && liveStart !== record.startTime) {
    return { state: 'stale', record, reason: 'pid-reused' };
  }
  return { state: 'held', record, reason: 'alive' };
}

function judgeContent(path: string, text: string): Verdict {
  const parsed = parseLockContent(text);
  return parsed.ok ? judgeRecord(parsed.record, path, text) : { state: 'stale', record: undefined, reason: parsed.reason };
}

function fsError(action: string, path: string, error: unknown): PidLockError {
  const code = errorCode(error);
  const dir = dirname(path);
  let advice: string;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      advice = `the directory ${dir} does not exist. Create it first (mkdir -p), or choose a lock path in an existing directory.`;
      break;
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      advice =
        action === 'read'
          ? `no permission to read it (${code}). Run as a user who may read ${path}, or choose another lock path.`
          : `no permission to write in ${dir} (${code}). Run as a user who may write there, or choose a lock path in a writable directory.`;
      break;
    default:
      advice = `${error instanceof Error ? error.message : String(error)}.`;
  }
  return new PidLockError(`cannot ${action} pid lock ${path}: ${advice}`, path, code, { cause: error });
}

function uniqueSibling(path: string, suffix: string): string {
  return `${path}.${process.pid}.${randomBytes(6).toString('hex')}.${suffix}`;
}

const SIBLING = /^\.(\d+)\.[0-9a-f]{12}\.(?:tmp|stale)$/;

/** Deletes candidates and tombstones that starters killed mid-acquire left behind (their pid is dead). */
function sweepLeftovers(lockPath: string): void {
  const prefix = basename(lockPath);
  try {
    for (const name of readdirSync(dirname(lockPath))) {
      const match = name.startsWith(prefix) ? SIBLING.exec(name.slice(prefix.length)) : null;
      if (match !== null && pidState(Number(match[1])) === 'dead') unlinkQuietly(join(dirname(lockPath), name));
    }
  } catch {
    // Best effort: leftovers are harmless.
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

/**
 * Frees a name other starters may be reading: rename to a unique tombstone, then delete that. On
 * Windows, deleting a file another process has open leaves its name taken until they close it,
 * while a rename frees the name at once. `false` when the name was already gone.
 */
function removeSharedName(path: string): boolean {
  const tombstone = uniqueSibling(path, 'stale');
  try {
    renameSync(path, tombstone);
  } catch {
    return false;
  }
  unlinkQuietly(tombstone);
  return true;
}

/** Writes the record to a fresh sibling file: created with 'wx', written, fsynced, closed. */
function writeCandidate(path: string, text: string): string {
  const candidate = uniqueSibling(path, 'tmp');
  let fd: number;
  try {
    fd = openSync(candidate, 'wx', 0o644);
  } catch (error) {
    throw fsError('create', path, error);
  }
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkQuietly(candidate);
    throw fsError('write', path, error);
  }
  closeSync(fd);
  return candidate;
}

/** Publishes the candidate at `path` unless a file is there: link() is atomic and fails with EEXIST, like O_EXCL. */
function tryPublish(candidate: string, target: string, lockPath: string): boolean {
  try {
    linkSync(candidate, target);
    return true;
  } catch (error) {
    const code = errorCode(error);
    if (code === 'EEXIST') return false;
    // The candidate was written, so this is no permission problem: the filesystem has no hard links (FAT, some network shares).
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') {
      throw new PidLockError(
        `cannot create pid lock ${lockPath}: the filesystem of ${dirname(lockPath)} does not support hard links (${code}), which the lock needs to publish its file atomically. Choose a lock path on a local disk.`,
        lockPath,
        code,
        { cause: error },
      );
    }
    throw fsError('create', lockPath, error);
  }
}

interface OpenLockFile {
  readonly fd: number;
  readonly dev: number;
  readonly ino: number;
  readonly text: string;
}

/** Opens and reads the lock file; the open descriptor pins its inode, so its number cannot be reused meanwhile. */
function openLockFile(path: string, lockPath: string): OpenLockFile | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw fsError('read', lockPath, error);
  }
  try {
    const { dev, ino } = fstatSync(fd);
    return { fd, dev, ino, text: readFileSync(fd).toString('utf8') };
  } catch (error) {
    closeSync(fd);
    throw fsError('read', lockPath, error);
  }
}

function sameFile(path: string, file: OpenLockFile): boolean {
  try {
    const stat = statSync(path);
    return stat.ino === file.ino && stat.dev === file.dev;
  } catch {
    return false;
  }
}

/**
 * rename(path -> unique tombstone), then deletes the tombstone if it is `file` (the inode we
 * judged, pinned by its open descriptor). If it is another file, puts it back with link(), which
 * never overwrites. `true` when `file` was removed.
 */
function moveAsideIfSame(path: string, file: OpenLockFile, lockPath: string): boolean {
  if (!sameFile(path, file)) return false;
  const tombstone = uniqueSibling(path, 'stale');
  try {
    renameSync(path, tombstone);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw fsError('replace stale', lockPath, error);
  }
  if (sameFile(tombstone, file)) {
    unlinkQuietly(tombstone);
    return true;
  }
  try {
    linkSync(tombstone, path);
  } catch {
    // EEXIST: a newer file took the name; see removeStaleLock for why this cannot happen to a lock file.
  }
  unlinkQuietly(tombstone);
  return false;
}

/**
 * Removes the stale lock file `file` so that exactly one racing starter removes it and no starter
 * ever removes a file created after it judged the old one.
 *
 * rename-to-tombstone alone is not enough: starters A and B both judge the stale file S; A moves S
 * aside and a winner W creates its fresh file F; only then does B rename, and moves F. B can see
 * its mistake, but putting F back races a third starter that found the name free and created its
 * own file: two holders. The race test hits that within a few dozen rounds. So:
 *
 * 1. Claim the takeover: link our complete record to `<path>.takeover`. link() is atomic and fails
 *    with EEXIST, so one starter at a time holds the claim. A claim whose owner is dead (crashed
 *    mid-takeover) is judged like a lock file and moved aside; a live one means "wait, retry".
 * 2. Under the claim, re-check that `path` still names the inode we judged (our open descriptor
 *    pins it, so its number cannot be recycled). Only a claim holder removes a lock file and a
 *    file is only created where none is, so `path` cannot change from here to the rename.
 * 3. rename(path -> unique tombstone), check the tombstone is that inode, delete it, drop the claim.
 *    The caller then races the others to create the lock file with link().
 *
 * What is left: breaking a dead starter's claim is itself a rename-and-check, so a starter killed
 * inside this function, followed by the same race one level up, could still let two in. That takes
 * a crash within microseconds of a takeover and then two unlucky interleavings.
 */
function removeStaleLock(lockPath: string, file: OpenLockFile, candidate: string): 'removed' | 'changed' | 'busy' {
  const claimPath = `${lockPath}.takeover`;
  if (!tryPublish(candidate, claimPath, lockPath)) {
    const claim = openLockFile(claimPath, lockPath);
    if (claim === undefined) return 'changed';
    try {
      if (judgeContent(claimPath, claim.text).state === 'held') return 'busy';
      moveAsideIfSame(claimPath, claim, lockPath);
      return 'changed';
    } finally {
      closeSync(claim.fd);
    }
  }
  try {
    return moveAsideIfSame(lockPath, file, lockPath) ? 'removed' : 'changed';
  } finally {
    removeSharedName(claimPath);
  }
}

// A short synchronous sleep while another starter holds the takeover claim.
const sleepCell = new Int32Array(new SharedArrayBuffer(4));
function pause(ms: number): void {
  Atomics.wait(sleepCell, 0, 0, ms);
}

function ownRecord(): PidLockRecord {
  return {
    pid: process.pid,
    startTime: processStartTime(process.pid) ?? null,
    hostname: osHostname(),
    argv: [...process.argv],
    acquiredAt: new Date().toISOString(),
  };
}

function holdLock(path: string, record: PidLockRecord, text: string): PidLock {
  let held = true;
  heldHere.add(heldKey(path, text));
  const release = (): boolean => {
    if (!held) return false;
    held = false;
    heldHere.delete(heldKey(path, text));
    removeExitHandler();
    try {
      // Only our own record: after a takeover the file belongs to someone else.
      if (readFileSync(path, 'utf8') !== text) return false;
      return removeSharedName(path);
    } catch {
      return false;
    }
  };
  // Released on normal exit and on SIGINT/SIGTERM/SIGHUP (signal-exit re-raises the signal afterwards).
  const removeExitHandler = onExit(() => {
    release();
  });
  return { path, record, release };
}

/**
 * Takes the pid lock at `path`, or throws `PidLockHeldError` naming the live holder.
 * A stale file (dead or reused pid, zombie, empty, corrupt, invalid pid) is taken over atomically.
 * Throws `PidLockError` when the file cannot be created (missing directory, no permission).
 */
export function acquirePidLock(path: string, options: AcquirePidLockOptions = {}): PidLock {
  const lockPath = resolve(path);
  const record = ownRecord();
  const text = formatLockRecord(record);
  // The record is complete before it appears at lockPath: a half-written lock file would read as
  // empty or truncated, which is stale, and a racing starter would take over a live winner's lock.
  const candidate = writeCandidate(lockPath, text);
  const deadline = Date.now() + ACQUIRE_TIMEOUT_MS;
  try {
    while (Date.now() < deadline) {
      if (tryPublish(candidate, lockPath, lockPath)) {
        sweepLeftovers(lockPath);
        return holdLock(lockPath, record, text);
      }
      const file = openLockFile(lockPath, lockPath);
      if (file === undefined) continue;
      try {
        const verdict = judgeContent(lockPath, file.text);
        if (verdict.state === 'held') throw new PidLockHeldError(lockPath, verdict.record, verdict.reason, osHostname());
        const outcome = removeStaleLock(lockPath, file, candidate);
        if (outcome === 'removed') options.onStale?.(verdict.record, verdict.reason);
        else if (outcome === 'busy') pause(1 + Math.random() * 4);
      } finally {
        closeSync(file.fd);
      }
    }
    throw new PidLockError(
      `cannot acquire pid lock ${lockPath}: other starters kept changing it for ${ACQUIRE_TIMEOUT_MS / 1000} s (is a process stuck holding ${lockPath}.takeover?)`,
      lockPath,
      undefined,
    );
  } finally {
    unlinkQuietly(candidate);
  }
}

/** Reads and judges the lock file at `path` without taking or changing anything. */
export function readPidLock(path: string): PidLockStatus {
  return readPidLockText(path)?.status ?? { state: 'absent', record: undefined, reason: undefined };
}

/**
 * Removes the lock file at `path` if it still holds exactly `text` (the record judged gone), under
 * the same takeover claim starters use, so it never removes a lock a new holder created meanwhile.
 * `true` when this call removed it. Throws `PidLockError` when the directory cannot be written.
 */
export function removeLockFileIfUnchanged(path: string, text: string): boolean {
  const lockPath = resolve(path);
  const candidate = writeCandidate(lockPath, formatLockRecord(ownRecord()));
  const deadline = Date.now() + ACQUIRE_TIMEOUT_MS;
  try {
    while (Date.now() < deadline) {
      const file = openLockFile(lockPath, lockPath);
      if (file === undefined) return false;
      try {
        if (file.text !== text) return false;
        const outcome = removeStaleLock(lockPath, file, candidate);
        if (outcome === 'removed') return true;
        if (outcome === 'busy') pause(1 + Math.random() * 4);
      } finally {
        closeSync(file.fd);
      }
    }
    return false;
  } finally {
    unlinkQuietly(candidate);
  }
}

/** Reads the lock file's text and its verdict; `undefined` when there is no file. */
export function readPidLockText(path: string): { readonly text: string; readonly status: Exclude<PidLockStatus, { state: 'absent' }> } | undefined {
  const lockPath = resolve(path);
  let text: string;
  try {
    text = readFileSync(lockPath).toString('utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw fsError('read', lockPath, error);
  }
  return { text, status: judgeContent(lockPath, text) };
}
