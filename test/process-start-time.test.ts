import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_PID, pidState, processStartTime } from '../src/index.js';
import { parseProcStat } from '../src/pid/proc-stat.js';
import { killAndReap, startSleeper } from './support/processes.js';
import { startZombie } from './support/zombie.js';

describe('processStartTime on Linux', () => {
  it('is stable for the life of a process', () => {
    const first = processStartTime(process.pid);
    expect(first).toEqual(expect.any(Number));
    expect(Number.isSafeInteger(first)).toBe(true);
    expect(processStartTime(process.pid)).toBe(first);
    expect(processStartTime(`${process.pid}\n`)).toBe(first);
  });

  it('carries the boot id above the start ticks, so another boot gives another value', () => {
    const bootTag = Number.parseInt(readFileSync('/proc/sys/kernel/random/boot_id', 'latin1').slice(0, 4), 16);
    const stat = parseProcStat(readFileSync(`/proc/${process.pid}/stat`, 'latin1'));
    expect(processStartTime(process.pid)).toBe(bootTag * 2 ** 37 + (stat?.startTicks ?? Number.NaN));
  });

  it('differs for another process, and is undefined once it has exited', async () => {
    const child = await startSleeper();
    const childStart = processStartTime(child.pid);
    expect(childStart).toEqual(expect.any(Number));
    expect(childStart).not.toBe(processStartTime(process.pid));
    expect(processStartTime(child.pid)).toBe(childStart);
    await killAndReap(child);
    expect(processStartTime(child.pid)).toBeUndefined();
  });

  it('is undefined for a zombie, which pidState calls dead', async () => {
    const { parent, zombiePid } = await startZombie();
    try {
      expect(pidState(zombiePid)).toBe('dead');
      expect(processStartTime(zombiePid)).toBeUndefined();
    } finally {
      await killAndReap(parent);
    }
  });

  it.each([0, -1, 1.5, '', '12abc', null, MAX_PID, {}])('is undefined for %j and never throws', (input) => {
    expect(processStartTime(input)).toBeUndefined();
  });
});

describe('parseProcStat', () => {
  const fields = (comm: string, state = 'S', start = '81013'): string =>
    `7316 (${comm}) ${state} 7308 7308 2920 0 -1 4194304 99 0 0 0 0 0 0 0 20 0 1 0 ${start} 3133440 382 18446744073709551615`;

  it.each(['node', 'a b', 'x) S 1 2 (y', ') )', '(', ''])('counts fields from the last ")" with comm %j', (comm) => {
    expect(parseProcStat(fields(comm))).toEqual({ state: 'S', ppid: 7308, startTicks: 81013 });
  });

  it('reads the zombie state', () => {
    expect(parseProcStat(fields('defunct', 'Z'))).toEqual({ state: 'Z', ppid: 7308, startTicks: 81013 });
  });

  it.each([['no parenthesis', '7316 node S 1'], ['too few fields', '7316 (node) S 1 2 3'], ['non-numeric start', fields('n', 'S', '8x')], ['empty', '']])(
    'rejects %s',
    (_name, text) => {
      expect(parseProcStat(text)).toBeUndefined();
    },
  );
});
