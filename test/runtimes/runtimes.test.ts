// The helper under Bun and Deno (the real binaries from the bun and deno npm packages): the same checks
// as under Node, the kernel lock across runtimes, and Deno's permissions failing closed.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBun, findDeno, nodeRuntime, runtimeEnv, type FindResult, type Runtime, type RuntimeName } from './find-runtime.js';

const repo = join(import.meta.dirname, '..', '..');
const script = (name: string): string => join(import.meta.dirname, 'scripts', name);

const found: Record<'bun' | 'deno', FindResult> = { bun: findBun(), deno: findDeno() };
for (const result of Object.values(found)) if ('skip' in result) console.warn(`runtime tests: skipped, ${result.skip}`);

let root: string;
const children: ChildProcess[] = [];
beforeAll(() => {
  // A space in the path: the lock and the scripts must cope with it under every runtime.
  root = mkdtempSync(join(tmpdir(), 'hermes runtimes '));
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await Promise.all(children.map((child) => (child.exitCode === null && child.signalCode === null ? once(child, 'exit') : undefined)));
  rmSync(root, { recursive: true, force: true });
});

function start(runtime: Runtime, file: string, args: readonly string[], extraArgs?: readonly string[]): ChildProcess {
  const child = spawn(runtime.command, [...(extraArgs ?? runtime.args), file, ...args], { cwd: repo, env: runtimeEnv(join(root, 'deno dir')), stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return child;
}

/** Runs a script to its end and parses the JSON line it printed; rejects with its stderr otherwise. */
async function runJson<T>(runtime: Runtime, file: string, args: readonly string[], extraArgs?: readonly string[]): Promise<T> {
  const child = start(runtime, file, args, extraArgs);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`${runtime.name} ${file} exited ${String(code)}: ${stderr}`);
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as T;
}

interface Holder {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly lockKind: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts a process that takes the lock at `path` and holds it; resolves once it holds it. */
async function startHolder(runtime: Runtime, path: string): Promise<Holder> {
  const child = start(runtime, script('hold-lock.mjs'), [path]);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  if (child.stdout === null) throw new Error('no stdout');
  const line = await Promise.race([once(child.stdout, 'data').then(([chunk]) => String(chunk)), exited.then(() => undefined)]);
  if (line === undefined) throw new Error(`${runtime.name} holder exited before it held the lock: ${stderr}`);
  const said = JSON.parse(line) as { pid: number; lockKind: string };
  return { child, exited, ...said };
}

interface TryLockSeen {
  readonly pid: number;
  readonly stop?: { outcome: string; holderPid?: number };
  readonly status: { state: string; reason: string | null; lockKind: string | null; holderPid: number | null };
  readonly acquire: { outcome: string; reason?: string; lockKind?: string; holderPid?: number | null; stale?: unknown; error?: string };
}

/** The runtime a test that is skipped without it runs with. */
function need(runtime: Runtime | undefined): Runtime {
  if (runtime === undefined) throw new Error('this test runs only when the runtime was found');
  return runtime;
}

let lockCount = 0;
const lockPath = (): string => join(root, `lock ${++lockCount}.pid`);

describe('the same checks under every runtime', () => {
  let expected: unknown;
  beforeAll(async () => {
    expected = await runJson(nodeRuntime, script('checks.mjs'), [root]);
  });

  it('passes them under Node (the reference the other runtimes must match)', () => {
    expect(expected).toEqual({
      exports: {
        MAX_PID: 'number',
        PidLockError: 'function',
        PidLockHeldError: 'function',
        acquirePidLock: 'function',
        parsePid: 'function',
        pidIsAlive: 'function',
        pidState: 'function',
        probeBackend: 'function',
        processStartTime: 'function',
        readPidLock: 'function',
        signalProcess: 'function',
        stopPidLockHolder: 'function',
        stopProcess: 'function',
        waitForPidLock: 'function',
      },
      probeBackend: 'process.kill',
      self: { state: 'alive', alive: true, startTime: 'number' },
      invalid: { text: 'dead', zero: 'dead', negative: false, nan: false },
      live: { state: 'alive', alive: true, startTime: 'number' },
      dead: { state: 'dead', alive: false, startTime: 'undefined' },
      zombie: { rawProbe: true, state: 'dead', alive: false },
      signalProcess: { check: 'signalled', reused: 'reused', stillAlive: 'alive', term: 'signalled', exitSignal: 'SIGTERM', gone: 'gone' },
      stopProcess: { stopped: 'stopped', politeExit: 'SIGTERM', killed: 'killed', stubbornExit: 'SIGKILL', gone: 'gone' },
      lock: { recordPid: true, recordKind: 'kernel', held: 'held:locked:kernel', again: 'PidLockHeldError:locked:kernel', released: true, after: 'absent' },
    });
  });

  describe.each(['bun', 'deno'] as const)('%s', (name) => {
    const result = found[name];
    const runtime = 'runtime' in result ? result.runtime : undefined;
    it.skipIf(runtime === undefined)(`loads hermes-pid as ESM and passes them${runtime === undefined ? ` (skipped: ${'skip' in result ? result.skip : ''})` : ''}`, async () => {
      expect(await runJson(need(runtime), script('checks.mjs'), [root])).toEqual(expected);
    });
  });

  const bun = 'runtime' in found.bun ? found.bun.runtime : undefined;
  it.skipIf(bun === undefined)(`loads hermes-pid through Bun's require() (the CommonJS build)${'skip' in found.bun ? ` (skipped: ${found.bun.skip})` : ''}`, async () => {
    const seen = await runJson<{ exports: Record<string, string>; state: string; lock: string }>(need(bun), script('require.cjs'), [root]);
    expect(seen.exports).toEqual((expected as { exports: Record<string, string> }).exports);
    expect(seen.state).toBe('alive');
    expect(seen.lock).toBe('kernel');
  });
});

/** The runtime by name, or why it is missing (a skip with that reason, never a pass). */
function lookup(name: RuntimeName): { runtime?: Runtime; skip?: string } {
  if (name === 'node') return { runtime: nodeRuntime };
  const result = found[name];
  return 'runtime' in result ? { runtime: result.runtime } : { skip: result.skip };
}

describe('the kernel lock across runtimes', () => {
  const pairs: [RuntimeName, RuntimeName][] = [
    ['node', 'bun'],
    ['bun', 'node'],
    ['node', 'deno'],
    ['deno', 'node'],
    ['bun', 'deno'],
  ];
  for (const [holderName, starterName] of pairs) {
    const holderRuntime = lookup(holderName);
    const starterRuntime = lookup(starterName);
    const skip = holderRuntime.skip ?? starterRuntime.skip;
    it.skipIf(skip !== undefined)(`a ${holderName} holder refuses a ${starterName} starter, which then stops it and takes the lock${skip === undefined ? '' : ` (skipped: ${skip})`}`, async () => {
      const path = lockPath();
      const holder = await startHolder(need(holderRuntime.runtime), path);
      expect(holder.lockKind).toBe('kernel');

      const refused = await runJson<TryLockSeen>(need(starterRuntime.runtime), script('try-lock.mjs'), [path]);
      expect(refused.status).toEqual({ state: 'held', reason: 'locked', lockKind: 'kernel', holderPid: holder.pid });
      expect(refused.acquire).toEqual({ outcome: 'refused', reason: 'locked', lockKind: 'kernel', holderPid: holder.pid });

      // stopPidLockHolder from the other runtime: SIGTERM, and the holder's signal-exit handler removes its file.
      const stopped = await runJson<TryLockSeen>(need(starterRuntime.runtime), script('try-lock.mjs'), [path, 'stop']);
      expect(stopped.stop).toEqual({ outcome: 'stopped', holderPid: holder.pid });
      expect(await holder.exited).toEqual({ code: null, signal: 'SIGTERM' });
      expect(stopped.status.state).toBe('absent');
      expect(stopped.acquire).toEqual({ outcome: 'acquired', lockKind: 'kernel', stale: null });
    });
  }

  for (const name of ['bun', 'deno'] as const) {
    const { runtime, skip } = lookup(name);
    it.skipIf(skip !== undefined)(`a ${name} holder killed with SIGKILL leaves a file whose free kernel lock a Node starter takes over${skip === undefined ? '' : ` (skipped: ${skip})`}`, async () => {
      const path = lockPath();
      const holder = await startHolder(need(runtime), path);
      holder.child.kill('SIGKILL');
      await holder.exited;
      const taken = await runJson<TryLockSeen>(nodeRuntime, script('try-lock.mjs'), [path]);
      expect(taken.status).toEqual({ state: 'stale', reason: 'unlocked', lockKind: 'kernel', holderPid: holder.pid });
      expect(taken.acquire).toEqual({ outcome: 'acquired', lockKind: 'kernel', stale: { reason: 'unlocked', holderPid: holder.pid } });
    });
  }
});

const deno = 'runtime' in found.deno ? found.deno.runtime : undefined;
describe.skipIf(deno === undefined)(`Deno with fewer permissions than -A fails closed${deno === undefined ? ` (skipped: ${'skip' in found.deno ? found.deno.skip : ''})` : ''}`, () => {
  // File, hostname and env access only: no process.kill (--allow-run), no koffi (--allow-ffi), no /proc (needs -A).
  const narrow = ['run', '--allow-read', '--allow-write', '--allow-sys=hostname', '--allow-env'];
  // Every permission but -A: process.kill and koffi work, /proc still cannot be read.
  const allButProc = [...narrow, '--allow-run', '--allow-ffi'];

  it.each([
    ['without --allow-run or --allow-ffi', narrow, { state: 'held', reason: 'alive', lockKind: 'pid' }],
    ['with --allow-run and --allow-ffi but no /proc', allButProc, { state: 'held', reason: 'locked', lockKind: 'kernel' }],
  ] as const)('%s: refuses a live Node holder and does not stop it', async (_name, permissions, held) => {
    const path = lockPath();
    const holder = await startHolder(nodeRuntime, path);
    const seen = await runJson<TryLockSeen>(need(deno), script('try-lock.mjs'), [path], permissions);
    expect(seen.status).toEqual({ ...held, holderPid: holder.pid });
    expect(seen.acquire).toEqual({ outcome: 'refused', reason: held.reason, lockKind: held.lockKind, holderPid: holder.pid });
    // stopPidLockHolder cannot verify the holder's identity without /proc: it signals nothing and keeps the file.
    const stop = await runJson<TryLockSeen>(need(deno), script('try-lock.mjs'), [path, 'stop'], permissions);
    expect(stop.stop).toEqual({ outcome: 'denied', holderPid: holder.pid });
    expect(stop.status).toEqual({ ...held, holderPid: holder.pid });
    expect(stop.acquire.outcome).toBe('refused');
    holder.child.kill('SIGTERM');
    expect(await holder.exited).toEqual({ code: null, signal: 'SIGTERM' });
  });

  it('without --allow-run: calls a live process denied, not dead, and signals nothing', async () => {
    const holder = await startHolder(nodeRuntime, lockPath());
    const seen = await runJson<{ state: string; alive: boolean; aliveIfDenied: boolean; signal: string }>(need(deno), script('probe.mjs'), [String(holder.pid)], narrow);
    expect(seen).toEqual({ state: 'denied', alive: false, aliveIfDenied: true, signal: 'denied' });
    // Deno's SIGKILL, had it been sent, came first: the holder dies of ours.
    holder.child.kill('SIGTERM');
    expect(await holder.exited).toEqual({ code: null, signal: 'SIGTERM' });
  });
});
