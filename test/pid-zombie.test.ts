// Zombies on Linux: process.kill(pid, 0) succeeds on them; pidState, pidIsAlive and the pid lock
// read /proc/<pid>/stat through one reader and call them dead.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { pidIsAlive, pidState, processStartTime, readPidLock } from '../src/index.js';
import { procStatLiveness, readProcStatFile, setProcStatReaderForTests, type ProcStatReader } from '../src/pid/proc-stat.js';
import { killAndReap, startSleeper } from './support/processes.js';
import { startReapableZombie } from './support/zombie.js';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'hermes zombie '));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});
afterEach(() => {
  setProcStatReaderForTests(undefined);
  vi.restoreAllMocks();
});

let lockCount = 0;
function lockNaming(pid: number): string {
  const path = join(root, `lock-${++lockCount}.pid`);
  writeFileSync(path, JSON.stringify({ pid, startTime: null, hostname: hostname(), argv: ['node', 'old.js'], acquiredAt: '2026-01-01T00:00:00.000Z' }));
  return path;
}

function rawProbeSucceeds(pid: number): boolean {
  try {
    // eslint-disable-next-line hermes-pid/no-raw-liveness-probe -- the raw probe is what a zombie fools
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The real reader, counting its calls. */
function countingReader(): number[] {
  const calls: number[] = [];
  setProcStatReaderForTests((pid, into) => (calls.push(pid), readProcStatFile(pid, into)));
  return calls;
}

describe('a real zombie', () => {
  it('is dead to pidState, pidIsAlive and the pid lock, and stays dead once reaped', async () => {
    const { parent, zombiePid, reap } = await startReapableZombie();
    try {
      // The premise: the raw probe calls it alive.
      expect(rawProbeSucceeds(zombiePid)).toBe(true);
      expect(pidState(zombiePid)).toBe('dead');
      expect(pidState(String(zombiePid))).toBe('dead');
      expect(pidIsAlive(zombiePid)).toBe(false);
      expect(pidIsAlive(zombiePid, { treatPermissionDeniedAsAlive: true })).toBe(false);
      expect(pidIsAlive(zombiePid, { treatPermissionDeniedAsAlive: false })).toBe(false);
      const lock = lockNaming(zombiePid);
      expect(readPidLock(lock)).toMatchObject({ state: 'stale', reason: 'zombie', record: { pid: zombiePid } });
      // The parent is alive all along: only the child is a zombie.
      expect(pidState(parent.pid)).toBe('alive');

      await reap();
      expect(rawProbeSucceeds(zombiePid)).toBe(false);
      expect(pidState(zombiePid)).toBe('dead');
      expect(pidIsAlive(zombiePid, { treatPermissionDeniedAsAlive: true })).toBe(false);
      expect(readPidLock(lock)).toMatchObject({ state: 'stale', reason: 'dead' });
    } finally {
      await killAndReap(parent);
    }
  });

  it('keeps the probe answer when /proc cannot be read for the pid', async () => {
    const { parent, zombiePid } = await startReapableZombie();
    try {
      const asked: number[] = [];
      setProcStatReaderForTests((pid) => (asked.push(pid), undefined));
      expect(pidState(zombiePid)).toBe('alive');
      expect(pidIsAlive(zombiePid)).toBe(true);
      // The lock decides through the same code: with nothing to read, a live holder.
      expect(readPidLock(lockNaming(zombiePid))).toMatchObject({ state: 'held', reason: 'alive' });
      expect(asked).toContain(zombiePid);

      setProcStatReaderForTests(() => {
        throw new Error('a reader that throws');
      });
      expect(pidState(zombiePid)).toBe('alive');

      setProcStatReaderForTests(undefined);
      expect(pidState(zombiePid)).toBe('dead');
    } finally {
      await killAndReap(parent);
    }
  });
});

describe('a command name that holds ") Z (" and spaces', () => {
  it('is read from the last ")" and stays alive while it runs', async () => {
    // comm is the basename exec'd, cut to 15 bytes: this name fits whole.
    const name = 'hz) Z (x y';
    const link = join(root, name);
    symlinkSync(process.execPath, link);
    const child = spawn(link, ['-e', 'setInterval(() => {}, 1000); process.send?.("up")'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    try {
      await once(child, 'message');
      const pid = child.pid ?? 0;
      const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
      // The premise: a parser reading up to the first ")" would see state Z.
      expect(stat.startsWith(`${pid} (${name}) `)).toBe(true);
      expect(procStatLiveness(pid)).toBe('running');
      expect(pidState(pid)).toBe('alive');
      expect(pidIsAlive(pid)).toBe(true);
      expect(processStartTime(pid)).toEqual(expect.any(Number));
      const lock = lockNaming(pid);
      expect(readPidLock(lock)).toMatchObject({ state: 'held', reason: 'alive' });
      await killAndReap(child);
      expect(pidState(pid)).toBe('dead');
    } finally {
      await killAndReap(child);
    }
  });
});

describe('what the probe costs', () => {
  it('never reads /proc for the current process, nor signals it', () => {
    const calls = countingReader();
    const kill = vi.spyOn(process, 'kill');
    expect(pidState(process.pid)).toBe('alive');
    expect(pidIsAlive(process.pid)).toBe(true);
    expect(calls).toEqual([]);
    expect(kill).not.toHaveBeenCalled();
  });

  it('reads /proc once for a live pid and never for a dead one', async () => {
    const child = await startSleeper();
    const calls = countingReader();
    expect(pidState(child.pid)).toBe('alive');
    expect(calls).toEqual([child.pid]);
    await killAndReap(child);
    calls.length = 0;
    expect(pidState(child.pid)).toBe('dead');
    expect(calls).toEqual([]);
  });

  it('reads /proc for a denied pid too: a zombie owned by someone else is dead', () => {
    vi.spyOn(process, 'kill').mockImplementation(() => {
      throw Object.assign(new Error('kill EPERM'), { code: 'EPERM' });
    });
    setProcStatReaderForTests(statText('4242 (other user) Z 1 4242 4242 0 -1'));
    expect(pidState(4242)).toBe('dead');
    setProcStatReaderForTests(statText('4242 (other user) S 1 4242 4242 0 -1'));
    expect(pidState(4242)).toBe('denied');
  });
});

/** A reader that answers `text` for every pid. */
function statText(text: string): ProcStatReader {
  return (_pid, into) => Buffer.from(into.buffer, into.byteOffset, into.byteLength).write(text, 'latin1');
}

describe('procStatLiveness on what /proc might say', () => {
  const cases: [string, string, string | undefined][] = [
    ['a sleeping process', '7316 (node) S 7308 7308', 'running'],
    ['a running process', '7316 (node) R 7308', 'running'],
    ['disk sleep', '7316 (node) D 7308', 'running'],
    ['stopped', '7316 (node) T 7308', 'running'],
    ['a zombie', '7316 (node) Z 7308', 'exited'],
    ['a dead entry', '7316 (node) X 7308', 'exited'],
    ['a zombie named ") S ("', '7316 (a) S (b) Z 1', 'exited'],
    ['a sleeper named ") Z ("', '7316 (a) Z (b) S 1', 'running'],
    ['a name ending in ")"', '7316 ()) S 1', 'running'],
    ['no parenthesis', '7316 node Z 1', undefined],
    ['nothing after ")"', '7316 (node)', undefined],
    ['no space after ")"', '7316 (node)Z 1', undefined],
    ['not a letter', '7316 (node) 5 1', undefined],
    ['empty', '', undefined],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    setProcStatReaderForTests(statText(text));
    expect(procStatLiveness(4242)).toBe(expected);
  });

  it('treats a stat that fills the whole buffer as unreadable', () => {
    setProcStatReaderForTests((_pid, into) => Buffer.from(into.buffer, into.byteOffset, into.byteLength).fill(0x20).write('7316 (node) Z ', 'latin1') && into.length);
    expect(procStatLiveness(4242)).toBeUndefined();
  });
});
