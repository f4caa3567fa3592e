// One of several processes taking and releasing one lock in a loop, for the "never two holders" test:
// node cycle-worker.cjs <path to dist/cjs/src/index.js> <lock path> <log path> <cycles>
// Each time it holds the lock it appends "enter <pid>" and then "exit <pid>" to the log (O_APPEND, one
// write a line), holding the lock between the two for a moment; release() unlinks the lock file. A
// refused attempt sleeps 0-2 ms and tries again. Exits 0 after <cycles> holds, 1 on any other error.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- it loads the built CommonJS package */
const fs = require('node:fs');

const [, , dist, lockPath, logPath, cycles] = process.argv;
const { acquirePidLock, PidLockHeldError } = require(dist);
const cell = new Int32Array(new SharedArrayBuffer(4));
const sleep = (ms) => Atomics.wait(cell, 0, 0, ms);
const log = fs.openSync(logPath, 'a');
// The pid as the test sees it: inside a pid namespace process.pid is the namespace's number.
const name = `${process.pid}@${process.env.HERMES_WORKER ?? '?'}`;

let held = 0;
let refused = 0;
while (held < Number(cycles)) {
  let lock;
  try {
    lock = acquirePidLock(lockPath);
  } catch (error) {
    if (!(error instanceof PidLockHeldError)) throw error;
    refused++;
    sleep(Math.random() * 2);
    continue;
  }
  fs.writeSync(log, `enter ${name}\n`);
  sleep(Math.random() * 2);
  fs.writeSync(log, `exit ${name}\n`);
  lock.release();
  held++;
}
process.stdout.write(`${JSON.stringify({ held, refused })}\n`);
