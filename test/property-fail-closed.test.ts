// Property-based tests of the helper, the signal functions and the lock: arbitrary values for every
// argument and option, a real child process as the target. Properties: a process whose identity is
// not verified is never signalled (the child, which counts SIGTERM and SIGUSR1, sees nothing and
// lives); every call returns or throws within a bound; pidIsAlive and pidState never throw.
// Fixed seed and bounded runs; longer: HERMES_PROPERTY_RUNS=2000 HERMES_PROPERTY_SEED=<n> npx vitest run test/property-fail-closed.test.ts
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquirePidLock, PidLockError, PidLockHeldError, pidIsAlive, pidState, processStartTime, readPidLock, signalProcess, stopPidLockHolder, stopProcess, waitForPidLock, type PidLock } from '../src/index.js';

const RUNS = Number(process.env.HERMES_PROPERTY_RUNS ?? 60);
const SEED = Number(process.env.HERMES_PROPERTY_SEED ?? 27);
const params = { numRuns: RUNS, seed: SEED, endOnFailure: true };
/** Every call settles within this (its own timeouts, when valid, are kept far below it). */
const BOUND_MS = 5_000;
const RESULTS = ['signalled', 'gone', 'reused', 'denied', 'unsupported'];
const OUTCOMES = ['stopped', 'killed', 'gone', 'reused', 'denied', 'unsupported', 'timeout'];

const sleeperScript = fileURLToPath(new URL('signal-scripts/sleeper.cjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'hermes property '));
let child: ChildProcess & { pid: number };
let startTime: number;

beforeAll(async () => {
  child = spawn(process.execPath, [sleeperScript, 'ignore-term'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] }) as ChildProcess & { pid: number };
  await once(child, 'message');
  startTime = processStartTime(child.pid) as number;
  expect(startTime).toEqual(expect.any(Number));
});
afterAll(async () => {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await once(child, 'exit');
  }
  rmSync(dir, { recursive: true, force: true });
});

/** What the child caught so far (it lives through SIGTERM and SIGUSR1, and counts them). */
async function caught(): Promise<unknown> {
  expect(child.exitCode === null && child.signalCode === null, 'the child was killed').toBe(true);
  const reply = once(child, 'message');
  child.send('ping');
  return ((await reply)[0] as { caught: unknown }).caught;
}

function within<T>(work: () => Promise<T>): Promise<T> {
  return Promise.race([work(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`did not settle within ${BOUND_MS} ms`)), BOUND_MS))]);
}

// Never a real process's pid other than the child's: a bare number that parses to a live pid would be
// signalled on purpose, so bare numbers here name no process (0, negatives, fractions, beyond pid_max).
const invalidPid = fc.constantFrom<unknown>(0, -1, -(2 ** 31), 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31, '', ' ', '12abc', '-5', null, undefined, {}, []);
/** A start time that is never the child's. */
const wrongStartTime = fc.oneof(
  fc.constantFrom<unknown>(undefined, null, Number.NaN, Number.POSITIVE_INFINITY, 'garbage', {}, [], true, '123'),
  fc.integer().map((delta) => (delta === 0 ? null : (startTime ?? 0) + delta)),
  fc.anything().filter((value) => value !== startTime),
);
/** An identity object for the child (or nothing in particular), never verified. */
const unverifiedIdentity = fc.record(
  {
    // undefined and 'child' become the child's pid (number, string) when the run starts.
    pid: fc.oneof(fc.constant<unknown>(undefined), fc.constant<unknown>('child'), invalidPid),
    startTime: wrongStartTime,
    hostname: fc.oneof(fc.constant<unknown>(hostname()), fc.anything()),
    pidNamespace: fc.anything(),
    bootId: fc.anything(),
  },
  { requiredKeys: ['pid'] },
);
const target = fc.oneof(
  invalidPid,
  unverifiedIdentity.map((identity) => ({ ...identity, pid: identity.pid === 'child' ? String(child.pid) : identity.pid === undefined ? child.pid : identity.pid })),
  unverifiedIdentity.map((record) => ({ state: 'held', record: { ...record, pid: child.pid } })),
  // Anything else, but no number (a pid on purpose) and no object that could name one.
  fc.anything().filter((value) => typeof value !== 'number' && !(typeof value === 'object' && value !== null && ('pid' in value || 'record' in value))),
);
// Signals the child survives (it counts them), and anything else: nothing may be sent anyway.
const signal = fc.oneof(fc.constantFrom<unknown>('SIGUSR1', 'SIGTERM', 10, 15, 0), fc.anything());
/** Options with every field arbitrary; a valid duration is kept short, signalUnverified is never true. */
const duration = fc.oneof(fc.constantFrom<unknown>(0, 1, 20, Number.NaN, -1, '300', null, Number.POSITIVE_INFINITY), fc.anything().filter((value) => typeof value !== 'number' || value < 100 || Number.isNaN(value)));
const options = fc.oneof(
  fc.constantFrom<unknown>(undefined, null, 'x', 42, []),
  fc.record(
    {
      signal,
      forceSignal: signal,
      timeoutMs: duration,
      forceTimeoutMs: duration,
      pollMs: duration,
      intervalMs: duration,
      tree: fc.anything(),
      windowsExitCode: fc.anything(),
      signalUnverified: fc.anything().filter((value) => value !== true),
      onStale: fc.anything(),
    },
    { requiredKeys: [] },
  ),
);

function expectTypeErrorOr(error: unknown, ...allowed: (new (...args: never[]) => Error)[]): void {
  if (error instanceof TypeError) {
    expect(error.message).toMatch(/^\w+: [\w.]+ must be /);
    return;
  }
  if (allowed.some((kind) => error instanceof kind)) return;
  throw error;
}

describe(`property: fail closed (${RUNS} runs, seed ${SEED}; HERMES_PROPERTY_RUNS, HERMES_PROPERTY_SEED)`, () => {
  it('pidIsAlive and pidState never throw, whatever they are given', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (pid, flags) => {
        // Only values that parse to no pid, or the child: nothing else on the machine is probed.
        const safe = typeof pid === 'number' || typeof pid === 'string' ? child.pid : pid;
        expect(['alive', 'dead', 'denied']).toContain(pidState(safe));
        expect(typeof pidIsAlive(safe, flags as never)).toBe('boolean');
      }),
      { ...params, numRuns: RUNS * 5 },
    );
  });

  it('signalProcess never signals an unverified target: it answers, or throws a TypeError naming the argument', async () => {
    await fc.assert(
      fc.asyncProperty(target, signal, options, async (t, s, o) => {
        try {
          expect(RESULTS).toContain(signalProcess(t as never, s as never, o as never));
        } catch (error) {
          expectTypeErrorOr(error);
        }
        expect(await caught()).toEqual([]);
      }),
      params,
    );
  });

  it('stopProcess settles within the bound and never signals an unverified target', async () => {
    await fc.assert(
      fc.asyncProperty(target, options, async (t, o) => {
        try {
          const result = await within(() => stopProcess(t as never, o as never));
          expect(OUTCOMES).toContain(result.outcome);
        } catch (error) {
          expectTypeErrorOr(error);
        }
        expect(await caught()).toEqual([]);
      }),
      { ...params, numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it('stopPidLockHolder settles within the bound and never signals a holder it cannot tie to the file', async () => {
    const past = new Date(Date.now() - 60_000);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('bare', 'record', 'wrong-start'), options, async (form, o) => {
        const path = join(dir, 'holder.pid');
        const text = form === 'bare' ? `${child.pid}\n` : JSON.stringify({ pid: child.pid, startTime: form === 'record' ? null : startTime + 1, hostname: hostname(), argv: [], acquiredAt: null });
        writeFileSync(path, text);
        // Written "before" the child started: a legacy pid cannot be tied to it.
        const { utimesSync } = await import('node:fs');
        utimesSync(path, past, past);
        try {
          const result = await within(() => stopPidLockHolder(path, o as never));
          expect(['gone', 'reused', 'denied']).toContain(result.outcome);
        } catch (error) {
          expectTypeErrorOr(error, PidLockError);
        }
        expect(await caught()).toEqual([]);
      }),
      { ...params, numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it('the lock functions throw a TypeError, a PidLockError or a PidLockHeldError, or settle, within the bound', async () => {
    const heldPath = join(dir, 'held.pid');
    const lock: PidLock = acquirePidLock(heldPath);
    try {
      // Paths: anything but a string (a string would create files wherever it points), or ours.
      const path = fc.oneof(fc.constant(heldPath), fc.anything().filter((value) => typeof value !== 'string'));
      await fc.assert(
        fc.asyncProperty(path, options, async (p, o) => {
          // waitForPidLock waits 30 s by default for a held lock, as asked: keep a missing timeout short.
          const waitOptions = o === undefined ? { timeoutMs: 20 } : typeof o === 'object' && o !== null && !Array.isArray(o) && !('timeoutMs' in o) ? { ...o, timeoutMs: 20 } : o;
          const calls: (() => Promise<unknown>)[] = [
            () => Promise.resolve(readPidLock(p as never)),
            () => waitForPidLock(p as never, waitOptions as never),
            () => Promise.resolve(acquirePidLock(p as never, o as never)),
          ];
          for (const call of calls) {
            try {
              await within(call);
            } catch (error) {
              expectTypeErrorOr(error, PidLockError, PidLockHeldError);
            }
          }
        }),
        { ...params, numRuns: Math.ceil(RUNS / 2) },
      );
    } finally {
      lock.release();
    }
  });
});
