/* global __dirname, __filename, setInterval */
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, run by node.exe as is */
'use strict';
// Runs under `wine node.exe` (see test/windows/pid-lock.test.ts): the pid lock on Windows, through
// the built CommonJS package, with real node.exe processes. Writes one JSON entry per case to the
// file named by argv[2]. `race <dir> <index> <rounds>` is the mode of one racer.
const { spawn } = require('node:child_process');
const { once } = require('node:events');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { runCases, sleep, startSleeper: startSleeperIn, waitForFile } = require('./children.cjs');

const hermes = require(path.join(__dirname, '../../../dist/cjs/src/index.js'));

const RACERS = 8;
const ROUNDS = 20;

const roundFile = (dir, round, suffix) => path.join(dir, `race-${round}${suffix}`);

/**
 * One racer, alive for every round: waits for the round's go file (a start time, epoch ms, in it),
 * tries to take the round's lock at that moment, reports, holds the lock until the round's done
 * file exists, then releases it and says it has finished the round.
 */
async function race([dir, index, rounds]) {
  fs.writeFileSync(path.join(dir, `racer-${index}.ready`), '');
  for (let round = 0; round < Number(rounds); round++) {
    await waitForFile(roundFile(dir, round, '.go'), 'racer', 2);
    const startAt = Number(fs.readFileSync(roundFile(dir, round, '.go'), 'utf8'));
    await sleep(Math.max(0, startAt - Date.now()));
    const lateMs = Date.now() - startAt;
    const stale = [];
    let result;
    let lock;
    try {
      lock = hermes.acquirePidLock(roundFile(dir, round, '.pid'), { onStale: (_record, reason) => stale.push(reason) });
      result = { pid: process.pid, result: 'acquired', stale, lateMs };
    } catch (error) {
      result = error instanceof hermes.PidLockHeldError
        ? { pid: process.pid, result: 'held', stale, lateMs, holderPid: error.record.pid, message: error.message }
        : { pid: process.pid, result: 'error', stale: stale.slice(0, 5), lateMs, message: String(error && error.stack) };
    }
    writeAtomically(roundFile(dir, round, `-${index}.json`), JSON.stringify(result));
    await waitForFile(roundFile(dir, round, '.done'), 'racer', 2);
    if (lock !== undefined) lock.release();
    fs.writeFileSync(roundFile(dir, round, `-${index}.finished`), '');
  }
}

/** `hold <lock path> <ready file>`: takes the lock, says so in the ready file, and runs until killed. */
function hold([lockPath, ready]) {
  hermes.acquirePidLock(lockPath);
  writeAtomically(ready, JSON.stringify({ pid: process.pid }));
  setInterval(() => undefined, 1000);
}

function writeAtomically(file, text) {
  fs.writeFileSync(`${file}.tmp`, text);
  fs.renameSync(`${file}.tmp`, file);
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'hermes-lock-'));
const startSleeper = () => startSleeperIn(scratch);

function record(pid, startTime) {
  return `${JSON.stringify({ pid, startTime, hostname: os.hostname(), argv: ['node', 'old-instance.js'], acquiredAt: new Date(0).toISOString() })}\n`;
}

/** Plants `content` as the lock file, then takes the lock; reports what onStale and the lock saw. */
function acquireOver(name, content) {
  const lockPath = path.join(scratch, `${name}.pid`);
  fs.writeFileSync(lockPath, content);
  const before = hermes.readPidLock(lockPath);
  const stale = [];
  try {
    const lock = hermes.acquirePidLock(lockPath, { onStale: (old, reason) => stale.push({ pid: old && old.pid, reason }) });
    const written = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
    const released = lock.release();
    return { before: { state: before.state, reason: before.reason }, result: 'acquired', stale, writtenPid: written.pid, released, leftBehind: fs.existsSync(lockPath) };
  } catch (error) {
    const held = error instanceof hermes.PidLockHeldError;
    return { before: { state: before.state, reason: before.reason }, result: held ? 'held' : 'error', stale, holderPid: held ? error.record.pid : undefined, message: String(error.message), fileKept: fs.readFileSync(lockPath, 'utf8') === content };
  }
}

async function raceRound(dir, round) {
  const lockPath = roundFile(dir, round, '.pid');
  // A dead holder's record, so every racer goes through the stale takeover at once.
  fs.writeFileSync(lockPath, record(999_999, 1));
  writeAtomically(roundFile(dir, round, '.go'), String(Date.now() + 150));
  const racers = Array.from({ length: RACERS }, (_, index) => index);
  for (const index of racers) await waitForFile(roundFile(dir, round, `-${index}.json`), `race round ${round}`, 5);
  const results = racers.map((index) => JSON.parse(fs.readFileSync(roundFile(dir, round, `-${index}.json`), 'utf8')));
  const holder = hermes.readPidLock(lockPath);
  fs.writeFileSync(roundFile(dir, round, '.done'), '');
  for (const index of racers) await waitForFile(roundFile(dir, round, `-${index}.finished`), `race round ${round}`, 5);
  const tombstones = fs.readdirSync(dir).filter((name) => name.startsWith(`race-${round}.pid`) && name !== `race-${round}.pid`);
  return { results, holderPid: holder.record && holder.record.pid, holderState: holder.state, afterRelease: hermes.readPidLock(lockPath).state, tombstones };
}

function pick(status) {
  return { state: status.state, reason: status.reason, lockKind: status.lockKind, pid: status.record && status.record.pid };
}

const cases = {
  processStartTime: () => ({ own: hermes.processStartTime(process.pid) ?? null, again: hermes.processStartTime(process.pid) ?? null }),

  stale: () => acquireOver('stale', record(999_999, 123)),

  async reusedPid() {
    const { child, pid, exited } = await startSleeper();
    try {
      const start = hermes.processStartTime(pid);
      // The pid is alive, but the record's start time is another process's: the pid was reused.
      return { liveStartKnown: typeof start === 'number', ...acquireOver('reused', record(pid, start - 1_000_000)) };
    } finally {
      child.kill();
      await exited;
    }
  },

  async held() {
    const { child, pid, exited } = await startSleeper();
    try {
      return { pid, ...acquireOver('held', record(pid, hermes.processStartTime(pid))) };
    } finally {
      child.kill();
      await exited;
    }
  },

  // Two node.exe processes and LockFileEx: the second is refused while the first holds the lock, can
  // read its record meanwhile, and takes the lock the moment the first is killed (TerminateProcess).
  async kernel() {
    const lockPath = path.join(scratch, 'kernel.pid');
    const ready = path.join(scratch, 'kernel-holder.ready');
    const child = spawn(process.execPath, [__filename, 'unused', 'hold', lockPath, ready], { stdio: 'ignore' });
    const exited = once(child, 'exit');
    await waitForFile(ready, 'kernel holder');
    const holderPid = JSON.parse(fs.readFileSync(ready, 'utf8')).pid;
    const whileHeld = pick(hermes.readPidLock(lockPath));
    const readerSees = JSON.parse(fs.readFileSync(lockPath, 'utf8')).pid;
    let refused;
    try {
      hermes.acquirePidLock(lockPath).release();
      refused = { result: 'acquired' };
    } catch (error) {
      const held = error instanceof hermes.PidLockHeldError;
      refused = { result: held ? 'held' : 'error', reason: error.reason, holderPid: held ? error.record && error.record.pid : undefined, message: String(error.message) };
    }
    child.kill();
    await exited;
    const fileLeftByKill = fs.existsSync(lockPath);
    const afterKill = pick(hermes.readPidLock(lockPath));
    const stale = [];
    const lock = hermes.acquirePidLock(lockPath, { onStale: (_record, reason) => stale.push(reason) });
    const taken = { stale, ownRecord: JSON.parse(fs.readFileSync(lockPath, 'utf8')).pid === process.pid, released: lock.release() };
    return { holderPid, whileHeld, readerSees, refused, fileLeftByKill, afterKill, taken };
  },

  async race() {
    const dir = fs.mkdtempSync(path.join(scratch, 'race-'));
    // Long-lived racers: a node.exe start costs a second or more under Wine, a round a fraction.
    const children = Array.from({ length: RACERS }, (_, index) => spawn(process.execPath, [__filename, 'unused', 'race', dir, String(index), String(ROUNDS)], { stdio: 'ignore' }));
    const exited = children.map((child) => once(child, 'exit'));
    for (let index = 0; index < RACERS; index++) await waitForFile(path.join(dir, `racer-${index}.ready`), 'race');
    const rounds = [];
    for (let round = 0; round < ROUNDS; round++) {
      rounds.push(await raceRound(dir, round));
      // A broken round is the finding: stop there rather than run into the test's time limit.
      if (rounds[round].results.filter((racer) => racer.result === 'acquired').length !== 1) {
        for (const child of children) child.kill();
        break;
      }
    }
    await Promise.all(exited);
    return { racers: RACERS, plannedRounds: ROUNDS, rounds };
  },
};

if (process.argv[3] === 'race') race(process.argv.slice(4));
else if (process.argv[3] === 'hold') hold(process.argv.slice(4));
else runCases(cases, Object.keys(cases), scratch, process.argv[2]);
