// signalProcess, stopProcess and stopPidLockHolder on Windows: test/windows/programs/signal-process.cjs
// runs under `wine node.exe` against the built dist/cjs with node.exe children (real kernel32:
// OpenProcess, GetProcessTimes, TerminateProcess, CreateToolhelp32Snapshot); each test asserts on one case.
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeUnderWine } from './support/describe-under-wine.js';
import { caseResult, runUnderWine, type CaseResults as Results } from './support/wine.js';

const program = fileURLToPath(new URL('programs/signal-process.cjs', import.meta.url));

describeUnderWine('signalProcess and stopProcess under Wine (node.exe for Windows, real kernel32)', (stack) => {
  let results: Results;
  beforeAll(async () => {
    results = await runUnderWine<Results>(stack, program, [], { timeoutMs: 240_000 });
  }, 250_000);

  describe('signalProcess', () => {
    it('terminates a node.exe child named by its identity, with exit code 1 (what Node itself uses)', () => {
      expect(caseResult(results, 'signalled')).toEqual({ result: 'signalled', exit: [1, null], afterwards: 'dead' });
    });

    it('uses windowsExitCode when given', () => {
      expect(caseResult(results, 'exitCodeOption')).toEqual({ result: 'signalled', exit: [137, null] });
    });

    it('answers reused for a wrong creation time and leaves the child running', () => {
      expect(caseResult(results, 'reused')).toEqual({
        results: ['reused', 'reused'],
        stop: 'reused',
        afterWrong: 'running',
        state: 'alive',
        // The right identity then stops it: it was the same process, alive, all along.
        right: 'signalled',
        exit: [1, null],
      });
    });

    it('answers gone for an exited child, by identity and by bare pid', () => {
      expect(caseResult(results, 'gone')).toEqual({ byIdentity: 'gone', byPid: 'gone', stop: 'gone' });
    });

    it('answers unsupported for signals Windows has no meaning for, and only checks for signal 0', () => {
      expect(caseResult(results, 'unsupported')).toEqual({ results: ['unsupported', 'unsupported', 'unsupported', 'unsupported'], check: 'signalled', stillRunning: 'running' });
    });

    it('terminates by bare pid like process.kill', () => {
      expect(caseResult(results, 'barePid')).toEqual({ result: 'signalled', exit: [1, null] });
    });
  });

  describe('stopProcess', () => {
    it('stops a child: stopped', () => {
      expect(caseResult(results, 'stopped')).toEqual({ outcome: 'stopped', exit: [1, null] });
    });

    it('forces a child that outlives the first signal (signal 0, which only checks): killed', () => {
      expect(caseResult(results, 'killed')).toEqual({ outcome: 'killed', waitedAtLeastTimeout: true, exit: [1, null] });
    });

    it('stops a parent, its child and two grandchildren with { tree: true }, leaves first', () => {
      expect(caseResult(results, 'tree')).toEqual({
        generations: [1, 1, 2],
        outcome: 'stopped',
        descendants: [
          { generation: 2, outcome: 'stopped' },
          { generation: 2, outcome: 'stopped' },
          { generation: 1, outcome: 'stopped' },
        ],
        stillRunning: [],
      });
    });

    it('leaves the children running without { tree: true }', () => {
      expect(caseResult(results, 'treeWithoutFlag')).toEqual({ outcome: 'stopped', descendants: 'absent', children: ['alive', 'alive'], cleanup: ['signalled', 'signalled'] });
    });
  });

  it('stopPidLockHolder stops the holder and removes its lock file', () => {
    expect(caseResult(results, 'lockHolder')).toEqual({ before: 'held', holder: true, outcome: 'stopped', removed: true, fileLeft: false });
  });
});
