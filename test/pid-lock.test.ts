import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  acquirePidLock,
  PidLockError,
  PidLockHeldError,
  processStartTime,
  readPidLock,
  type PidLockRecord,
  type PidLockStaleReason,
} from '../src/index.js';
import { distIndex } from './support/lock-race.js';
import { copyForOtherUser, type OtherUserCopy } from './support/other-user.js';
import { killAndReap, runNode, startSleeper } from './support/processes.js';
import { startZombie } from './support/zombie.js';


let root: string;
let fileCount = 0;
/** A fresh lock path in a fresh directory, with `content` written to it when given. */
function lockFile(content?: string | Buffer): string {
  const dir = join(root, `case-${++fileCount}`);
  mkdirSync(dir);
  const path = join(dir, 'app.pid');
  if (content !== undefined) writeFileSync(path, content);
  return path;
}

function record(fields: Partial<PidLockRecord>): string {
  return JSON.stringify({ pid: process.pid, startTime: processStartTime(process.pid), hostname: hostname(), argv: ['node', 'old.js'], acquiredAt: '2026-01-01T00:00:00.000Z', ...fields });
}

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

let deadPid: number;
let sleeper: Awaited<ReturnType<typeof startSleeper>>;
let zombie: Awaited<ReturnType<typeof startZombie>>;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'hermes-lock-'));
  const dead = await startSleeper();
  deadPid = dead.pid;
  await killAndReap(dead);
  sleeper = await startSleeper();
  zombie = await startZombie();
});

afterAll(async () => {
  rmSync(root, { recursive: true, force: true });
  await killAndReap(sleeper);
  await killAndReap(zombie.parent);
});

describe('acquirePidLock on a free path', () => {
  it('writes the record, reports it held, and release removes it', () => {
    const path = lockFile();
    const lock = acquirePidLock(path);
    expect(lock.path).toBe(path);
    expect(lock.record).toMatchObject({ pid: process.pid, startTime: processStartTime(process.pid), hostname: hostname(), argv: process.argv });
    expect(Date.parse(lock.record.acquiredAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(lock.record);
    expect(readPidLock(path)).toEqual({ state: 'held', record: lock.record, reason: 'locked', lockKind: 'kernel' });
    expect(() => acquirePidLock(path)).toThrow(PidLockHeldError);
    expect(lock.release()).toBe(true);
    expect(readdirSync(join(path, '..'))).toEqual([]);
    expect(readPidLock(path)).toEqual({ state: 'absent', record: undefined, reason: undefined, lockKind: undefined });
    expect(lock.release()).toBe(false);
  });

  it('is released when the holder exits normally, or calls process.exit, without calling release()', async () => {
    for (const ending of ['', 'process.exit(3);']) {
      const path = lockFile();
      const script = `
        const { acquirePidLock } = require(${JSON.stringify(distIndex)});
        acquirePidLock(${JSON.stringify(path)});
        console.log(require('node:fs').existsSync(${JSON.stringify(path)}));
        ${ending}`;
      const out = await runNode(['-e', script]).catch((error: unknown) => String(error));
      expect(out).toMatch(ending === '' ? /^true\n$/ : /exited 3/);
      expect(existsSync(path)).toBe(false);
    }
  });

  it('leaves no exit or signal handler behind after release()', () => {
    const counts = (): number[] => ['exit', 'SIGINT', 'SIGTERM'].map((event) => process.listenerCount(event));
    const before = counts();
    const lock = acquirePidLock(lockFile());
    expect(counts().some((count, i) => count > (before[i] ?? 0))).toBe(true);
    lock.release();
    expect(counts()).toEqual(before);
  });
});

describe('stale lock files are recovered', () => {
  const staleCases: [string, () => string | Buffer, PidLockStaleReason, (r: PidLockRecord | undefined) => void][] = [
    ['an empty file', () => '', 'empty', (r) => expect(r).toBeUndefined()],
    ['whitespace', () => ' \n', 'empty', (r) => expect(r).toBeUndefined()],
    ['truncated JSON', () => record({}).slice(0, 20), 'corrupt', (r) => expect(r).toBeUndefined()],
    ['binary garbage', () => Buffer.from([0x00, 0xff, 0xfe, 0x89, 0x50, 0x4e, 0x47, 0x0d]), 'corrupt', (r) => expect(r).toBeUndefined()],
    ['JSON that is not a record', () => '[1234]', 'corrupt', (r) => expect(r).toBeUndefined()],
    ['a record with a string argv', () => record({ argv: 'node' as never }), 'corrupt', (r) => expect(r).toBeUndefined()],
    ['"0"', () => '0', 'invalid-pid', (r) => expect(r).toBeUndefined()],
    ['"-1"', () => '-1\n', 'invalid-pid', (r) => expect(r).toBeUndefined()],
    ['a record with pid 0', () => record({ pid: 0 }), 'invalid-pid', (r) => expect(r).toBeUndefined()],
    ['a record with pid "garbage"', () => record({ pid: 'garbage' as never }), 'invalid-pid', (r) => expect(r).toBeUndefined()],
    ['a bare number of a dead pid', () => `${deadPid}\n`, 'dead', (r) => expect(r).toMatchObject({ pid: deadPid, startTime: null, hostname: null })],
    ['a record of a dead pid', () => record({ pid: deadPid }), 'dead', (r) => expect(r?.pid).toBe(deadPid)],
    ['a record of a zombie', () => record({ pid: zombie.zombiePid, startTime: null }), 'zombie', (r) => expect(r?.pid).toBe(zombie.zombiePid)],
    [
      'a record whose pid is alive but whose start time differs',
      () => record({ pid: sleeper.pid, startTime: (processStartTime(sleeper.pid) ?? 0) + 1 }),
      'pid-reused',
      (r) => expect(r?.pid).toBe(sleeper.pid),
    ],
    ['a bare number naming this very process (left by an earlier process with our pid)', () => String(process.pid), 'pid-reused', (r) => expect(r?.pid).toBe(process.pid)],
    // Where start times cannot be read (no /proc, Windows without koffi) a record of an earlier
    // process with our pid (a container restart: always pid 1) must not block us forever.
    ['a record naming this very process with no start time, which we do not hold', () => record({ startTime: null }), 'pid-reused', (r) => expect(r?.pid).toBe(process.pid)],
    ['a record naming this very process with our start time, which we do not hold', () => record({}), 'pid-reused', (r) => expect(r?.pid).toBe(process.pid)],
  ];

  it.each(staleCases)('%s', (_name, content, reason, checkRecord) => {
    const path = lockFile(content());
    const before = readPidLock(path);
    expect(before).toMatchObject({ state: 'stale', reason });
    const onStale = vi.fn();
    const lock = acquirePidLock(path, { onStale });
    expect(onStale).toHaveBeenCalledOnce();
    expect(onStale).toHaveBeenCalledWith(before.record, reason);
    checkRecord(onStale.mock.calls[0]?.[0] as PidLockRecord | undefined);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(lock.record);
    // Only the lock file: the tombstone, the takeover claim and the candidate are gone.
    expect(readdirSync(join(path, '..'))).toEqual(['app.pid']);
    lock.release();
  });
});

describe('takeover claims and what a starter killed mid-acquire leaves behind', () => {
  it('a takeover claim of a dead starter is moved aside', () => {
    const path = lockFile('');
    writeFileSync(`${path}.takeover`, record({ pid: deadPid }));
    const onStale = vi.fn();
    const lock = acquirePidLock(path, { onStale });
    expect(onStale).toHaveBeenCalledExactlyOnceWith(undefined, 'empty');
    expect(readdirSync(join(path, '..'))).toEqual(['app.pid']);
    lock.release();
  });

  it('a live starter\'s takeover claim is waited for, not broken', async () => {
    const path = lockFile('');
    const claim = `${path}.takeover`;
    writeFileSync(claim, record({ pid: sleeper.pid, startTime: processStartTime(sleeper.pid) ?? null }));
    const marker = `${path}.starting`;
    const starter = runNode(['-e', `
      const { acquirePidLock } = require(${JSON.stringify(distIndex)});
      const reasons = [];
      require('node:fs').writeFileSync(${JSON.stringify(marker)}, '');
      const started = Date.now();
      acquirePidLock(${JSON.stringify(path)}, { onStale: (record, reason) => reasons.push(reason) });
      console.log(JSON.stringify({ reasons, waited: Date.now() - started }));`]);
    while (!existsSync(marker)) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 250));
    // Still waiting: the claim and the stale file are untouched.
    expect(readFileSync(path, 'utf8')).toBe('');
    expect(existsSync(claim)).toBe(true);
    unlinkSync(claim);
    const result = JSON.parse(await starter) as { reasons: string[]; waited: number };
    expect(result.reasons).toEqual(['empty']);
    expect(result.waited).toBeGreaterThanOrEqual(200);
  });

  it('candidates and tombstones of dead pids are deleted, those of live pids kept', () => {
    const path = lockFile();
    const leftovers = [`app.pid.${deadPid}.0123456789ab.tmp`, `app.pid.${deadPid}.ba9876543210.stale`];
    const kept = [`app.pid.${sleeper.pid}.0123456789ab.tmp`, 'app.pid.bak', `other.pid.${deadPid}.0123456789ab.tmp`];
    for (const name of [...leftovers, ...kept]) writeFileSync(join(path, '..', name), 'x');
    const lock = acquirePidLock(path);
    expect(readdirSync(join(path, '..')).sort()).toEqual(['app.pid', ...kept].sort());
    lock.release();
  });
});

describe('held lock files are respected', () => {
  it.each([
    ['a live holder with the same start time', () => record({ pid: sleeper.pid, startTime: processStartTime(sleeper.pid) ?? null })],
    ['a live holder with no recorded start time', () => record({ pid: sleeper.pid, startTime: null })],
    ['a legacy bare number of a live pid', () => `${sleeper.pid}\n`],
  ])('%s', (_name, content) => {
    const text = content();
    const path = lockFile(text);
    expect(readPidLock(path)).toMatchObject({ state: 'held', reason: 'alive', record: { pid: sleeper.pid } });
    const onStale = vi.fn();
    const error = thrown(() => acquirePidLock(path, { onStale }));
    expect(error).toBeInstanceOf(PidLockHeldError);
    expect((error as PidLockHeldError).record?.pid).toBe(sleeper.pid);
    expect((error as Error).message).toContain(`pid ${sleeper.pid}`);
    expect((error as Error).message).toContain(path);
    expect(onStale).not.toHaveBeenCalled();
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect(readdirSync(join(path, '..'))).toEqual(['app.pid']);
  });

  it('a holder on another host, even with a dead pid, with a message about shared filesystems', () => {
    const path = lockFile(record({ pid: deadPid, hostname: 'build-07.example' }));
    expect(readPidLock(path)).toMatchObject({ state: 'held', reason: 'other-host' });
    const error = thrown(() => acquirePidLock(path));
    expect(error).toBeInstanceOf(PidLockHeldError);
    expect(error).toMatchObject({ path, reason: 'other-host', record: { pid: deadPid, hostname: 'build-07.example' } });
    expect(() => acquirePidLock(path)).toThrow(/on host "build-07\.example".*shared filesystem/);
  });
});

describe('release', () => {
  it('does not remove a file that no longer holds its record', () => {
    const path = lockFile();
    const lock = acquirePidLock(path);
    const other = record({ pid: sleeper.pid, startTime: processStartTime(sleeper.pid) ?? null });
    writeFileSync(path, other);
    expect(lock.release()).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe(other);
  });

  it('by a process that does not hold the lock leaves the file', async () => {
    const path = lockFile();
    const lock = acquirePidLock(path);
    const text = readFileSync(path, 'utf8');
    // Another process tries to take the lock, fails, and exits normally: its exit handler must not touch the file.
    const out = await runNode(['-e', `
      const { acquirePidLock } = require(${JSON.stringify(distIndex)});
      try { acquirePidLock(${JSON.stringify(path)}); console.log('acquired'); } catch (error) { console.log(error.name); }`]);
    expect(out.trim()).toBe('PidLockHeldError');
    expect(readFileSync(path, 'utf8')).toBe(text);
    lock.release();
  });
});

describe('unusable lock directories', () => {
  // The children below run as nobody when the suite runs as root: they load their own copy.
  let copy: OtherUserCopy;
  beforeAll(() => {
    copy = copyForOtherUser();
  });
  afterAll(() => copy.remove());

  it('a missing directory: names the path, says what to do, creates nothing', () => {
    const dir = join(root, 'missing');
    const path = join(dir, 'app.pid');
    const error = thrown(() => acquirePidLock(path));
    expect(error).toBeInstanceOf(PidLockError);
    expect(error).toMatchObject({ code: 'ENOENT', path });
    expect((error as Error).message).toContain(path);
    expect((error as Error).message).toMatch(/does not exist\. Create it first/);
    expect(existsSync(dir)).toBe(false);
  });

  it('a lock file this user may not read: says it cannot read it, not that it cannot write', async () => {
    const path = lockFile(record({ pid: sleeper.pid }));
    chmodSync(root, 0o755);
    chmodSync(join(path, '..'), 0o755);
    chmodSync(path, 0o600);
    const script = `
      const { readPidLock } = require(${JSON.stringify(copy.index)});
      try { console.log(JSON.stringify({ read: readPidLock(${JSON.stringify(path)}) })); }
      catch (error) { console.log(JSON.stringify({ uid: process.getuid(), name: error.name, code: error.code, message: error.message })); }`;
    const asRoot = process.getuid?.() === 0;
    const result = JSON.parse(await runNode(['-e', script], asRoot ? { uid: 65534, gid: 65534, cwd: '/' } : {})) as Record<string, unknown>;
    expect(result.uid).not.toBe(0);
    expect(result).toMatchObject({ name: 'PidLockError', code: 'EACCES' });
    expect(result.message).toContain(path);
    expect(result.message).toMatch(/cannot read pid lock .*: no permission to read it \(EACCES\)/);
  });

  it('a directory this user may not write: names the path, says what to do, writes nothing', async () => {
    const dir = join(root, 'read-only', 'locks');
    mkdirSync(dir, { recursive: true });
    chmodSync(root, 0o755);
    chmodSync(join(dir, '..'), 0o755);
    chmodSync(dir, 0o555);
    const path = join(dir, 'app.pid');
    const script = `
      const { acquirePidLock } = require(${JSON.stringify(copy.index)});
      try { acquirePidLock(${JSON.stringify(path)}); console.log(JSON.stringify({ acquired: true })); }
      catch (error) { console.log(JSON.stringify({ uid: process.getuid(), name: error.name, code: error.code, path: error.path, message: error.message })); }`;
    // CI runs as root, which writes through any mode bits: run the starter as nobody.
    const asRoot = process.getuid?.() === 0;
    const result = JSON.parse(await runNode(['-e', script], asRoot ? { uid: 65534, gid: 65534, cwd: '/' } : {})) as Record<string, unknown>;
    expect(result.uid).not.toBe(0);
    expect(result).toMatchObject({ name: 'PidLockError', code: 'EACCES', path });
    expect(result.message).toContain(path);
    expect(result.message).toMatch(/no permission to write in .*locks \(EACCES\)\. Run as a user who may write there/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
