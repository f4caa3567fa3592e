// The kernel lock under the pid record, with real processes: across pid namespaces (unshare, as a
// container sharing a volume has), a holder SIGKILLed, a record that lies about its pid, many
// processes cycling through a lock whose release unlinks it, and processes of the 0.1.0 version.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PidLockHeldError, readPidLock, waitForPidLock } from '../src/index.js';
import { daemonScript, distIndex, watchDaemon, type Daemon as DaemonOf } from './support/lock-race.js';
import { pidNamespaceProblem } from './support/pid-namespace.js';
import { killAndReap, startSleeper } from './support/processes.js';

const cycleWorker = fileURLToPath(new URL('lock-scripts/cycle-worker.cjs', import.meta.url));
const withoutKoffi = fileURLToPath(new URL('lock-scripts/without-koffi.cjs', import.meta.url));
/** hermes-pid 0.1.0's lock (pid judgement only), run through tsx: "today's version" for the mixed-version rule. */
const legacyIndex = fileURLToPath(new URL('../bench/baseline/index.ts', import.meta.url));

const UNSHARE = ['-p', '-f', '--mount-proc', '--kill-child=SIGKILL'];
const noNamespaces = pidNamespaceProblem();
if (noNamespaces !== undefined) console.warn(`pid lock across pid namespaces: skipped, ${noNamespaces}`);

type Where = 'host' | 'namespace';
/** `node ...args` on the host, or as pid 1 of a new pid namespace (killing the unshare process kills it). */
function spawnNode(where: Where, args: readonly string[], env: NodeJS.ProcessEnv = process.env): ChildProcessWithoutNullStreams {
  const command = where === 'host' ? [process.execPath, ...args] : ['unshare', ...UNSHARE, process.execPath, ...args];
  return spawn(command[0] as string, command.slice(1), { stdio: ['pipe', 'pipe', 'pipe'], env });
}

type Daemon = DaemonOf<ChildProcessWithoutNullStreams>;

const running: Daemon[] = [];
/** test/lock-scripts/daemon.cjs: takes the lock and runs, or says who holds it and exits 75. */
function startDaemon(where: Where, lockPath: string, entry = distIndex, preload: readonly string[] = []): Daemon {
  const args = [...preload, ...(entry === legacyIndex ? ['--import', 'tsx', daemonScript, entry, lockPath] : [daemonScript, entry, lockPath])];
  const daemon = watchDaemon(spawnNode(where, args));
  running.push(daemon);
  return daemon;
}

/**
 * SIGKILLs the daemon itself: for one in a pid namespace, the node process unshare forked (killing
 * unshare only makes the kernel send it SIGKILL later); unshare exits once it has died.
 */
async function kill(daemon: Daemon): Promise<void> {
  const exited = once(daemon.child, 'exit');
  const pid = daemon.child.pid ?? 0;
  const forked = daemon.child.spawnfile === 'unshare' ? readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim() : '';
  process.kill(forked === '' ? pid : Number(forked.split(' ')[0]), 'SIGKILL');
  await exited;
}

/** What readPidLock says, asked from the host or from inside a new pid namespace. */
async function readFrom(where: Where, lockPath: string): Promise<unknown> {
  if (where === 'host') return JSON.parse(JSON.stringify(readPidLock(lockPath))) as unknown;
  const child = spawnNode(where, ['-e', `console.log(JSON.stringify(require(${JSON.stringify(distIndex)}).readPidLock(${JSON.stringify(lockPath)})))`]);
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  expect(code).toBe(0);
  return JSON.parse(out) as unknown;
}

let root: string;
let count = 0;
function lockPathInFreshDir(): string {
  return join(mkdtempSync(join(root, `case-${++count}-`)), 'app.pid');
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'hermes-kernel-lock-'));
});
afterEach(async () => {
  await Promise.all(running.splice(0).map(async (daemon) => (daemon.child.exitCode === null && daemon.child.signalCode === null ? kill(daemon) : undefined)));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe.skipIf(noNamespaces !== undefined)(`the pid lock across pid namespaces${noNamespaces === undefined ? '' : ` (skipped: ${noNamespaces})`}`, () => {
  it.each([
    ['on the host', 'in a new pid namespace', 'host', 'namespace'],
    ['in a new pid namespace (its pid there is 1)', 'on the host', 'namespace', 'host'],
  ] as const)('a holder %s refuses a taker %s; readPidLock says held on both sides; SIGKILL frees it at once', async (_h, _t, holderAt, takerAt) => {
    const lockPath = lockPathInFreshDir();
    const holder = startDaemon(holderAt, lockPath);
    const [acquired] = await holder.started;
    expect(acquired).toMatchObject({ event: 'acquired' });
    // The pid the holder wrote means another process, or none, on the other side.
    if (holderAt === 'namespace') expect(acquired?.pid).toBe(1);

    const taker = startDaemon(takerAt, lockPath);
    expect(await taker.started).toEqual([expect.objectContaining({ event: 'held', holderPid: acquired?.pid })]);
    expect((await once(taker.child, 'exit'))[0]).toBe(75);
    for (const where of ['host', 'namespace'] as const) {
      expect(await readFrom(where, lockPath), where).toMatchObject({ state: 'held', reason: 'locked', lockKind: 'kernel', record: { pid: acquired?.pid } });
    }

    await kill(holder);
    expect(await readFrom(takerAt, lockPath)).toMatchObject({ state: 'stale', reason: 'unlocked', lockKind: 'kernel' });
    const next = startDaemon(takerAt, lockPath);
    expect((await next.started).map(({ event, reason }) => [event, reason])).toEqual([
      ['stale', 'unlocked'],
      ['acquired', undefined],
    ]);
  }, 30_000);
});

describe('the kernel lock decides, not the record', () => {
  let deadPid: number;
  beforeAll(async () => {
    const dead = await startSleeper();
    deadPid = dead.pid;
    await killAndReap(dead);
  });

  it('refuses a live holder whose record names a dead pid', async () => {
    const lockPath = lockPathInFreshDir();
    const holder = startDaemon('host', lockPath);
    expect(await holder.started).toMatchObject([{ event: 'acquired' }]);
    // Rewritten in place (same inode, still locked): a mangled record.
    const lie = { pid: deadPid, startTime: null, hostname: hostname(), argv: ['liar'], acquiredAt: null, lockKind: 'kernel' };
    writeFileSync(lockPath, JSON.stringify(lie));
    expect(readPidLock(lockPath)).toMatchObject({ state: 'held', reason: 'locked', lockKind: 'kernel', record: { pid: deadPid } });
    const taker = startDaemon('host', lockPath);
    expect(await taker.started).toEqual([expect.objectContaining({ event: 'held', holderPid: deadPid })]);
    expect(readFileSync(lockPath, 'utf8')).toBe(JSON.stringify(lie));
  }, 30_000);
});

describe('8 processes x 40 cycles through a lock whose release unlinks the file', () => {
  const WORKERS = 8;
  const CYCLES = 40;
  it(`never lets two hold at once${noNamespaces === undefined ? ' (half of them in their own pid namespaces)' : ''}`, async () => {
    const lockPath = lockPathInFreshDir();
    const logPath = join(root, 'cycles.log');
    const workers = Array.from({ length: WORKERS }, (_, index) => {
      const where: Where = noNamespaces === undefined && index % 2 === 1 ? 'namespace' : 'host';
      return spawnNode(where, [cycleWorker, distIndex, lockPath, logPath, String(CYCLES)], { ...process.env, HERMES_WORKER: String(index) });
    });
    const results = await Promise.all(
      workers.map(async (child) => {
        let out = '';
        let err = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
        const [code] = (await once(child, 'exit')) as [number | null];
        return { code, out: out.trim(), err };
      }),
    );
    for (const result of results) expect(result, result.err).toMatchObject({ code: 0, out: expect.stringContaining(`"held":${CYCLES}`) as unknown });

    const lines = readFileSync(logPath, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2 * WORKERS * CYCLES);
    // Strictly enter A, exit A, enter B, exit B...: any overlap puts an enter where an exit belongs.
    for (let index = 0; index < lines.length; index += 2) {
      const [enter, exit] = [lines[index] ?? '', lines[index + 1] ?? ''];
      expect(enter.startsWith('enter '), `line ${index}: ${enter}`).toBe(true);
      expect(exit, `line ${index + 1}`).toBe(`exit ${enter.slice('enter '.length)}`);
    }
  }, 120_000);
});

describe('without a kernel lock (koffi cannot load): the pid judgement, reported as such', () => {
  it('a pid-mode holder is judged by pid by everyone, and taken over once dead', async () => {
    const lockPath = lockPathInFreshDir();
    const holder = startDaemon('host', lockPath, distIndex, ['--require', withoutKoffi]);
    expect(await holder.started).toMatchObject([{ event: 'acquired' }]);
    expect(JSON.parse(readFileSync(lockPath, 'utf8'))).toMatchObject({ pid: holder.child.pid, lockKind: 'pid' });
    // This process has kernel locks: the file's lock is free, but its record says it was never held that way.
    expect(readPidLock(lockPath)).toMatchObject({ state: 'held', reason: 'alive', lockKind: 'pid', record: { pid: holder.child.pid } });
    const taker = startDaemon('host', lockPath);
    expect(await taker.started).toEqual([expect.objectContaining({ event: 'held', holderPid: holder.child.pid })]);

    await kill(holder);
    expect(readPidLock(lockPath)).toMatchObject({ state: 'stale', reason: 'dead', lockKind: 'pid' });
    const next = startDaemon('host', lockPath);
    expect((await next.started).map(({ event, reason }) => [event, reason])).toEqual([
      ['stale', 'dead'],
      ['acquired', undefined],
    ]);
  }, 30_000);
});

describe('mixed versions: 0.1.0 (pid only) and this one never both hold', () => {
  it('refuses a live 0.1.0 holder (judged by pid), and takes its lock once it is SIGKILLed', async () => {
    const lockPath = lockPathInFreshDir();
    const legacy = startDaemon('host', lockPath, legacyIndex);
    const [acquired] = await legacy.started;
    expect(acquired).toMatchObject({ event: 'acquired', pid: legacy.child.pid });
    expect(readPidLock(lockPath)).toMatchObject({ state: 'held', reason: 'alive', lockKind: 'pid', record: { pid: legacy.child.pid, lockKind: null } });
    const taker = startDaemon('host', lockPath);
    expect(await taker.started).toEqual([expect.objectContaining({ event: 'held', holderPid: legacy.child.pid })]);

    await kill(legacy);
    const next = startDaemon('host', lockPath);
    expect((await next.started).map(({ event, reason }) => [event, reason])).toEqual([
      ['stale', 'dead'],
      ['acquired', undefined],
    ]);
  }, 30_000);

  it('a 0.1.0 starter refuses a live holder of this version (same pid namespace)', async () => {
    const lockPath = lockPathInFreshDir();
    const holder = startDaemon('host', lockPath);
    expect(await holder.started).toMatchObject([{ event: 'acquired' }]);
    const legacy = startDaemon('host', lockPath, legacyIndex);
    expect(await legacy.started).toEqual([expect.objectContaining({ event: 'held', holderPid: holder.child.pid })]);
  }, 30_000);
});

describe('waitForPidLock (a supervisor restarts the service while the old instance still runs)', () => {
  it('waits for a held lock and takes it the moment its holder dies', async () => {
    const lockPath = lockPathInFreshDir();
    const holder = startDaemon('host', lockPath);
    expect(await holder.started).toMatchObject([{ event: 'acquired' }]);
    const stale: string[] = [];
    const waiting = waitForPidLock(lockPath, { timeoutMs: 20_000, intervalMs: 20, onStale: (_record, reason) => stale.push(reason) });
    setTimeout(() => void kill(holder), 300);
    const lock = await waiting;
    expect(stale).toEqual(['unlocked']);
    expect(readPidLock(lockPath)).toMatchObject({ state: 'held', record: { pid: process.pid } });
    expect(lock.release()).toBe(true);
  }, 30_000);

  it('rejects with PidLockHeldError (record, since) after the timeout', async () => {
    const lockPath = lockPathInFreshDir();
    const holder = startDaemon('host', lockPath);
    expect(await holder.started).toMatchObject([{ event: 'acquired' }]);
    const error = await waitForPidLock(lockPath, { timeoutMs: 200, intervalMs: 50 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PidLockHeldError);
    const held = error as PidLockHeldError;
    expect(held).toMatchObject({ reason: 'locked', lockKind: 'kernel', record: { pid: holder.child.pid } });
    expect(held.since?.toISOString()).toBe(held.record?.acquiredAt);
    expect(held.message).toMatch(/held for \d+ s/);
  }, 30_000);
});
