// pidIsAlive on Windows: test/windows/programs/pid-is-alive.cjs runs under `wine node.exe`
// against the built dist/cjs, once with koffi's Windows binary (kernel32 backend) and once
// without it (process.kill fallback); each test below asserts on one case of what it saw.
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeUnderWine } from './support/describe-under-wine.js';
import { caseResult, runUnderWine, type CaseResults as Results } from './support/wine.js';

const program = fileURLToPath(new URL('programs/pid-is-alive.cjs', import.meta.url));
const esmProgram = fileURLToPath(new URL('programs/esm-import.mjs', import.meta.url));

describeUnderWine('pidIsAlive under Wine (node.exe for Windows, real kernel32)', (stack) => {
  let kernel32: Results;
  let fallback: Results;
  let esm: Results;
  beforeAll(async () => {
    [kernel32, fallback, esm] = await Promise.all([
      runUnderWine<Results>(stack, program),
      runUnderWine<Results>(stack, program, ['fallback'], { koffi: false }),
      runUnderWine<Results>(stack, esmProgram),
    ]);
  });

  describe('kernel32 backend', () => {
    it('is the backend when koffi loads', () => {
      expect(caseResult(kernel32, 'backend')).toEqual({ backend: 'kernel32', koffiLoaded: true });
    });

    it('is the backend of the ESM build too (koffi through createRequire)', () => {
      expect(caseResult(esm, 'esm')).toEqual({ backend: 'kernel32', ownPid: true, neverExisted: 'dead', startTime: 'number' });
    });

    it('reports its own pid alive, through pidState and through kernel32 itself', () => {
      expect(caseResult(kernel32, 'ownPid')).toEqual({ pidState: 'alive', pidIsAlive: true, backendProbe: 'alive' });
    });

    it('sees a node.exe child alive while it runs and dead after it exited', () => {
      expect(caseResult(kernel32, 'childLifecycle')).toMatchObject({ whileRunning: 'alive', aliveWhileRunning: true, afterExit: 'dead', aliveAfterExit: false });
    });

    it('reports an exited child dead while another handle keeps its process object (WAIT_OBJECT_0)', () => {
      expect(caseResult(kernel32, 'exitedWhileHandleHeld')).toMatchObject({ handleHeld: true, whileRunning: 'alive', afterExit: 'dead' });
    });

    it('reports a child that exited with code 259 (STILL_ACTIVE) dead, where process.kill says alive', () => {
      expect(caseResult(kernel32, 'exitCode259')).toEqual({
        handleHeld: true,
        exitEventCode: 259,
        getExitCodeProcess: 259,
        pidState: 'dead',
        pidIsAlive: false,
        // Why the helper never uses process.kill on Windows: libuv reads the exit code.
        rawKill: 'alive',
      });
    });

    it('reports pids that never existed dead (OpenProcess fails with ERROR_INVALID_PARAMETER)', () => {
      const observed = caseResult(kernel32, 'neverExisted');
      expect(Object.keys(observed)).toEqual(['999999', '4000000', '2147483647']);
      for (const probe of Object.values(observed)) expect(probe).toEqual({ pidState: 'dead', rawKill: 'ESRCH' });
    });

    it('reports 0, -1 and garbage strings dead without probing, though process.kill(0, 0) succeeds', () => {
      const observed = caseResult(kernel32, 'invalidInputs');
      expect(observed).toMatchObject({ processKillCalls: 0, rawKillOfZero: 'alive' });
      const states = observed.states as Record<string, unknown>;
      expect(Object.keys(states)).toContain('""');
      for (const [input, answer] of Object.entries(states)) expect([input, answer]).toEqual([input, ['dead', false]]);
    });

    it('answers through kernel32 when process.kill is replaced by a function that throws', () => {
      expect(caseResult(kernel32, 'processKillThrows')).toEqual({
        backend: 'kernel32',
        whileRunning: 'alive',
        neverExisted: 'dead',
        afterExit: 'dead',
        processKillCalls: 0,
      });
    });

    it('reads a process start time that is stable per process and differs between processes (GetProcessTimes)', () => {
      const observed = caseResult(kernel32, 'startTime');
      const [ownFirst, ownAgain] = observed.own as number[];
      expect(Number.isSafeInteger(ownFirst)).toBe(true);
      expect(ownAgain).toBe(ownFirst);
      expect(observed.ownVersusUptimeMs).toBeLessThan(5000);
      const [first, second, firstAgain] = observed.children as number[];
      expect(observed.childPids).toHaveLength(2);
      expect(first).toEqual(expect.any(Number));
      expect(firstAgain).toBe(first);
      expect(second).toEqual(expect.any(Number));
      expect(second).not.toBe(first);
      expect(observed).toMatchObject({ afterExit: null, neverExisted: null });
    });

    it('never reads /proc/<pid>/stat, the Linux zombie check', () => {
      expect(caseResult(kernel32, 'procStatNeverRead')).toEqual({ readsProcStat: false, whileRunning: ['alive', true, true], afterExit: 'dead', reads: [] });
    });

    it('never throws, for arbitrary values and for real probes of pids 1-2000 and random pids', () => {
      const observed = caseResult(kernel32, 'neverThrows');
      expect(observed).toMatchObject({ thrown: [], thrownCount: 0 });
      expect(observed.states).toEqual(expect.arrayContaining(['dead', 'false']));
      for (const state of observed.states as string[]) expect(['alive', 'dead', 'denied', 'true', 'false']).toContain(state);
    });
  });

  describe('process.kill fallback when koffi cannot load', () => {
    it('has no koffi binary in this run', () => {
      expect(caseResult(fallback, 'koffiLoad')).toEqual({ loads: false, message: expect.stringMatching(/native Koffi module/) as unknown });
    });

    it('answers through process.kill and says so', () => {
      expect(caseResult(fallback, 'backend')).toMatchObject({ backend: 'process.kill' });
    });

    it('reports its own pid alive', () => {
      expect(caseResult(fallback, 'ownPid')).toEqual({ pidState: 'alive', pidIsAlive: true, backendProbe: 'alive' });
    });

    it('sees a node.exe child alive while it runs and dead after it exited', () => {
      expect(caseResult(fallback, 'childLifecycle')).toMatchObject({ whileRunning: 'alive', afterExit: 'dead' });
    });

    it('reports pids that never existed dead (ESRCH)', () => {
      for (const probe of Object.values(caseResult(fallback, 'neverExisted'))) expect(probe).toEqual({ pidState: 'dead', rawKill: 'ESRCH' });
    });

    it('never reads /proc/<pid>/stat, though the fallback shares the POSIX probe', () => {
      expect(caseResult(fallback, 'procStatNeverRead')).toEqual({ readsProcStat: false, whileRunning: ['alive', true, false], afterExit: 'dead', reads: [] });
    });

    it('has no process start time (undefined, not a throw)', () => {
      expect(caseResult(fallback, 'startTimeUnknown')).toEqual({ own: null, again: null });
    });

    it('reports 0, -1 and garbage strings dead without calling process.kill', () => {
      const observed = caseResult(fallback, 'invalidInputs');
      expect(observed.processKillCalls).toBe(0);
      for (const answer of Object.values(observed.states as Record<string, unknown>)) expect(answer).toEqual(['dead', false]);
    });
  });
});
