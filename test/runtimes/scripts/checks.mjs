// Runs under Node, Bun and Deno alike: exercises the public API on processes this script starts and
// prints what it observed as one JSON line. test/runtimes/runtimes.test.ts judges the observations.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout } from 'node:timers';
import * as hermes from 'hermes-pid';

const { acquirePidLock, pidIsAlive, pidState, PidLockHeldError, probeBackend, processStartTime, readPidLock, signalProcess, stopProcess } = hermes;
const lockDir = process.argv[2];
if (lockDir === undefined) throw new TypeError('usage: checks.mjs LOCK_DIR');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const seen = {};

/** A child that stays alive until signalled; with `ignoreTerm`, SIGTERM does not stop it. */
async function startChild(ignoreTerm = false) {
  const script = `${ignoreTerm ? 'trap "" TERM; ' : ''}echo up; while :; do sleep 1; done`;
  const child = spawn('sh', ['-c', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await once(child.stdout, 'data');
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, exited };
}

/**
 * A real zombie: sh starts a child that exits after 0.1 s (after the exec: sh itself would reap it),
 * then execs sleep, which never reaps it.
 */
async function startZombie() {
  const parent = spawn('sh', ['-c', 'sleep 0.1 & echo $!; exec sleep 60'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = await once(parent.stdout, 'data');
  const zombiePid = Number(String(chunk).trim());
  for (let tries = 0; tries < 500; tries++) {
    const stat = readFileSync(`/proc/${zombiePid}/stat`, 'latin1');
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return { parent, zombiePid };
    await sleep(20);
  }
  parent.kill('SIGKILL');
  throw new Error(`pid ${zombiePid} never became a zombie`);
}

function rawProbe(pid) {
  try {
    // eslint-disable-next-line hermes-pid/no-raw-liveness-probe -- the premise: the raw probe is fooled by a zombie
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

seen.exports = Object.fromEntries(Object.entries(hermes).map(([name, value]) => [name, typeof value]));
seen.probeBackend = probeBackend();
seen.self = { state: pidState(process.pid), alive: pidIsAlive(process.pid), startTime: typeof processStartTime(process.pid) };
seen.invalid = { text: pidState('12abc'), zero: pidState(0), negative: pidIsAlive(-1), nan: pidIsAlive(Number.NaN) };

// Live, then dead (killed and reaped by this runtime).
{
  const { child, exited } = await startChild();
  seen.live = { state: pidState(child.pid), alive: pidIsAlive(child.pid), startTime: typeof processStartTime(child.pid) };
  child.kill('SIGKILL');
  await exited;
  seen.dead = { state: pidState(child.pid), alive: pidIsAlive(child.pid), startTime: typeof processStartTime(child.pid) };
}

// A zombie (Linux): the raw probe says alive; pidState reads /proc and says dead.
if (process.platform === 'linux') {
  const { parent, zombiePid } = await startZombie();
  seen.zombie = { rawProbe: rawProbe(zombiePid), state: pidState(zombiePid), alive: pidIsAlive(zombiePid, { treatPermissionDeniedAsAlive: true }) };
  parent.kill('SIGKILL');
}

// signalProcess: signal 0, a wrong identity, then a real SIGTERM.
{
  const { child, exited } = await startChild();
  const startTime = processStartTime(child.pid);
  const check = signalProcess(child.pid, 0);
  const reused = signalProcess({ pid: child.pid, startTime: startTime + 1 }, 'SIGTERM');
  const stillAlive = pidState(child.pid);
  const term = signalProcess({ pid: child.pid, startTime }, 'SIGTERM');
  const exit = await exited;
  const gone = signalProcess(child.pid, 'SIGTERM');
  seen.signalProcess = { check, reused, stillAlive, term, exitSignal: exit.signal, gone };
}

// stopProcess: one that stops on SIGTERM, one that needs SIGKILL, and one already gone.
{
  const polite = await startChild();
  const stopped = await stopProcess(polite.child.pid, { timeoutMs: 20_000 });
  const stubborn = await startChild(true);
  const killed = await stopProcess(stubborn.child.pid, { timeoutMs: 300 });
  const gone = await stopProcess(polite.child.pid);
  seen.stopProcess = {
    stopped: stopped.outcome,
    politeExit: (await polite.exited).signal,
    killed: killed.outcome,
    stubbornExit: (await stubborn.exited).signal,
    gone: gone.outcome,
  };
}

// The kernel lock in this one process.
{
  const path = join(lockDir, `checks ${process.pid}.pid`);
  const lock = acquirePidLock(path);
  const held = readPidLock(path);
  let again;
  try {
    acquirePidLock(path);
    again = 'acquired';
  } catch (error) {
    again = error instanceof PidLockHeldError ? `${error.name}:${error.reason}:${error.lockKind}` : String(error);
  }
  const released = lock.release();
  seen.lock = {
    recordPid: lock.record.pid === process.pid,
    recordKind: lock.record.lockKind,
    held: `${held.state}:${held.reason}:${held.lockKind}`,
    again,
    released,
    after: readPidLock(path).state,
  };
}

process.stdout.write(`${JSON.stringify(seen)}\n`);
