import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { MAX_PID, parsePid, pidIsAlive, pidState, probeBackend } from '../src/index.js';
import { setProcStatReaderForTests } from '../src/pid/proc-stat.js';
import { copyForOtherUser } from './support/other-user.js';
import { pidNamespaceProblem, runAsNobodyInPidNamespace } from './support/pid-namespace.js';

const noNamespaces = pidNamespaceProblem();
import { killAndReap, startSleeper } from './support/processes.js';

afterEach(() => {
  vi.restoreAllMocks();
  setProcStatReaderForTests(undefined);
});

/**
 * For tests that script process.kill: /proc must not answer for pids such as 1234 or 4242, which on
 * a busy machine may name a real process for a moment, a zombie even (test/pid-zombie.test.ts covers /proc).
 */
function procUnreadable(): void {
  setProcStatReaderForTests(() => undefined);
}

function killError(code: string | undefined): Error {
  const error = new Error(`kill ${code ?? 'without code'}`) as NodeJS.ErrnoException;
  if (code !== undefined) error.code = code;
  return error;
}

describe('real processes', () => {
  it('reports the current process alive without a syscall', () => {
    const kill = vi.spyOn(process, 'kill');
    expect(pidState(process.pid)).toBe('alive');
    expect(pidIsAlive(String(process.pid))).toBe(true);
    expect(kill).not.toHaveBeenCalled();
  });

  it('sees a spawned child alive, then dead once it has exited and been reaped', async () => {
    const child = await startSleeper();
    expect(pidState(child.pid)).toBe('alive');
    expect(pidIsAlive(child.pid)).toBe(true);
    expect(pidIsAlive(`${child.pid}\n`)).toBe(true);
    await killAndReap(child);
    expect(pidState(child.pid)).toBe('dead');
    expect(pidIsAlive(child.pid)).toBe(false);
  });

  it('reports a pid above pid_max, which cannot exist, as dead', () => {
    const pidMax = Number(readFileSync('/proc/sys/kernel/pid_max', 'utf8'));
    expect(pidMax).toBeLessThan(MAX_PID);
    expect(pidState(MAX_PID)).toBe('dead');
  });

  // Pid 1 of a throwaway pid namespace (a root shell), probed by nobody: never the machine's init.
  it.skipIf(noNamespaces !== undefined)(`reports pid 1 as denied to an unprivileged process, and the flag decides${noNamespaces === undefined ? '' : ` (skipped: ${noNamespaces})`}`, async () => {
    // Run as nobody, the child loads its own copy (the checkout may be closed to it).
    const copy = copyForOtherUser();
    onTestFinished(() => copy.remove());
    const script = `
      const { pidState, pidIsAlive } = require(${JSON.stringify(copy.index)});
      process.stdout.write(JSON.stringify({
        uid: process.getuid(),
        pid: process.pid,
        state: pidState(1),
        asAlive: pidIsAlive(1, { treatPermissionDeniedAsAlive: true }),
        asDead: pidIsAlive(1, { treatPermissionDeniedAsAlive: false }),
        byDefault: pidIsAlive(1),
      }));`;
    const result = JSON.parse(await runAsNobodyInPidNamespace(script)) as Record<string, unknown>;
    expect(result.uid).not.toBe(0);
    expect(result).toMatchObject({ pid: 2, state: 'denied', asAlive: true, asDead: false, byDefault: false });
  });
});

describe('input validation', () => {
  beforeEach(procUnreadable);

  const deadInputs: [string, unknown][] = [
    ['0', 0],
    ['-0', -0],
    ['negative', -1],
    ['process group of the current process', -process.pid],
    ['fraction', 1.5],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['2^31 (above the pid range)', 2 ** 31],
    ['Number.MAX_SAFE_INTEGER', Number.MAX_SAFE_INTEGER],
    ['empty string (Number("") is 0)', ''],
    ['whitespace only', ' \n'],
    ['"0"', '0'],
    ['"-1"', '-1'],
    ['"12abc"', '12abc'],
    ['"1.5"', '1.5'],
    ['"1e3"', '1e3'],
    ['"0x10"', '0x10'],
    ['"+5"', '+5'],
    ['"1 2"', '1 2'],
    ['digits beyond the pid range', '99999999999'],
    ['non-ASCII digits', '\u0661\u0662'],
    ['null', null],
    ['undefined', undefined],
    ['true', true],
    ['bigint', 1n],
    ['symbol', Symbol('pid')],
    ['object', { pid: 1 }],
    ['array', [1]],
    ['boxed number', Object(1)],
    ['function', () => 1],
  ];

  it.each(deadInputs)('%s is dead and never reaches process.kill', (_name, input) => {
    const kill = vi.spyOn(process, 'kill');
    expect(pidState(input)).toBe('dead');
    expect(pidIsAlive(input)).toBe(false);
    expect(pidIsAlive(input, { treatPermissionDeniedAsAlive: true })).toBe(false);
    expect(kill).not.toHaveBeenCalled();
  });

  const validInputs: [unknown, number][] = [
    [1234, 1234],
    ['1234', 1234],
    ['1234\n', 1234],
    ['  1234\r\n', 1234],
    ['\t01234 ', 1234],
    [MAX_PID, MAX_PID],
    [String(MAX_PID), MAX_PID],
  ];

  it.each(validInputs)('%j is probed as pid %i', (input, pid) => {
    expect(parsePid(input)).toBe(pid);
    const kill = vi.spyOn(process, 'kill').mockImplementation(() => true);
    expect(pidState(input)).toBe('alive');
    expect(kill).toHaveBeenCalledExactlyOnceWith(pid, 0);
  });
});

describe('errno mapping on the process.kill backend', () => {
  beforeEach(procUnreadable);

  it('uses process.kill on this platform', () => {
    expect(probeBackend()).toBe('process.kill');
  });

  const cases: [string, () => never, string][] = [
    ['ESRCH', () => { throw killError('ESRCH'); }, 'dead'],
    ['EPERM', () => { throw killError('EPERM'); }, 'denied'],
    ['EINVAL', () => { throw killError('EINVAL'); }, 'dead'],
    ['ENOSYS', () => { throw killError('ENOSYS'); }, 'dead'],
    ['an error without code', () => { throw killError(undefined); }, 'dead'],
    ["Deno's NotCapable (no --allow-run)", () => { throw Object.assign(new Error('Requires run access'), { name: 'NotCapable' }); }, 'denied'],
    ['a thrown string', () => { throw 'EPERM'; }, 'dead'],
    ['a thrown null', () => { throw null; }, 'dead'],
    ['a numeric code', () => { throw Object.assign(new Error('x'), { code: 1 }); }, 'dead'],
  ];

  it.each(cases)('%s from process.kill', (_name, impl, expected) => {
    const kill = vi.spyOn(process, 'kill').mockImplementation(impl);
    expect(pidState(4242)).toBe(expected);
    expect(kill).toHaveBeenCalledExactlyOnceWith(4242, 0);
  });

  it('treats success as alive, whatever process.kill returns', () => {
    vi.spyOn(process, 'kill').mockImplementation(() => true);
    expect(pidState(4242)).toBe('alive');
  });

  it('applies treatPermissionDeniedAsAlive only to EPERM', () => {
    vi.spyOn(process, 'kill').mockImplementation(() => { throw killError('EPERM'); });
    expect(pidIsAlive(4242)).toBe(false);
    expect(pidIsAlive(4242, {})).toBe(false);
    expect(pidIsAlive(4242, { treatPermissionDeniedAsAlive: false })).toBe(false);
    expect(pidIsAlive(4242, { treatPermissionDeniedAsAlive: true })).toBe(true);
    vi.spyOn(process, 'kill').mockImplementation(() => { throw killError('ESRCH'); });
    expect(pidIsAlive(4242, { treatPermissionDeniedAsAlive: true })).toBe(false);
  });

  it('survives a thrown value whose code getter throws', () => {
    const hostile = Object.defineProperty({}, 'code', { get: () => { throw new Error('getter'); } });
    vi.spyOn(process, 'kill').mockImplementation(() => { throw hostile; });
    expect(pidState(4242)).toBe('dead');
  });

  it('reads process.kill at call time, so a replaced function drives the answer', () => {
    const original = process.kill;
    const calls: unknown[][] = [];
    process.kill = ((...args: unknown[]) => { calls.push(args); throw killError('EPERM'); }) as typeof process.kill;
    try {
      expect(pidState(4242)).toBe('denied');
    } finally {
      process.kill = original;
    }
    expect(calls).toEqual([[4242, 0]]);
  });
});

describe('never throws', () => {
  it('for any value and any options', () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withBoxedValues: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true }), fc.anything(), (pid, options) => {
        const state = pidState(pid);
        expect(['alive', 'dead', 'denied']).toContain(state);
        expect(typeof pidIsAlive(pid, options as never)).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });

  it('for strings that look almost like pids', () => {
    const kill = vi.spyOn(process, 'kill');
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('0', '1', '9', ' ', '\n', '-', '.', 'e', 'x', '\u0661') }), (text) => {
        kill.mockClear();
        const pid = parsePid(text);
        pidState(text);
        if (pid === undefined) expect(kill).not.toHaveBeenCalled();
        else expect(pid).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('with options whose getter throws', () => {
    vi.spyOn(process, 'kill').mockImplementation(() => { throw killError('EPERM'); });
    const options = Object.defineProperty({}, 'treatPermissionDeniedAsAlive', { get: () => { throw new Error('getter'); } });
    expect(pidIsAlive(4242, options)).toBe(false);
  });
});
