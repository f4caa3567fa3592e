// signalProcess and stopProcess on Linux with real child processes, through pidfd and through the
// check-then-signal fallback (forced with HERMES_PID_NO_PIDFD, the variable only tests set).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { pidState, processStartTime, readPidLock, signalProcess, stopProcess } from '../src/index.js';
import { NO_PIDFD_ENV } from '../src/signal/signal-process.js';
import { setProcessTableHookForTests } from '../src/signal/process-tree.js';
import { copyForOtherUser } from './support/other-user.js';
import { pidNamespaceProblem, runAsNobodyInPidNamespace } from './support/pid-namespace.js';

const noNamespaces = pidNamespaceProblem();
import { runNode } from './support/processes.js';

const sleeperScript = fileURLToPath(new URL('signal-scripts/sleeper.cjs', import.meta.url));
const treeScript = fileURLToPath(new URL('signal-scripts/tree-node.cjs', import.meta.url));
const distIndex = fileURLToPath(new URL('../dist/cjs/src/index.js', import.meta.url));

type Sleeper = ChildProcess & { pid: number };
const started: ChildProcess[] = [];
const scratch: string[] = [];

async function startSleeper(mode = ''): Promise<Sleeper> {
  const child = spawn(process.execPath, [sleeperScript, mode], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  started.push(child);
  await once(child, 'message');
  if (child.pid === undefined) throw new Error('sleeper has no pid');
  return child as Sleeper;
}

/** The sleeper answers over IPC: it is running, and says which signals it caught. */
async function ping(child: ChildProcess): Promise<{ pong: number; caught: string[] }> {
  const reply = once(child, 'message');
  child.send('ping');
  const [message] = (await reply) as [{ pong: number; caught: string[] }];
  return message;
}

function identity(pid: number): { pid: number; startTime: number } {
  const startTime = processStartTime(pid);
  if (startTime === undefined) throw new Error(`no start time for ${pid}`);
  return { pid, startTime };
}

function exitOf(child: ChildProcess): Promise<[number | null, NodeJS.Signals | null]> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve([child.exitCode, child.signalCode]);
  return once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
}

/** Whether a process with this identity still runs (a zombie does not). */
function running(id: { pid: number; startTime: number }): boolean {
  return processStartTime(id.pid) === id.startTime;
}

function koffiLoaded(): boolean {
  return Object.keys(createRequire(import.meta.url).cache).some((file) => file.includes('/koffi/'));
}

afterEach(async () => {
  vi.restoreAllMocks();
  setProcessTableHookForTests(undefined);
  for (const child of started.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exitOf(child);
    }
  }
});

afterAll(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe.each([
  ['pidfd', ''],
  ['check-then-signal fallback', '1'],
])('signalProcess on Linux through %s', (path, noPidfd) => {
  beforeEach(() => {
    vi.stubEnv(NO_PIDFD_ENV, noPidfd);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('signals a live child named by its identity, and it exits on the signal', async () => {
    const child = await startSleeper();
    const kill = vi.spyOn(process, 'kill');
    expect(signalProcess(identity(child.pid), 'SIGTERM')).toBe('signalled');
    expect(await exitOf(child)).toEqual([null, 'SIGTERM']);
    // The path under test really sent it: pidfd never calls process.kill, the fallback does.
    if (path === 'pidfd') {
      expect(kill).not.toHaveBeenCalled();
      expect(koffiLoaded()).toBe(true);
    } else {
      expect(kill).toHaveBeenCalledWith(child.pid, 15);
    }
  });

  it('answers reused for a wrong start time and leaves the child running', async () => {
    const child = await startSleeper();
    const { startTime } = identity(child.pid);
    const kill = vi.spyOn(process, 'kill');
    expect(signalProcess({ pid: child.pid, startTime: startTime - 1 }, 'SIGKILL')).toBe('reused');
    expect(signalProcess({ pid: child.pid, startTime: startTime + 100 }, 'SIGTERM')).toBe('reused');
    expect(kill).not.toHaveBeenCalled();
    // Still running, and never received a signal it would have to handle.
    expect(await ping(child)).toEqual({ pong: child.pid, caught: [] });
    expect(child.exitCode).toBeNull();
  });

  it('answers gone for a child that has exited and been reaped, by identity and by bare pid', async () => {
    const child = await startSleeper();
    const id = identity(child.pid);
    child.kill('SIGKILL');
    await exitOf(child);
    expect(signalProcess(id, 'SIGTERM')).toBe('gone');
    expect(signalProcess(child.pid, 'SIGTERM')).toBe('gone');
  });

  it('takes a pid lock record and a readPidLock result directly', async () => {
    const child = await startSleeper('ignore-term');
    const record = { ...identity(child.pid), hostname: null, argv: [], acquiredAt: null };
    expect(signalProcess(record, 'SIGTERM')).toBe('signalled');
    // Two pending SIGTERMs merge into one: let the first be handled before the second is sent.
    await vi.waitFor(async () => expect((await ping(child)).caught).toEqual(['SIGTERM']));
    expect(signalProcess({ state: 'held', record, reason: 'alive', lockKind: 'pid' }, 'SIGTERM')).toBe('signalled');
    await vi.waitFor(async () => expect((await ping(child)).caught).toEqual(['SIGTERM', 'SIGTERM']));
    expect(signalProcess({ ...record, hostname: 'another-host.invalid' }, 'SIGTERM')).toBe('denied');
    expect(signalProcess(readPidLock(join(tmpdir(), 'hermes-no-such-lock.pid')), 'SIGTERM')).toBe('gone');
  });

  it('answers unsupported for a signal this platform does not have, and never throws on bad input', async () => {
    const child = await startSleeper();
    expect(signalProcess(identity(child.pid), 'SIGNOPE' as NodeJS.Signals)).toBe('unsupported');
    expect(signalProcess(child.pid, 99)).toBe('unsupported');
    for (const bad of [0, -1, Number.NaN, -child.pid, null, undefined, 'x', {}, { pid: '12x' }]) {
      expect(signalProcess(bad as never, 'SIGTERM')).toBe('gone');
    }
    const throwing = Object.defineProperty({}, 'pid', {
      get() {
        throw new Error('getter');
      },
    });
    expect(signalProcess(throwing as never, 'SIGTERM')).toBe('gone');
    expect(await ping(child)).toMatchObject({ pong: child.pid });
  });

  it('stops a child that exits on SIGTERM: stopped', async () => {
    const child = await startSleeper();
    const result = await stopProcess(identity(child.pid), { timeoutMs: 20_000 });
    expect(result.outcome).toBe('stopped');
    expect(await exitOf(child)).toEqual([null, 'SIGTERM']);
  });

  it('kills a child that ignores SIGTERM once timeoutMs has passed: killed, within the timeout and a margin', async () => {
    const child = await startSleeper('ignore-term');
    const result = await stopProcess(identity(child.pid), { timeoutMs: 300, forceTimeoutMs: 20_000 });
    expect(result.outcome).toBe('killed');
    expect(result.elapsedMs).toBeGreaterThanOrEqual(300);
    expect(result.elapsedMs).toBeLessThan(300 + 20_000);
    expect(await exitOf(child)).toEqual([null, 'SIGKILL']);
  });

  it('answers timeout without a force signal, and leaves the child running', async () => {
    const child = await startSleeper('ignore-term');
    const result = await stopProcess(identity(child.pid), { timeoutMs: 100, forceSignal: null });
    expect(result.outcome).toBe('timeout');
    expect((await ping(child)).caught).toEqual(['SIGTERM']);
  });

  it('stops nothing for a wrong start time (reused) or an exited child (gone)', async () => {
    const child = await startSleeper();
    const { startTime } = identity(child.pid);
    expect((await stopProcess({ pid: child.pid, startTime: startTime + 1 }, { timeoutMs: 100 })).outcome).toBe('reused');
    expect(await ping(child)).toEqual({ pong: child.pid, caught: [] });
    child.kill('SIGKILL');
    await exitOf(child);
    expect((await stopProcess({ pid: child.pid, startTime }, { timeoutMs: 100 })).outcome).toBe('gone');
  });

  // Pid 1 of a throwaway pid namespace (a root shell), signalled by nobody: never the machine's init.
  it.skipIf(noNamespaces !== undefined)(`answers denied for pid 1 from an unprivileged process, by identity and by bare pid${noNamespaces === undefined ? '' : ` (skipped: ${noNamespaces})`}`, async () => {
    // The child may not be able to reach the checkout (a mode-0700 home): it loads its own copy.
    const copy = copyForOtherUser();
    onTestFinished(() => copy.remove());
    const script = `
      const { signalProcess, processStartTime } = require(${JSON.stringify(copy.index)});
      if (process.getuid() === 0 || process.pid === 1) throw new Error('must run as nobody, beside pid 1');
      const startTime = processStartTime(1);
      process.stdout.write(JSON.stringify({
        uid: process.getuid(),
        startTime: typeof startTime,
        identity: signalProcess({ pid: 1, startTime }, 'SIGTERM'),
        bare: signalProcess(1, 'SIGTERM'),
      }));`;
    const out = await runAsNobodyInPidNamespace(script, { ...process.env, [NO_PIDFD_ENV]: noPidfd });
    const result = JSON.parse(out) as Record<string, unknown>;
    expect(result.uid).not.toBe(0);
    expect(result).toEqual({ uid: result.uid, startTime: 'number', identity: 'denied', bare: 'denied' });
  });
});

/** Starts a tree from tree-node.cjs as a child of this process; resolves with every pid in it, by generation. */
async function startTree(fanouts: string, mode = ''): Promise<{ root: ChildProcess & { pid: number }; generations: number[][] }> {
  const dir = mkdtempSync(join(tmpdir(), 'hermes-tree-'));
  scratch.push(dir);
  const root = spawn(process.execPath, [treeScript, dir, fanouts, mode], { stdio: 'ignore' });
  started.push(root);
  if (root.pid === undefined) throw new Error('tree root has no pid');
  const rootPid = root.pid;
  await vi.waitFor(() => expect(existsSync(join(dir, `${rootPid}.json`))).toBe(true), { timeout: 30_000, interval: 20 });
  const read = (pid: number): number[] => (JSON.parse(readFileSync(join(dir, `${pid}.json`), 'utf8')) as { children: number[] }).children;
  const generations = [[rootPid]];
  for (let last = generations[0] ?? []; last.length > 0; ) {
    last = last.flatMap(read);
    if (last.length > 0) generations.push(last);
  }
  expect(readdirSync(dir).filter((name) => name.endsWith('.json'))).toHaveLength(generations.flat().length);
  return { root: root as ChildProcess & { pid: number }, generations };
}

describe('stopProcess with { tree: true } on Linux', () => {
  it('stops three generations, leaves first, and reports each descendant', async () => {
    const { root, generations } = await startTree('1,2');
    const [, children = [], grandchildren = []] = generations;
    expect(children).toHaveLength(1);
    expect(grandchildren).toHaveLength(2);
    const ids = generations.flat().map(identity);
    const result = await stopProcess(identity(root.pid), { tree: true, timeoutMs: 20_000 });
    expect(result.outcome).toBe('stopped');
    // Leaves first: the grandchildren, then the child.
    const order = result.descendants?.map((d) => d.pid) ?? [];
    expect(order.slice(0, 2).sort()).toEqual([...grandchildren].sort());
    expect(order.slice(2)).toEqual(children);
    expect(result.descendants?.map((d) => d.outcome)).toEqual(['stopped', 'stopped', 'stopped']);
    await exitOf(root);
    for (const id of ids) expect(running(id)).toBe(false);
  });

  it('kills a tree that ignores SIGTERM after the timeout', async () => {
    const { root, generations } = await startTree('1,1', 'ignore-term');
    const ids = generations.flat().map(identity);
    const result = await stopProcess(root.pid, { tree: true, timeoutMs: 200, forceTimeoutMs: 20_000 });
    expect(result).toMatchObject({ outcome: 'killed', descendants: [{ outcome: 'killed' }, { outcome: 'killed' }] });
    await exitOf(root);
    for (const id of ids) expect(running(id)).toBe(false);
  });

  it('never signals a process forged into the walk as a child when it was created before the target', async () => {
    const stranger = await startSleeper('ignore-term');
    await sleep(20); // the tree's start ticks must come after the stranger's
    const { root, generations } = await startTree('1');
    const target = identity(root.pid);
    expect(identity(stranger.pid).startTime).toBeLessThan(target.startTime);
    const hook = vi.fn((rows: { pid: number; ppid: number; startTime(): number | undefined }[]) =>
      rows.map((row) => (row.pid === stranger.pid ? { ...row, ppid: root.pid } : row)),
    );
    setProcessTableHookForTests(hook);
    const result = await stopProcess(target, { tree: true, timeoutMs: 20_000 });
    expect(hook).toHaveBeenCalled();
    expect(result.outcome).toBe('stopped');
    expect(result.descendants?.map((d) => d.pid)).toEqual(generations[1]);
    // The stranger counts every SIGTERM it gets: none, and it still runs.
    expect(await ping(stranger)).toEqual({ pong: stranger.pid, caught: [] });
  });
});

it('does not load koffi for a bare pid (process.kill semantics)', async () => {
  const script = `
    const hermes = require(${JSON.stringify(distIndex)});
    const result = hermes.signalProcess(process.pid, 0);
    const koffi = Object.keys(require.cache).filter((file) => file.includes('/koffi/'));
    process.stdout.write(JSON.stringify({ result, koffi, alive: hermes.pidState(process.pid) }));`;
  expect(JSON.parse(await runNode(['-e', script]))).toEqual({ result: 'signalled', koffi: [], alive: 'alive' });
  expect(pidState(process.pid)).toBe('alive');
});
