import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processStartTime, readPidLock } from '../src/index.js';

const distIndex = fileURLToPath(new URL('../dist/cjs/src/index.js', import.meta.url));
const raceWorker = fileURLToPath(new URL('./lock-scripts/race-worker.cjs', import.meta.url));

const WORKERS = 32;
const ROUNDS = 75;

interface Reply {
  pid: number;
  round?: number;
  result: 'ready' | 'acquired' | 'held' | 'error' | 'released';
  stale?: string[];
  holderPid?: number;
  message?: string;
  removed?: boolean;
}

interface Worker {
  child: ChildProcessWithoutNullStreams;
  next(): Promise<Reply>;
  send(command: object): void;
}

function startWorker(): Worker {
  const child = spawn(process.execPath, [raceWorker, distIndex], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const queued: Reply[] = [];
  const waiting: ((reply: Reply) => void)[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    const reply = JSON.parse(line) as Reply;
    const resolve = waiting.shift();
    if (resolve) resolve(reply);
    else queued.push(reply);
  });
  child.on('exit', (code) => {
    for (const resolve of waiting.splice(0)) resolve({ pid: -1, result: 'error', message: `worker exited ${String(code)}: ${stderr}` });
  });
  return {
    child,
    next: () => {
      const reply = queued.shift();
      return reply ? Promise.resolve(reply) : new Promise((resolve) => waiting.push(resolve));
    },
    send: (command) => child.stdin.write(`${JSON.stringify(command)}\n`),
  };
}

// What each stale round leaves in the lock file before the racers start, and the reason they must report.
const staleContents: [string, () => string | Buffer][] = [
  ['empty', () => ''],
  ['invalid-pid', () => '0\n'],
  ['corrupt', () => '{"pid": 12'],
  ['corrupt', () => Buffer.from([0xff, 0x00, 0xfe, 0x7b])],
  // Alive pid (this test runner), other start time: a reused pid.
  ['pid-reused', () => JSON.stringify({ pid: process.pid, startTime: (processStartTime(process.pid) ?? 0) + 1, hostname: null })],
];

describe('32 processes racing for one lock', () => {
  let workers: Worker[];
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hermes-race-'));
    workers = Array.from({ length: WORKERS }, startWorker);
    const ready = await Promise.all(workers.map((worker) => worker.next()));
    expect(ready.map((reply) => reply.result)).toEqual(Array(WORKERS).fill('ready'));
  });

  afterAll(() => {
    for (const worker of workers) worker.child.kill('SIGKILL');
  });

  it(`lets exactly one in per round, for ${ROUNDS} rounds from an absent and from a stale file`, async () => {
    const lockPath = join(dir, 'race.pid');
    for (let round = 0; round < ROUNDS; round++) {
      // One round in three races for an absent file; the others race to take over a stale one.
      const stale = round % 3 === 0 ? undefined : staleContents[round % staleContents.length];
      if (stale) writeFileSync(lockPath, stale[1]());
      const at = Date.now() + 25;
      for (const worker of workers) worker.send({ cmd: 'acquire', round, lockPath, at });
      const replies = await Promise.all(workers.map((worker) => worker.next()));

      const context = `round ${round}: ${JSON.stringify(replies.filter((reply) => reply.result !== 'held'))}`;
      expect(replies.filter((reply) => reply.result === 'error'), context).toEqual([]);
      const winners = replies.filter((reply) => reply.result === 'acquired');
      expect(winners, context).toHaveLength(1);
      const winnerIndex = replies.findIndex((reply) => reply.result === 'acquired');
      const winner = replies[winnerIndex]?.pid;
      for (const loser of replies.filter((reply) => reply.result === 'held')) {
        expect(loser.holderPid, context).toBe(winner);
        expect(loser.message, context).toContain(`pid ${winner}`);
      }
      // The stale file was moved aside exactly once, by one racer.
      expect(replies.flatMap((reply) => reply.stale ?? []), context).toEqual(stale ? [stale[0]] : []);
      const status = readPidLock(lockPath);
      expect(status.state).toBe('held');
      expect(status.record?.pid).toBe(winner);

      const winnerWorker = workers[winnerIndex];
      winnerWorker?.send({ cmd: 'release', round });
      expect(await winnerWorker?.next()).toMatchObject({ result: 'released', removed: true });
    }
    // No tombstones or candidate files left behind.
    expect(readdirSync(dir)).toEqual([]);
  }, 120_000);
});
