/* global require, __dirname, __filename, setTimeout */
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, run by node.exe as is */
'use strict';
// Runs under `wine node.exe` (see test/windows/pid-lock.test.ts): the pid lock on Windows, through
// the built CommonJS package, with real node.exe processes. Writes one JSON entry per case to the
// file named by argv[2]. `race <lock> <go> <result> <done>` is the mode of one racer.
const { spawn } = require('node:child_process');
const { once } = require('node:events');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const hermes = require(path.join(__dirname, '../../../dist/cjs/src/index.js'));

const RACERS = 6;
const ROUNDS = 3;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForFile(file, what, pollMs = 20) {
  for (let waited = 0; !fs.existsSync(file); waited += pollMs) {
    if (waited > 60_000) throw new Error(`${what}: no ${file} within 60 s`);
    await sleep(pollMs);
  }
}

/**
 * One racer: says it is ready, waits for the go file (the start time, epoch ms, in it), tries to
 * take the lock at that moment, reports, and holds the lock until the done file exists.
 */
async function race([lockPath, goFile, resultFile, doneFile]) {
  fs.writeFileSync(`${resultFile}.ready`, '');
  await waitForFile(goFile, 'racer', 5);
  const startAt = Number(fs.readFileSync(goFile, 'utf8'));
  await sleep(Math.max(0, startAt - Date.now()));
  const lateMs = Date.now() - startAt;
  const stale = [];
  let result;
  let lock;
  try {
    lock = hermes.acquirePidLock(lockPath, { onStale: (_record, reason) => stale.push(reason) });
    result = { pid: process.pid, result: 'acquired', stale, lateMs };
  } catch (error) {
    result = error instanceof hermes.PidLockHeldError
      ? { pid: process.pid, result: 'held', stale, lateMs, holderPid: error.record.pid, message: error.message }
      : { pid: process.pid, result: 'error', stale, lateMs, message: String(error && error.stack) };
  }
  fs.writeFileSync(`${resultFile}.tmp`, JSON.stringify(result));
  fs.renameSync(`${resultFile}.tmp`, resultFile);
  await waitForFile(doneFile, 'racer');
  if (lock !== undefined) lock.release();
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'hermes-lock-'));
let sleepers = 0;

/** A node.exe child that has started running and stays until killed. */
async function startSleeper() {
  const ready = path.join(scratch, `ready-${++sleepers}`);
  const child = spawn(process.execPath, ['-e', 'require("fs").writeFileSync(process.argv[1], ""); setInterval(() => {}, 1000)', ready], { stdio: 'ignore' });
  const exited = once(child, 'exit');
  await waitForFile(ready, 'sleeper');
  return { child, pid: child.pid, exited };
}

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

async function raceRound(round) {
  const lockPath = path.join(scratch, `race-${round}.pid`);
  // A dead holder's record, so every racer goes through the stale takeover at once.
  fs.writeFileSync(lockPath, record(999_999, 1));
  const doneFile = path.join(scratch, `race-${round}.done`);
  const goFile = path.join(scratch, `race-${round}.go`);
  const resultFiles = Array.from({ length: RACERS }, (_, i) => path.join(scratch, `race-${round}-${i}.json`));
  const children = resultFiles.map((resultFile) => {
    const child = spawn(process.execPath, [__filename, 'unused', 'race', lockPath, goFile, resultFile, doneFile], { stdio: 'ignore' });
    return once(child, 'exit');
  });
  // Start together: once every racer is up, give them all the same moment, shortly ahead.
  for (const file of resultFiles) await waitForFile(`${file}.ready`, `race round ${round}`);
  fs.writeFileSync(`${goFile}.tmp`, String(Date.now() + 300));
  fs.renameSync(`${goFile}.tmp`, goFile);
  for (const file of resultFiles) await waitForFile(file, `race round ${round}`);
  const results = resultFiles.map((file) => JSON.parse(fs.readFileSync(file, 'utf8')));
  const holder = hermes.readPidLock(lockPath);
  fs.writeFileSync(doneFile, '');
  await Promise.all(children);
  const tombstones = fs.readdirSync(scratch).filter((name) => name.startsWith(`race-${round}.pid`) && name !== `race-${round}.pid`);
  return { results, holderPid: holder.record && holder.record.pid, holderState: holder.state, afterRelease: hermes.readPidLock(lockPath).state, tombstones };
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

  async race() {
    const rounds = [];
    for (let round = 0; round < ROUNDS; round++) rounds.push(await raceRound(round));
    return { racers: RACERS, rounds };
  },
};

async function main() {
  if (process.argv[3] === 'race') return race(process.argv.slice(4));
  const results = {};
  for (const [name, run] of Object.entries(cases)) {
    try {
      results[name] = await run();
    } catch (error) {
      results[name] = { error: String((error && error.stack) || error) };
    }
  }
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.writeFileSync(process.argv[2], JSON.stringify(results, null, 2));
}

main();
