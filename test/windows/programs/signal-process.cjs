/* global __dirname */
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, run by node.exe as is */
'use strict';
// Runs under `wine node.exe` (see test/windows/signal-process.test.ts): signalProcess, stopProcess
// and stopPidLockHolder on Windows, through the built CommonJS package, with node.exe children.
// Writes one JSON entry per case to the file named by argv[2].
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { runCases, sleep, startSleeper: startSleeperIn, waitForFile } = require('./children.cjs');

const hermes = require(path.join(__dirname, '../../../dist/cjs/src/index.js'));
const treeScript = path.join(__dirname, '../../signal-scripts/tree-node.cjs');

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'hermes-signal-'));
const startSleeper = () => startSleeperIn(scratch);
const identity = (pid) => ({ pid, startTime: hermes.processStartTime(pid) });

/** [exit code, signal] of a child, or 'running' if it has not exited within `ms`. */
async function exitWithin(sleeper, ms) {
  const timeout = sleep(ms).then(() => 'running');
  const result = await Promise.race([sleeper.exited, timeout]);
  return result === 'running' ? result : [result[0], result[1]];
}

/** A tree from tree-node.cjs, started by this process; every pid in it, by generation. */
async function startTree(name, fanouts) {
  const dir = path.join(scratch, name);
  fs.mkdirSync(dir);
  const root = spawn(process.execPath, [treeScript, dir, fanouts], { stdio: 'ignore' });
  await waitForFile(path.join(dir, `${root.pid}.json`), 'tree root');
  const read = (pid) => JSON.parse(fs.readFileSync(path.join(dir, `${pid}.json`), 'utf8')).children;
  const generations = [[root.pid]];
  for (let last = [root.pid]; last.length > 0; ) {
    last = last.flatMap(read);
    if (last.length > 0) generations.push(last);
  }
  return { root, generations };
}

const cases = {
  async signalled() {
    const sleeper = await startSleeper();
    const result = hermes.signalProcess(identity(sleeper.pid), 'SIGTERM');
    return { result, exit: await exitWithin(sleeper, 30_000), afterwards: hermes.pidState(sleeper.pid) };
  },

  async exitCodeOption() {
    const sleeper = await startSleeper();
    const result = hermes.signalProcess(identity(sleeper.pid), 'SIGKILL', { windowsExitCode: 137 });
    return { result, exit: await exitWithin(sleeper, 30_000) };
  },

  async reused() {
    const sleeper = await startSleeper();
    const { startTime } = identity(sleeper.pid);
    const results = [hermes.signalProcess({ pid: sleeper.pid, startTime: startTime - 1 }, 'SIGKILL'), hermes.signalProcess({ pid: sleeper.pid, startTime: startTime + 10 }, 'SIGTERM')];
    const stop = await hermes.stopProcess({ pid: sleeper.pid, startTime: startTime + 1 }, { timeoutMs: 200 });
    // Still running a second later; then the right identity stops it, so it was alive all along.
    const afterWrong = await exitWithin(sleeper, 1000);
    const state = hermes.pidState(sleeper.pid);
    const right = hermes.signalProcess({ pid: sleeper.pid, startTime }, 'SIGTERM');
    return { results, stop: stop.outcome, afterWrong, state, right, exit: await exitWithin(sleeper, 30_000) };
  },

  async gone() {
    const sleeper = await startSleeper();
    const id = identity(sleeper.pid);
    sleeper.child.kill();
    await sleeper.exited;
    return { byIdentity: hermes.signalProcess(id, 'SIGTERM'), byPid: hermes.signalProcess(sleeper.pid, 'SIGTERM'), stop: (await hermes.stopProcess(id)).outcome };
  },

  async unsupported() {
    const sleeper = await startSleeper();
    const results = ['SIGHUP', 'SIGUSR1', 'SIGWINCH', 'SIGNOPE'].map((signal) => hermes.signalProcess(identity(sleeper.pid), signal));
    const check = hermes.signalProcess(identity(sleeper.pid), 0);
    const stillRunning = await exitWithin(sleeper, 500);
    sleeper.child.kill();
    return { results, check, stillRunning };
  },

  async barePid() {
    const sleeper = await startSleeper();
    return { result: hermes.signalProcess(sleeper.pid, 'SIGINT'), exit: await exitWithin(sleeper, 30_000) };
  },

  async stopped() {
    const sleeper = await startSleeper();
    const stop = await hermes.stopProcess(identity(sleeper.pid), { timeoutMs: 30_000 });
    return { outcome: stop.outcome, exit: await exitWithin(sleeper, 30_000) };
  },

  async killed() {
    // Windows has no SIGTERM to ignore: signal 0 only checks, so the stop has to force after the timeout.
    const sleeper = await startSleeper();
    const stop = await hermes.stopProcess(identity(sleeper.pid), { signal: 0, timeoutMs: 300, forceTimeoutMs: 30_000 });
    return { outcome: stop.outcome, waitedAtLeastTimeout: stop.elapsedMs >= 300, exit: await exitWithin(sleeper, 30_000) };
  },

  async tree() {
    const { root, generations } = await startTree('tree', '1,2');
    const ids = generations.flat().map(identity);
    const stop = await hermes.stopProcess(identity(root.pid), { tree: true, timeoutMs: 30_000 });
    await sleep(200);
    return {
      generations: generations.map((pids) => pids.length),
      outcome: stop.outcome,
      descendants: stop.descendants.map((d) => ({ generation: generations.findIndex((pids) => pids.includes(d.pid)), outcome: d.outcome })),
      stillRunning: ids.filter((id) => hermes.processStartTime(id.pid) === id.startTime).map((id) => id.pid),
    };
  },

  async treeWithoutFlag() {
    const { root, generations } = await startTree('flat', '2');
    const stop = await hermes.stopProcess(identity(root.pid), { timeoutMs: 30_000 });
    await sleep(200);
    const children = generations[1].map((pid) => hermes.pidState(pid));
    const cleanup = generations[1].map((pid) => hermes.signalProcess(pid, 'SIGKILL'));
    return { outcome: stop.outcome, descendants: stop.descendants === undefined ? 'absent' : stop.descendants, children, cleanup };
  },

  async lockHolder() {
    const lockPath = path.join(scratch, 'holder.pid');
    const holder = spawn(process.execPath, ['-e', `require(${JSON.stringify(path.join(__dirname, '../../../dist/cjs/src/index.js'))}).acquirePidLock(process.argv[1]); setInterval(() => {}, 1000)`, lockPath], { stdio: 'ignore' });
    await waitForFile(lockPath, 'lock holder');
    const before = hermes.readPidLock(lockPath);
    const stop = await hermes.stopPidLockHolder(lockPath, { timeoutMs: 30_000 });
    return { before: before.state, holder: before.record.pid === holder.pid, outcome: stop.outcome, removed: stop.removed, fileLeft: fs.existsSync(lockPath) };
  },
};

runCases(cases, Object.keys(cases), scratch, process.argv[2]);
