import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, fsyncSync, linkSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { constants as osConstants, hostname as osHostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { onExit } from 'signal-exit';
import { errorCode } from '../pid/error-code.js';
import { ownBootId, ownPidNamespace, recordedElsewhere } from '../pid/host-identity.js';
import { pidState, probeValidPid } from '../pid/probe.js';
import { processStartTime } from '../pid/start-time.js';
import { PidLockError, PidLockHeldError } from './errors.js';
import { checkPath, functionOption, optionsObject } from '../signal/validate.js';
import { availableFileLocker, type FileLocker } from './file-lock.js';
import { startedRelativeTo } from './file-tie.js';
import { formatLockRecord, parseLockContent, type PidLockHeldReason, type PidLockKind, type PidLockRecord, type PidLockStaleReason } from './record.js';

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

/**
 * What a lock file says, judged now. `lockKind` says what decided: `'kernel'` when the kernel lock on
 * the file did (held, or free under a record written by a kernel-lock holder), `'pid'` when the
 * record's pid did (a file system without working locks, or a file from a version before kernel locks).
 * A held kernel lock whose file holds no readable record has `record: undefined`.
 */
export type PidLockStatus =
  | { readonly state: 'absent'; readonly record: undefined; readonly reason: undefined; readonly lockKind: undefined }
  | { readonly state: 'held'; readonly record: PidLockRecord | undefined; readonly reason: PidLockHeldReason; readonly lockKind: PidLockKind }
  | { readonly state: 'stale'; readonly record: PidLockRecord | undefined; readonly reason: PidLockStaleReason; readonly lockKind: PidLockKind };

type Verdict = Exclude<PidLockStatus, { state: 'absent' }>;

const ABSENT: PidLockStatus = { state: 'absent', record: undefined, reason: undefined, lockKind: undefined };

// Every attempt takes the lock, throws, or saw another starter change the file or hold the takeover claim.
const ACQUIRE_TIMEOUT_MS = 10_000;

// The locks this process holds, as path and record text. On globalThis, so that the ESM and CommonJS copies
// of this module, loaded side by side, agree on what this process holds.
const heldHere: Set<string> = ((globalThis as Record<symbol, unknown>)[Symbol.for('hermes-pid.heldLocks')] ??= new Set<string>()) as Set<string>;
const heldKey = (path: string, text: string): string => `${path}\n${text}`;

/**
 * Whether a record stands for a live holder. `text` is the content of the file at `path`, as read,
 * `mtimeMs` when it was last written.
 */
function judgeRecord(record: PidLockRecord, path: string, text: string, mtimeMs: number): Verdict {
  const host = osHostname();
  if (record.hostname !== null && record.hostname !== host) return { state: 'held', record, reason: 'other-host', lockKind: 'pid' };
  // A pid from another boot names nothing now; one from another pid namespace cannot be checked here.
  const elsewhere = recordedElsewhere(record.pidNamespace, record.bootId);
  if (elsewhere === 'other-boot') return { state: 'stale', record, reason: 'rebooted', lockKind: 'pid' };
  if (elsewhere === 'other-namespace') return { state: 'held', record, reason: 'other-namespace', lockKind: 'pid' };
  // A record naming this very process is ours only while we hold it; otherwise an earlier process
  // had our pid (a container restart, where the service is always pid 1), whatever its start time says.
  if (record.pid === process.pid) {
    return heldHere.has(heldKey(path, text)) ? { state: 'held', record, reason: 'alive', lockKind: 'pid' } : { state: 'stale', record, reason: 'pid-reused', lockKind: 'pid' };
  }
  const state = probeValidPid(record.pid);
  if (state === 'dead' || state === 'zombie') return { state: 'stale', record, reason: state, lockKind: 'pid' };
  const liveStart = processStartTime(record.pid);
  if (record.startTime !== null && liveStart !== undefined && liveStart !== record.startTime) {
    return { state: 'stale', record, reason: 'pid-reused', lockKind: 'pid' };
  }
  // No start time (a legacy bare pid): a process that surely started after the file was written is not its writer.
  if (record.startTime === null && startedRelativeTo(record.pid, mtimeMs) === 'after') return { state: 'stale', record, reason: 'pid-reused', lockKind: 'pid' };
  return { state: 'held', record, reason: 'alive', lockKind: 'pid' };
}

/** The pid judgement: where the file system has no working locks, and for records of versions before kernel locks. */
function judgeContent(path: string, text: string, mtimeMs: number): Verdict {
  const parsed = parseLockContent(text);
  return parsed.ok ? judgeRecord(parsed.record, path, text, mtimeMs) : { state: 'stale', record: undefined, reason: parsed.reason, lockKind: 'pid' };
}

/**
 * Judges the open file `file` (the one at `path` when it was opened) by its kernel lock, trying to take
 * it. When this returns a stale verdict with `lockKind: 'kernel'` or on a free file, `file.fd` holds the
 * lock until it is closed. `'changed'`: the file left `path` meanwhile (its holder released it), look again.
 */
function judgeOpenFile(path: string, file: OpenLockFile, locker: FileLocker | undefined): Verdict | 'changed' {
  const attempt = locker?.tryLock(file.fd) ?? 'unsupported';
  if (attempt === 'unsupported') return judgeContent(path, file.text, file.mtimeMs);
  // A lock on an inode that is no longer at the path protects nothing: its holder unlinked it on release.
  if (!sameFile(path, file)) return 'changed';
  const parsed = parseLockContent(file.text);
  if (attempt === 'busy') return { state: 'held', record: parsed.ok ? parsed.record : undefined, reason: 'locked', lockKind: 'kernel' };
  // Free. A record its holder wrote under a kernel lock is stale the instant that lock is free, whatever
  // its pid says; any other record (an older version's, or a pid-mode holder's) is judged by pid.
  if (parsed.ok && parsed.record.lockKind === 'kernel') return { state: 'stale', record: parsed.record, reason: 'unlocked', lockKind: 'kernel' };
  return judgeContent(path, file.text, file.mtimeMs);
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

/**
 * Deletes candidates and tombstones that starters killed mid-acquire left behind (their pid is dead).
 * A candidate under a kernel lock is kept while its lock is held: its owner may live in another pid
 * namespace, where its pid means nothing here.
 */
function sweepLeftovers(lockPath: string, locker: FileLocker | undefined): void {
  const prefix = basename(lockPath);
  try {
    for (const name of readdirSync(dirname(lockPath))) {
      const match = name.startsWith(prefix) ? SIBLING.exec(name.slice(prefix.length)) : null;
      if (match === null || pidState(Number(match[1])) !== 'dead') continue;
      const path = join(dirname(lockPath), name);
      if (locker === undefined || !name.endsWith('.tmp') || isFree(path, locker)) unlinkQuietly(path);
    }
  } catch {
    // Best effort: leftovers are harmless.
  }
}

/** Whether no process holds the kernel lock on the file at `path` (a test-lock: taken and let go at once). */
function isFree(path: string, locker: FileLocker): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return false;
  }
  try {
    return locker.tryLock(fd) !== 'busy';
  } finally {
    closeSync(fd);
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

interface Candidate {
  readonly path: string;
  /** Open while the candidate may become the lock file: under a kernel lock it holds that lock. */
  readonly fd: number;
  readonly lockKind: PidLockKind;
}

/**
 * Creates a fresh sibling file with 'wx' and takes the kernel lock on it, so the lock file is locked
 * from the instant link() publishes it. `lockKind` is 'pid' where the file system refuses locks.
 */
function createCandidate(path: string, locker: FileLocker | undefined): Candidate {
  const candidate = uniqueSibling(path, 'tmp');
  // Created under a name sweepLeftovers ignores, and renamed once locked: a starter in another pid
  // namespace (where our pid is dead) sweeps a dead pid's candidate only when its lock is free.
  const unlocked = `${candidate}.new`;
  let fd: number;
  try {
    fd = openSync(unlocked, 'wx', 0o644);
  } catch (error) {
    throw fsError('create', path, error);
  }
  try {
    const lockKind = locker?.tryLock(fd) === 'locked' ? 'kernel' : 'pid';
    renameSync(unlocked, candidate);
    return { path: candidate, fd, lockKind };
  } catch (error) {
    closeSync(fd);
    unlinkQuietly(unlocked);
    throw fsError('create', path, error);
  }
}

/** Writes the record into the candidate and fsyncs it, before it is published. */
function writeCandidate(candidate: Candidate, text: string, lockPath: string): void {
  try {
    writeSync(candidate.fd, text);
    fsyncSync(candidate.fd);
  } catch (error) {
    closeSync(candidate.fd);
    unlinkQuietly(candidate.path);
    throw fsError('write', lockPath, error);
  }
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
  /** When it was last written (a legacy record's pid is tied to the file by it). */
  readonly mtimeMs: number;
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
    const { dev, ino, mtimeMs } = fstatSync(fd);
    return { fd, dev, ino, mtimeMs, text: readFileSync(fd).toString('utf8') };
  } catch (error) {
    closeSync(fd);
    throw fsError('read', lockPath, error);
  }
}

/**
 * Whether two stats name one file. Wine's fstat reports volume 0 for a handle whose opening name is
 * gone (our candidate, renamed and unlinked); the file index alone identifies it there.
 */
function sameIdentity(a: { readonly dev: number; readonly ino: number }, b: { readonly dev: number; readonly ino: number }): boolean {
  return a.ino === b.ino && (a.dev === b.dev || (process.platform === 'win32' && (a.dev === 0 || b.dev === 0)));
}

function sameFile(path: string, file: OpenLockFile): boolean {
  try {
    const stat = statSync(path);
    return sameIdentity(stat, file);
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
 * Under kernel locks the caller holds the lock on `file` throughout, so no other starter of this
 * version can be here for the same file; the claim keeps starters of older versions out.
 *
 * What is left: breaking a dead starter's claim is itself a rename-and-check, so a starter killed
 * inside this function, followed by the same race one level up, could still let two in. That takes
 * a crash within microseconds of a takeover and then two unlucky interleavings.
 */
function removeStaleLock(lockPath: string, file: OpenLockFile, candidate: Candidate, locker: FileLocker | undefined): 'removed' | 'changed' | 'busy' {
  const claimPath = `${lockPath}.takeover`;
  if (!tryPublish(candidate.path, claimPath, lockPath)) {
    const claim = openLockFile(claimPath, lockPath);
    if (claim === undefined) return 'changed';
    try {
      // A claim is its owner's candidate, kernel-locked by a live owner wherever it runs.
      const verdict = judgeOpenFile(claimPath, claim, locker);
      if (verdict === 'changed') return 'changed';
      if (verdict.state === 'held') return 'busy';
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

function ownRecord(lockKind: PidLockKind): PidLockRecord {
  return {
    pid: process.pid,
    startTime: processStartTime(process.pid) ?? null,
    hostname: osHostname(),
    argv: [...process.argv],
    acquiredAt: new Date().toISOString(),
    lockKind,
    pidNamespace: ownPidNamespace() ?? null,
    bootId: ownBootId() ?? null,
  };
}

/** Whether `path` names the file open as `fd`. */
function pathNamesFd(path: string, fd: number): boolean {
  try {
    const open = fstatSync(fd);
    const stat = statSync(path);
    return sameIdentity(stat, open);
  } catch {
    return false;
  }
}

/**
 * signal-exit re-raises the signal after the exit handlers, so the default action ends the process. The
 * kernel drops a signal without a handler sent to the init of a pid namespace (a container's service,
 * `unshare -p -f`): pid 1 would release its lock and run on. So pid 1 exits as the signal would have ended it.
 */
function exitIfNamespaceInit(signal: NodeJS.Signals): void {
  if (process.pid !== 1) return;
  const number = (osConstants.signals as Partial<Record<string, number>>)[signal] ?? 0;
  // After signal-exit's re-raise (dropped): a handler that kept the process alive on purpose is rare in pid 1.
  setImmediate(() => process.exit(128 + number));
}

/** `fd`: the lock file, open and kernel-locked, for a 'kernel' lock; `undefined` for a 'pid' one. */
function holdLock(path: string, record: PidLockRecord, text: string, fd: number | undefined): PidLock {
  let held = true;
  heldHere.add(heldKey(path, text));
  const release = (): boolean => {
    if (!held) return false;
    held = false;
    heldHere.delete(heldKey(path, text));
    removeExitHandler();
    try {
      if (fd !== undefined) {
        // Unlink while still holding the lock, then close: a starter that locks this inode after the
        // close finds it gone from the path and retries, so it never holds a file nobody sees.
        try {
          return pathNamesFd(path, fd) && readFileSync(path, 'utf8') === text && removeSharedName(path);
        } finally {
          closeSync(fd);
        }
      }
      // Only our own record: after a takeover the file belongs to someone else.
      if (readFileSync(path, 'utf8') !== text) return false;
      return removeSharedName(path);
    } catch {
      return false;
    }
  };
  // Released on normal exit and on SIGINT/SIGTERM/SIGHUP (signal-exit re-raises the signal afterwards).
  // A kernel lock needs no handler to be freed (the kernel frees it with the process), only to remove the file.
  const removeExitHandler = onExit((_code, signal) => {
    release();
    if (signal !== null) exitIfNamespaceInit(signal);
  });
  return { path, record, release };
}

// How long a refused starter looks again before it reports the lock held. A busy kernel lock is a live
// holder, a readPidLock test-lock (microseconds), or a starter removing a stale file (under its lock).
const TEST_LOCK_GRACE_MS = 3;
const TAKEOVER_GRACE_MS = 500;

/** `AcquirePidLockOptions`, checked: its `onStale`. Throws a TypeError naming a malformed option. */
export function checkAcquireOptions(where: string, options: unknown): AcquirePidLockOptions['onStale'] {
  const object = optionsObject(where, options);
  functionOption(where, object, 'onStale');
  return object.onStale as AcquirePidLockOptions['onStale'];
}

/**
 * Takes the pid lock at `path`, or throws `PidLockHeldError` naming the live holder.
 *
 * Where the file system has working locks (local disks, and NFS with a lock manager) the lock is a
 * kernel lock on the open lock file (flock on Linux and macOS, LockFileEx on Windows), held by this
 * process's descriptor until `release()` or until it dies, however it dies: the kernel frees it, and the
 * next starter takes over at once, whatever pid namespace either runs in. The record in the file is for
 * readers. Elsewhere, and against files of older versions, a stale file (dead or reused pid, zombie,
 * empty, corrupt, invalid pid) is judged by its record and taken over atomically.
 * Throws `PidLockError` when the file cannot be created (missing directory, no permission), and a
 * TypeError, at once, for a path that is not a non-empty string or a malformed option.
 */
export function acquirePidLock(path: string, options?: AcquirePidLockOptions): PidLock {
  const lockPath = resolve(checkPath('acquirePidLock', path));
  const onStale = checkAcquireOptions('acquirePidLock', options);
  const locker = availableFileLocker();
  const candidate = createCandidate(lockPath, locker);
  const record = ownRecord(candidate.lockKind);
  const text = formatLockRecord(record);
  // The record is complete before it appears at lockPath: a half-written lock file would read as
  // empty or truncated, which an older version judges stale, and would take over a live winner's lock.
  writeCandidate(candidate, text, lockPath);
  const deadline = Date.now() + ACQUIRE_TIMEOUT_MS;
  let held: { since: number; verdict: Verdict } | undefined;
  let holding = false;
  try {
    while (Date.now() < deadline) {
      if (tryPublish(candidate.path, lockPath, lockPath)) {
        sweepLeftovers(lockPath, locker);
        holding = true;
        return holdLock(lockPath, record, text, candidate.lockKind === 'kernel' ? candidate.fd : undefined);
      }
      const file = openLockFile(lockPath, lockPath);
      if (file === undefined) continue;
      try {
        const verdict = judgeOpenFile(lockPath, file, candidate.lockKind === 'kernel' ? locker : undefined);
        if (verdict === 'changed') continue;
        if (verdict.state === 'held') {
          if (verdict.reason === 'locked') {
            // Whether a live holder or a starter taking over: a record the pid judgement calls stale is
            // likely a takeover in progress, so wait longer for it; never take it on that judgement.
            held ??= { since: Date.now(), verdict };
            const looksStale = judgeContent(lockPath, file.text, file.mtimeMs).state === 'stale';
            if (Date.now() - held.since < (looksStale ? TAKEOVER_GRACE_MS : TEST_LOCK_GRACE_MS)) {
              pause(1);
              continue;
            }
          }
          throw new PidLockHeldError(lockPath, verdict.record, verdict.reason, osHostname(), verdict.lockKind);
        }
        held = undefined;
        const outcome = removeStaleLock(lockPath, file, candidate, locker);
        if (outcome === 'removed') onStale?.(verdict.record, verdict.reason);
        else if (outcome === 'busy') pause(1 + Math.random() * 4);
      } finally {
        // Closing frees our lock on a stale file, after removeStaleLock unlinked it.
        closeSync(file.fd);
      }
    }
    throw new PidLockError(
      `cannot acquire pid lock ${lockPath}: other starters kept changing it for ${ACQUIRE_TIMEOUT_MS / 1000} s (is a process stuck holding ${lockPath}.takeover?)`,
      lockPath,
      undefined,
    );
  } finally {
    unlinkQuietly(candidate.path);
    if (!holding) closeSync(candidate.fd);
  }
}

/**
 * Reads and judges the lock file at `path` without taking or changing anything: where the file system
 * has working locks, by testing the kernel lock (taken and let go within microseconds).
 */
export function readPidLock(path: string): PidLockStatus {
  return readPidLockText(checkPath('readPidLock', path))?.status ?? ABSENT;
}

/**
 * Removes the lock file at `path` if it still holds exactly `text` (the record judged gone), under
 * the kernel lock when there is one, and under the same takeover claim starters use, so it never
 * removes a lock a new holder created meanwhile.
 * `true` when this call removed it. Throws `PidLockError` when the directory cannot be written.
 */
export function removeLockFileIfUnchanged(path: string, text: string): boolean {
  const lockPath = resolve(path);
  const locker = availableFileLocker();
  const candidate = createCandidate(lockPath, locker);
  writeCandidate(candidate, formatLockRecord(ownRecord(candidate.lockKind)), lockPath);
  const deadline = Date.now() + ACQUIRE_TIMEOUT_MS;
  try {
    while (Date.now() < deadline) {
      const file = openLockFile(lockPath, lockPath);
      if (file === undefined) return false;
      try {
        if (file.text !== text) return false;
        if (candidate.lockKind === 'kernel') {
          const verdict = judgeOpenFile(lockPath, file, locker);
          if (verdict === 'changed') continue;
          // Only a holder unlinks a file that may be held: its kernel lock must be ours first.
          if (verdict.state === 'held' && verdict.lockKind === 'kernel') return false;
        }
        const outcome = removeStaleLock(lockPath, file, candidate, locker);
        if (outcome === 'removed') return true;
        if (outcome === 'busy') pause(1 + Math.random() * 4);
      } finally {
        closeSync(file.fd);
      }
    }
    return false;
  } finally {
    unlinkQuietly(candidate.path);
    closeSync(candidate.fd);
  }
}

/** Reads the lock file's text, when it was last written and its verdict; `undefined` when there is no file. */
export function readPidLockText(path: string): { readonly text: string; readonly mtimeMs: number; readonly status: Verdict } | undefined {
  const lockPath = resolve(path);
  const locker = availableFileLocker();
  for (;;) {
    const file = openLockFile(lockPath, lockPath);
    if (file === undefined) return undefined;
    try {
      const status = judgeOpenFile(lockPath, file, locker);
      if (status !== 'changed') return { text: file.text, mtimeMs: file.mtimeMs, status };
    } finally {
      closeSync(file.fd);
    }
  }
}
