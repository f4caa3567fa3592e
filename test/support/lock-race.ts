import { spawn, type ChildProcess, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/** test/lock-scripts/race-worker.cjs: a long-lived racer driven by JSON lines on stdin. */
export const raceWorkerScript = fileURLToPath(new URL('../lock-scripts/race-worker.cjs', import.meta.url));
/** test/lock-scripts/daemon.cjs: a tiny daemon guarded by the lock. */
export const daemonScript = fileURLToPath(new URL('../lock-scripts/daemon.cjs', import.meta.url));
/** The built CommonJS entry point the child scripts load. */
export const distIndex = fileURLToPath(new URL('../../dist/cjs/src/index.js', import.meta.url));

export interface RaceReply {
  pid: number;
  round?: number;
  result: 'ready' | 'acquired' | 'held' | 'error' | 'released';
  stale?: string[];
  holderPid?: number;
  message?: string;
  removed?: boolean;
}

export interface RaceWorker {
  readonly child: ChildProcessWithoutNullStreams;
  next(): Promise<RaceReply>;
  send(command: object): void;
}

/** Default: `node race-worker.cjs <dist/cjs index>`. Under Wine, pass a function that starts node.exe with Windows paths. */
export function spawnLocalWorker(): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [raceWorkerScript, distIndex], { stdio: ['pipe', 'pipe', 'pipe'] });
}

function driveWorker(child: ChildProcessWithoutNullStreams): RaceWorker {
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const queued: RaceReply[] = [];
  const waiting: ((reply: RaceReply) => void)[] = [];
  const deliver = (reply: RaceReply): void => {
    const resolve = waiting.shift();
    if (resolve) resolve(reply);
    else queued.push(reply);
  };
  createInterface({ input: child.stdout }).on('line', (line) => deliver(JSON.parse(line) as RaceReply));
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

/** Starts `count` workers and waits until each said it is ready. */
export async function startRaceWorkers(count: number, spawnWorker: () => ChildProcessWithoutNullStreams = spawnLocalWorker): Promise<RaceWorker[]> {
  const workers = Array.from({ length: count }, () => driveWorker(spawnWorker()));
  const ready = await Promise.all(workers.map((worker) => worker.next()));
  expect(ready.map((reply) => reply.result)).toEqual(Array(count).fill('ready'));
  return workers;
}

/** A stale lock file: the reason every racer must agree on, and the bytes to write. */
export type StaleContent = readonly [reason: string, content: () => string | Buffer];

export interface RaceOptions {
  readonly rounds: number;
  /** The lock file as this test process sees it: stale contents are written, the winner's record read, here. */
  readonly lockPath: string;
  /** The same file as the workers see it (a Windows path under Wine). Default: `lockPath`. */
  readonly workerLockPath?: string;
  /** Stale files for two rounds in three, cycled; the other rounds race for an absent file. */
  readonly staleContents: readonly StaleContent[];
  /** Delay from sending a round to its start, so every worker is waiting on the same instant. */
  readonly startDelayMs?: number;
}

/**
 * Races every worker for the lock, round after round: exactly one acquires, every loser's
 * PidLockHeldError names it, a stale file is moved aside by exactly one racer, then the winner releases.
 */
export async function runLockRace(workers: readonly RaceWorker[], options: RaceOptions): Promise<void> {
  const { rounds, lockPath, workerLockPath = lockPath, staleContents, startDelayMs = 25 } = options;
  for (let round = 0; round < rounds; round++) {
    const stale = round % 3 === 0 ? undefined : staleContents[round % staleContents.length];
    if (stale) writeFileSync(lockPath, stale[1]());
    const at = Date.now() + startDelayMs;
    for (const worker of workers) worker.send({ cmd: 'acquire', round, lockPath: workerLockPath, at });
    const replies = await Promise.all(workers.map((worker) => worker.next()));

    const context = `round ${round}: ${JSON.stringify(replies.filter((reply) => reply.result !== 'held'))}`;
    expect(replies.filter((reply) => reply.result === 'error'), context).toEqual([]);
    expect(replies.filter((reply) => reply.result === 'acquired'), context).toHaveLength(1);
    const winnerIndex = replies.findIndex((reply) => reply.result === 'acquired');
    const winner = replies[winnerIndex]?.pid;
    for (const loser of replies.filter((reply) => reply.result === 'held')) {
      expect(loser.holderPid, context).toBe(winner);
      expect(loser.message, context).toContain(`pid ${String(winner)}`);
    }
    // The stale file was moved aside exactly once, by one racer.
    expect(replies.flatMap((reply) => reply.stale ?? []), context).toEqual(stale ? [stale[0]] : []);
    expect((JSON.parse(readFileSync(lockPath, 'utf8')) as { pid: unknown }).pid, context).toBe(winner);

    const winnerWorker = workers[winnerIndex];
    winnerWorker?.send({ cmd: 'release', round });
    expect(await winnerWorker?.next(), context).toMatchObject({ result: 'released', removed: true });
  }
}

/** One line test/lock-scripts/daemon.cjs printed. */
export interface DaemonEvent {
  pid: number;
  event: 'stale' | 'acquired' | 'held';
  reason?: string;
  stalePid?: number | null;
  holderPid?: number;
  message?: string;
}

/** A started daemon.cjs and its events until it printed 'acquired' or 'held'. */
export interface Daemon<Child extends ChildProcess = ChildProcess> {
  readonly child: Child;
  readonly started: Promise<DaemonEvent[]>;
}

/** Reads a daemon.cjs child's events; `started` rejects, with its stderr when piped, if it exits first. */
export function watchDaemon<Child extends ChildProcess>(child: Child): Daemon<Child> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const started = new Promise<DaemonEvent[]>((resolve, reject) => {
    const events: DaemonEvent[] = [];
    if (child.stdout === null) throw new Error('daemon.cjs needs a piped stdout');
    createInterface({ input: child.stdout }).on('line', (line) => {
      const event = JSON.parse(line) as DaemonEvent;
      events.push(event);
      if (event.event !== 'stale') resolve(events);
    });
    child.on('exit', (code, signal) => reject(new Error(`daemon exited (${String(code ?? signal)}) after ${JSON.stringify(events)}${stderr && `: ${stderr}`}`)));
  });
  return { child, started };
}
