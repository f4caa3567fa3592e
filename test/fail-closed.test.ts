// Issue 27, the helper: no signal without an identity tied to the pid file, pid 1 and ourselves
// never signalled from a pid file (inside a throwaway pid namespace), records that say where (pid
// namespace, boot) they were written, and every malformed option a TypeError at once.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { acquirePidLock, processStartTime, readPidLock, signalProcess, stopPidLockHolder, stopProcess, waitForPidLock } from '../src/index.js';
import { pidNamespaceProblem } from './support/pid-namespace.js';

const sleeperScript = fileURLToPath(new URL('signal-scripts/sleeper.cjs', import.meta.url));
const distIndex = fileURLToPath(new URL('../dist/cjs/src/index.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'hermes fail closed '));
const started: ChildProcess[] = [];
let files = 0;
const lockPath = (): string => join(dir, `lock-${++files}.pid`);

afterEach(async () => {
  for (const child of started.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** test/signal-scripts/sleeper.cjs: exits on SIGTERM (or, `ignore-term`, only counts it); `ping` says what it caught. */
async function startSleeper(mode = ''): Promise<ChildProcess & { pid: number }> {
  const child = spawn(process.execPath, [sleeperScript, mode], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  started.push(child);
  await once(child, 'message');
  return child as ChildProcess & { pid: number };
}

async function caughtBy(child: ChildProcess): Promise<unknown> {
  const reply = once(child, 'message');
  child.send('ping');
  return ((await reply)[0] as { caught: unknown }).caught;
}

/** What the child caught once it has caught `expected`: a signal and the IPC ping race in its event loop. */
async function caughtAtLeast(child: ChildProcess, expected: readonly string[]): Promise<unknown> {
  for (let tries = 0; ; tries++) {
    const caught = await caughtBy(child);
    if ((Array.isArray(caught) && caught.length >= expected.length) || tries >= 50) return caught;
    await sleep(20);
  }
}

function alive(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('a pid file without a start time (a legacy bare pid) is signalled only when tied to the file', () => {
  it('answers reused and sends nothing when the process started after the file was last written', async () => {
    const stranger = await startSleeper('ignore-term');
    const path = lockPath();
    writeFileSync(path, `${stranger.pid}\n`);
    // The file was written before the stranger started: its writer had that pid before, and died.
    const past = new Date(Date.now() - 60_000);
    utimesSync(path, past, past);
    expect(readPidLock(path)).toMatchObject({ state: 'stale', reason: 'pid-reused', record: { pid: stranger.pid, startTime: null } });
    const result = await stopPidLockHolder(path, { timeoutMs: 200, forceTimeoutMs: 200 });
    expect(result).toMatchObject({ outcome: 'reused', removed: true });
    expect(await caughtBy(stranger)).toEqual([]);
    expect(alive(stranger)).toBe(true);
    expect(existsSync(path)).toBe(false);
  });

  it('stops the process when it started before the file was written, by the start time it has', async () => {
    const writer = await startSleeper();
    await sleep(100);
    const path = lockPath();
    writeFileSync(path, `${writer.pid}\n`);
    const exited = once(writer, 'exit');
    const result = await stopPidLockHolder(path, { timeoutMs: 20_000 });
    expect(result).toMatchObject({ outcome: 'stopped', record: { pid: writer.pid, startTime: null } });
    expect(await exited).toEqual([null, 'SIGTERM']);
  });

  it('signals a bare pid it cannot tie only on purpose: { signalUnverified: true }', async () => {
    const stranger = await startSleeper('ignore-term');
    const path = lockPath();
    writeFileSync(path, `${JSON.stringify({ pid: stranger.pid, startTime: null, hostname: hostname(), argv: [], acquiredAt: null })}\n`);
    const past = new Date(Date.now() - 60_000);
    utimesSync(path, past, past);
    expect((await stopPidLockHolder(path, { timeoutMs: 100, forceSignal: null })).outcome).toBe('reused');
    expect(await caughtBy(stranger)).toEqual([]);
    // The record form, through signalProcess: refused by default, signalled on purpose.
    const record = { pid: stranger.pid, startTime: null };
    expect(signalProcess(record, 'SIGTERM')).toBe('denied');
    expect(await caughtBy(stranger)).toEqual([]);
    expect(signalProcess(record, 'SIGTERM', { signalUnverified: true })).toBe('signalled');
    expect(await caughtAtLeast(stranger, ['SIGTERM'])).toEqual(['SIGTERM']);
    writeFileSync(path, `${stranger.pid}\n`);
    utimesSync(path, past, past);
    expect(await stopPidLockHolder(path, { timeoutMs: 100, forceSignal: null, signalUnverified: true })).toMatchObject({ outcome: 'timeout' });
    expect(await caughtAtLeast(stranger, ['SIGTERM', 'SIGTERM'])).toEqual(['SIGTERM', 'SIGTERM']);
  });

  it('tells acquirePidLock users to check an untied process, not to stop it', async () => {
    const stranger = await startSleeper();
    const path = lockPath();
    writeFileSync(path, `${stranger.pid}\n`);
    const error = (() => {
      try {
        acquirePidLock(path);
      } catch (caught) {
        return caught as Error;
      }
      throw new Error('acquired');
    })();
    expect(error.message).toContain('records no start time');
    expect(error.message).not.toContain('Stop it first');
  });
});

const noNamespaces = pidNamespaceProblem();

/**
 * Runs `script` (CommonJS, `hermes` in scope) as pid 2 of a new pid namespace whose pid 1 is a
 * throwaway shell (never the machine's init); resolves with what it printed, parsed, and whether that
 * pid 1 still ran at the end.
 */
async function inNamespace(script: string): Promise<{ result: unknown; init: string }> {
  const body = `const hermes = require(${JSON.stringify(distIndex)});\n(async () => {\n${script}\n})().then((r) => console.log(JSON.stringify(r)), (e) => { console.error(e); process.exit(1); });`;
  // `; echo` keeps sh from exec'ing node, so sh stays pid 1 and node is pid 2.
  const child = spawn('unshare', ['-p', '-f', '--mount-proc', '--kill-child=SIGKILL', 'sh', '-c', `"$0" -e "$1"; echo "init:$(cat /proc/1/comm)"`, process.execPath, body], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  expect(code, stderr).toBe(0);
  const lines = stdout.trim().split('\n');
  return { result: JSON.parse(lines[0] ?? 'null') as unknown, init: lines.at(-1) ?? '' };
}

describe.skipIf(noNamespaces !== undefined)(`pid 1 and this process are never signalled from a pid file${noNamespaces === undefined ? '' : ` (skipped: ${noNamespaces})`}`, () => {
  it('answers denied at once for pid 1 (bare or with its start time) and for its own pid, in a throwaway pid namespace', async () => {
    const { result, init } = await inNamespace(`
      const fs = require('node:fs');
      const dir = fs.mkdtempSync(require('node:path').join(require('node:os').tmpdir(), 'hermes-pid1-'));
      const file = (name, text) => { const p = dir + '/' + name; fs.writeFileSync(p, text); return p; };
      const options = { timeoutMs: 60000, forceTimeoutMs: 60000 };
      const record = { pid: 1, startTime: hermes.processStartTime(1), hostname: require('node:os').hostname(), argv: [], acquiredAt: null };
      const outcomes = {
        me: process.pid,
        bare: (await hermes.stopPidLockHolder(file('bare.pid', '1\\n'), options)).outcome,
        record: (await hermes.stopPidLockHolder(file('record.pid', JSON.stringify(record)), options)).outcome,
        unverified: (await hermes.stopPidLockHolder(file('unverified.pid', '1\\n'), { ...options, signalUnverified: true })).outcome,
        self: (await hermes.stopPidLockHolder(file('self.pid', process.pid + '\\n'), options)).outcome,
        signalRecord: hermes.signalProcess(record, 'SIGTERM'),
        stopRecord: (await hermes.stopProcess(record, options)).outcome,
      };
      let message = '';
      try { hermes.acquirePidLock(dir + '/bare.pid'); } catch (error) { message = error.message; }
      outcomes.advice = /Stop it first/.test(message) ? 'stop it' : /never signalled/.test(message) ? 'never signalled' : message;
      return outcomes;`);
    // Its own pid in a file it does not hold: an earlier process had that pid (reused), never signalled.
    expect(result).toEqual({ me: 2, bare: 'denied', record: 'denied', unverified: 'denied', self: 'reused', signalRecord: 'denied', stopRecord: 'denied', advice: 'never signalled' });
    // The throwaway pid 1 (sh) ran to the end: nothing ended it.
    expect(init).toBe('init:sh');
  }, 30_000);

  it('a holder in another pid namespace is denied, never reused, from the host; the holder runs on', async () => {
    const path = lockPath();
    // The holder is pid 2 in its namespace (sh is pid 1 there); pid 2 on the host is another process.
    const holder = spawn(
      'unshare',
      ['-p', '-f', '--mount-proc', '--kill-child=SIGKILL', 'sh', '-c', `"$0" -e "$1" "$2"; true`, process.execPath, `require(${JSON.stringify(distIndex)}).acquirePidLock(process.argv[1]); console.log('up'); setInterval(() => {}, 1000)`, path],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    started.push(holder);
    await once(holder.stdout, 'data');
    const status = readPidLock(path);
    expect(status).toMatchObject({ state: 'held', reason: 'locked', record: { pid: 2 } });
    expect(status.record?.pidNamespace).toEqual(expect.any(Number));
    expect(status.record?.pidNamespace).not.toBe(statSync('/proc/self/ns/pid').ino);
    const result = await stopPidLockHolder(path, { timeoutMs: 200, forceTimeoutMs: 200 });
    expect(result).toMatchObject({ outcome: 'denied', removed: false });
    expect(signalProcess(status, 'SIGTERM')).toBe('denied');
    expect(alive(holder)).toBe(true);
    expect(readPidLock(path)).toMatchObject({ state: 'held', reason: 'locked' });
  }, 30_000);
});

describe('records say where they were written', () => {
  it('writes its pid namespace and boot id; the pid judgement answers other-namespace (held) and rebooted (stale)', async () => {
    const path = lockPath();
    const lock = acquirePidLock(path);
    expect(lock.record).toMatchObject({ pidNamespace: expect.any(Number), bootId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const own = lock.record;
    lock.release();

    const sleeper = await startSleeper('ignore-term');
    const base = { pid: sleeper.pid, startTime: processStartTime(sleeper.pid), hostname: hostname(), argv: [], acquiredAt: null, lockKind: null };
    // lockKind null: a record judged by pid, as on a file system without working locks.
    const otherNamespace = { ...base, pidNamespace: (own.pidNamespace ?? 0) + 1, bootId: own.bootId };
    writeFileSync(path, JSON.stringify(otherNamespace));
    expect(readPidLock(path)).toMatchObject({ state: 'held', reason: 'other-namespace' });
    expect(signalProcess(otherNamespace, 'SIGTERM')).toBe('denied');
    expect(await stopPidLockHolder(path, { timeoutMs: 100 })).toMatchObject({ outcome: 'denied', removed: false });
    expect(() => acquirePidLock(path)).toThrow(/another pid namespace/);

    const otherBoot = { ...base, pidNamespace: own.pidNamespace, bootId: '00000000-0000-4000-8000-000000000000' };
    writeFileSync(path, JSON.stringify(otherBoot));
    expect(readPidLock(path)).toMatchObject({ state: 'stale', reason: 'rebooted' });
    expect(signalProcess(otherBoot, 'SIGTERM')).toBe('gone');
    expect(await stopPidLockHolder(path, { timeoutMs: 100 })).toMatchObject({ outcome: 'gone', removed: true });
    expect(await caughtBy(sleeper)).toEqual([]);

    // A record of an older version (no such fields) keeps working: judged by its pid and start time.
    writeFileSync(path, JSON.stringify(base));
    expect(readPidLock(path)).toMatchObject({ state: 'held', reason: 'alive' });
    expect(signalProcess(base, 'SIGTERM')).toBe('signalled');
    expect(await caughtAtLeast(sleeper, ['SIGTERM'])).toEqual(['SIGTERM']);
  });
});

describe('every public function that acts validates its arguments at once', () => {
  it.each([Number.NaN, 'garbage', {}, [], true, Number.POSITIVE_INFINITY])('signalProcess refuses startTime %j with a TypeError naming it, and signals nothing', async (startTime) => {
    const child = await startSleeper('ignore-term');
    expect(() => signalProcess({ pid: child.pid, startTime } as never, 'SIGTERM')).toThrow(new TypeError(`signalProcess: target.startTime must be a finite number from processStartTime, null or absent, got ${shown(startTime)}`));
    await expect(stopProcess({ pid: child.pid, startTime } as never, { timeoutMs: 100 })).rejects.toThrow(/stopProcess: target\.startTime/);
    expect(await caughtBy(child)).toEqual([]);
  });

  it('waitForPidLock rejects a timeoutMs of "300" or NaN at once, while the lock is held', async () => {
    const path = lockPath();
    const lock = acquirePidLock(path);
    try {
      for (const timeoutMs of ['300', Number.NaN, -1, null]) {
        await expect(waitForPidLock(path, { timeoutMs } as never)).rejects.toThrow(new RegExp(`^waitForPidLock: options\\.timeoutMs must be`));
      }
      for (const intervalMs of ['5', Number.NaN, Number.POSITIVE_INFINITY]) {
        await expect(waitForPidLock(path, { timeoutMs: 100, intervalMs } as never)).rejects.toThrow(/^waitForPidLock: options\.intervalMs must be/);
      }
      await expect(waitForPidLock(path, { onStale: 'log' } as never)).rejects.toThrow(/^waitForPidLock: options\.onStale must be a function/);
      await expect(waitForPidLock(42 as never)).rejects.toThrow(/^waitForPidLock: path must be/);
    } finally {
      lock.release();
    }
  });

  it.each([
    ['timeoutMs', '300'],
    ['forceTimeoutMs', Number.NaN],
    ['pollMs', Number.POSITIVE_INFINITY],
    ['pollMs', '50'],
    ['signal', {}],
    ['signal', 1.5],
    ['forceSignal', -9],
    ['tree', 'yes'],
    ['windowsExitCode', 1.5],
    ['signalUnverified', 1],
  ])('stopProcess and stopPidLockHolder reject options.%s = %j with a TypeError naming it, before signalling', async (name, value) => {
    const child = await startSleeper('ignore-term');
    const path = lockPath();
    writeFileSync(path, `${JSON.stringify({ pid: child.pid, startTime: processStartTime(child.pid), hostname: hostname(), argv: [], acquiredAt: null })}\n`);
    const options = { [name]: value } as never;
    await expect(stopProcess({ pid: child.pid, startTime: processStartTime(child.pid) }, options)).rejects.toThrow(new RegExp(`^stopProcess: options\\.${name} must be`));
    await expect(stopPidLockHolder(path, options)).rejects.toThrow(new RegExp(`^stopPidLockHolder: options\\.${name} must be`));
    if (name === 'windowsExitCode' || name === 'signalUnverified') {
      expect(() => signalProcess(child.pid, 'SIGTERM', options)).toThrow(new RegExp(`^signalProcess: options\\.${name} must be`));
    }
    expect(await caughtBy(child)).toEqual([]);
    expect(existsSync(path)).toBe(true);
  });

  it('refuses paths and options of the wrong type in the lock functions, and signals of the wrong type', () => {
    for (const path of [undefined, 42, '', 'a\0b', {}]) {
      expect(() => acquirePidLock(path as never)).toThrow(/^acquirePidLock: path must be a non-empty string/);
      expect(() => readPidLock(path as never)).toThrow(/^readPidLock: path must be a non-empty string/);
    }
    expect(() => acquirePidLock(lockPath(), { onStale: 1 } as never)).toThrow(/^acquirePidLock: options\.onStale must be a function/);
    expect(() => acquirePidLock(lockPath(), 'x' as never)).toThrow(/^acquirePidLock: options must be an object/);
    for (const signal of [null, undefined, {}, Number.NaN, -1, 1.5, '']) {
      expect(() => signalProcess(process.pid, signal as never)).toThrow(/^signalProcess: signal must be a signal name/);
    }
  });
});

function shown(value: unknown): string {
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  return Array.isArray(value) ? 'an array' : 'an object';
}
