import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startDaemon } from '../src/daemon.js';
import { isRunning, lockHeld, writePid } from '../src/pid-file.js';
import { processExists, stopDaemon } from '../src/stop.js';
import { watchParent } from '../src/watchdog.js';
import { assertAlive, deadPid, spawnSleeper } from './helpers.js';

const status = createRequire(import.meta.url)('../scripts/status.cjs') as { processExists(pid: number): boolean; state(pid: number): string };
const scratch = (): string => mkdtempSync(join(tmpdir(), 'legacy-daemon-'));

test('a running process is running, an exited one is not', async () => {
  const child = spawnSleeper();
  assertAlive(child.pid);
  assert.equal(isRunning(child.pid), true);
  assert.equal(processExists(child.pid), true);
  assert.equal(status.processExists(child.pid), true);
  assert.equal(status.state(child.pid), 'running');
  child.kill('SIGKILL');
  await once(child, 'exit');
  assert.equal(isRunning(child.pid), false);
  assert.equal(processExists(child.pid), false);
  assert.equal(status.processExists(child.pid), false);
  assert.equal(status.state(child.pid), 'stopped');
});

test('the pid file lock: held by a live daemon, free after it died', async () => {
  const pidFile = join(scratch(), 'legacyd.pid');
  assert.equal(lockHeld(pidFile), false);
  const child = spawnSleeper();
  writePid(pidFile, child.pid);
  assert.equal(lockHeld(pidFile), true);
  assert.equal(startDaemon(pidFile, () => undefined), 'already-running');
  child.kill('SIGKILL');
  await once(child, 'exit');
  assert.equal(lockHeld(pidFile), false);
});

test('start clears a stale pid file and writes its own pid', async () => {
  const pidFile = join(scratch(), 'legacyd.pid');
  writePid(pidFile, await deadPid());
  let ran = false;
  assert.equal(startDaemon(pidFile, () => (ran = true)), 'started');
  assert.equal(ran, true);
  assert.equal(Number(readFileSync(pidFile, 'utf8')), process.pid);
});

test('stop sends SIGTERM and waits for the exit', async () => {
  const pidFile = join(scratch(), 'legacyd.pid');
  const child = spawnSleeper();
  writeFileSync(pidFile, String(child.pid));
  assert.equal(await stopDaemon(pidFile), 'stopped');
  assert.equal(await stopDaemon(pidFile), 'not-running');
});

test('the watchdog notices its parent is gone', async () => {
  const parent = spawnSleeper();
  // The watchdog's timer is unref'd (it must not keep a worker alive); ref it while the test waits.
  const gone = new Promise<void>((resolve) => watchParent(parent.pid, 10, resolve).ref());
  parent.kill('SIGKILL');
  await gone;
});
