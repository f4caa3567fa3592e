import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processStartTime } from '../src/index.js';
import { runLockRace, startRaceWorkers, type RaceWorker, type StaleContent } from './support/lock-race.js';

const WORKERS = 32;
const ROUNDS = 75;

// Each stale round leaves one of these in the lock file; every racer must see the same reason.
const staleContents: StaleContent[] = [
  ['empty', () => ''],
  ['invalid-pid', () => '0\n'],
  ['corrupt', () => '{"pid": 12'],
  ['corrupt', () => Buffer.from([0xff, 0x00, 0xfe, 0x7b])],
  // Alive pid (this test runner), other start time: a reused pid.
  ['pid-reused', () => JSON.stringify({ pid: process.pid, startTime: (processStartTime(process.pid) ?? 0) + 1, hostname: null })],
];

describe(`${WORKERS} processes racing for one lock`, () => {
  let workers: RaceWorker[] = [];
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hermes-race-'));
    workers = await startRaceWorkers(WORKERS);
  });

  afterAll(() => {
    for (const worker of workers) worker.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it(`lets exactly one in per round, for ${ROUNDS} rounds from an absent and from a stale file`, async () => {
    await runLockRace(workers, { rounds: ROUNDS, lockPath: join(dir, 'race.pid'), staleContents });
    // No tombstones, takeover claims or candidate files left behind.
    expect(readdirSync(dir)).toEqual([]);
  }, 120_000);
});
