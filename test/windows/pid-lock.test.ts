// The pid lock on Windows: test/windows/programs/pid-lock.cjs runs under `wine node.exe` against
// the built dist/cjs with real node.exe processes (start times from GetProcessTimes); each test
// below asserts on one case of what it saw.
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, it } from 'vitest';
import { describeUnderWine } from './support/describe-under-wine.js';
import { caseResult, runUnderWine, type CaseResults as Results } from './support/wine.js';

interface RaceResult {
  pid: number;
  result: 'acquired' | 'held' | 'error';
  stale: string[];
  lateMs: number;
  holderPid?: number;
  message?: string;
}

interface RaceRound {
  results: RaceResult[];
  holderPid: number;
  holderState: string;
  afterRelease: string;
  tombstones: string[];
}

const program = fileURLToPath(new URL('programs/pid-lock.cjs', import.meta.url));

describeUnderWine('pid lock under Wine (node.exe for Windows, start times from GetProcessTimes)', (stack) => {
  let lock: Results;
  beforeAll(async () => {
    lock = await runUnderWine<Results>(stack, program, [], { timeoutMs: 110_000 });
  });

  it('records a start time for the holder, the same on every read', () => {
    const observed = caseResult(lock, 'processStartTime');
    expect(observed.own).toEqual(expect.any(Number));
    expect(observed.again).toBe(observed.own);
  });

  it('takes over a stale lock whose pid is dead', () => {
    expect(caseResult(lock, 'stale')).toEqual({
      before: { state: 'stale', reason: 'dead' },
      result: 'acquired',
      stale: [{ pid: 999_999, reason: 'dead' }],
      writtenPid: expect.any(Number) as unknown,
      released: true,
      leftBehind: false,
    });
  });

  it('takes over a lock whose pid is alive but was reused (another start time)', () => {
    const observed = caseResult(lock, 'reusedPid');
    expect(observed).toMatchObject({ liveStartKnown: true, before: { state: 'stale', reason: 'pid-reused' }, result: 'acquired', released: true, leftBehind: false });
    expect(observed.stale).toEqual([{ pid: expect.any(Number) as unknown, reason: 'pid-reused' }]);
  });

  it('refuses a lock held by a live process with the recorded start time, and leaves the file', () => {
    const observed = caseResult(lock, 'held');
    expect(observed).toMatchObject({ before: { state: 'held', reason: 'alive' }, result: 'held', stale: [], fileKept: true });
    expect(observed.holderPid).toBe(observed.pid);
    expect(observed.message).toContain(`pid ${String(observed.pid)}`);
  });

  it('holds a kernel lock (LockFileEx): a second node.exe is refused and reads the record; killing the holder frees it at once', () => {
    const observed = caseResult(lock, 'kernel');
    const holderPid = observed.holderPid as number;
    expect(observed).toEqual({
      holderPid: expect.any(Number) as unknown,
      whileHeld: { state: 'held', reason: 'locked', lockKind: 'kernel', pid: holderPid },
      readerSees: holderPid,
      refused: { result: 'held', reason: 'locked', holderPid, message: expect.stringContaining(`pid ${String(holderPid)}`) as unknown },
      // TerminateProcess runs no exit handler: the file stays, the kernel lock does not.
      fileLeftByKill: true,
      afterKill: { state: 'stale', reason: 'unlocked', lockKind: 'kernel', pid: holderPid },
      taken: { stale: ['unlocked'], ownRecord: true, released: true },
    });
  });

  it('lets exactly one of several racing node.exe processes take a stale lock, every round', () => {
    const { racers, plannedRounds, rounds } = caseResult(lock, 'race') as { racers: number; plannedRounds: number; rounds: RaceRound[] };
    for (const [index, round] of rounds.entries()) {
      expect(round.results, `round ${index}`).toHaveLength(racers);
      const winners = round.results.filter((racer) => racer.result === 'acquired');
      expect(winners, `round ${index}: ${JSON.stringify(round.results)}`).toHaveLength(1);
      const [winner] = winners as [RaceResult];
      // The dead holder's file is moved aside once, by one racer (not always the winner).
      expect(round.results.flatMap((racer) => racer.stale), `round ${index}`).toEqual(['dead']);
      for (const loser of round.results.filter((racer) => racer !== winner)) {
        expect(loser, `round ${index}`).toMatchObject({ result: 'held', holderPid: winner.pid });
        expect(loser.message).toContain(`pid ${String(winner.pid)}`);
      }
      // tombstones: no .stale, .takeover or .tmp sibling of the lock file is left behind.
      expect(round, `round ${index}`).toMatchObject({ holderPid: winner.pid, holderState: 'held', afterRelease: 'absent', tombstones: [] });
    }
    // The program stops at the first round without exactly one winner; all rounds ran.
    expect(rounds).toHaveLength(plannedRounds);
    expect(plannedRounds).toBeGreaterThanOrEqual(20);
    // The race is real only if racers tried at the same moment: at least two, in some round.
    const onTime = rounds.map((round) => round.results.filter((racer) => racer.lateMs < 200).length);
    expect(Math.max(...onTime), `racers on time per round: ${onTime.join(', ')}`).toBeGreaterThanOrEqual(2);
  });
});
