// Where /proc cannot be read at all (Deno without -A), a live process's identity cannot be checked:
// signalProcess and stopProcess must answer 'denied' and signal nothing, never 'gone'.
import { afterEach, describe, expect, it } from 'vitest';
import { processStartTime, signalProcess, stopProcess } from '../../src/index.js';
import { setProcStatReaderForTests } from '../../src/pid/proc-stat.js';
import { killAndReap, startSleeper } from '../support/processes.js';

afterEach(() => {
  setProcStatReaderForTests(undefined);
});

describe.skipIf(process.platform !== 'linux')('an unreadable /proc (Deno without -A)', () => {
  it('makes signalProcess and stopProcess deny, not call gone, a live process they cannot identify', async () => {
    const child = await startSleeper();
    try {
      const startTime = processStartTime(child.pid);
      expect(startTime).toBeTypeOf('number');
      setProcStatReaderForTests(() => undefined);
      expect(signalProcess({ pid: child.pid, startTime }, 'SIGKILL')).toBe('denied');
      expect((await stopProcess({ pid: child.pid, startTime }, { timeoutMs: 100 })).outcome).toBe('denied');
      setProcStatReaderForTests(undefined);
      // Nothing was sent: the child still runs, as the same process.
      expect(processStartTime(child.pid)).toBe(startTime);
      expect(signalProcess(child.pid, 0)).toBe('signalled');
    } finally {
      await killAndReap(child);
    }
  });
});
