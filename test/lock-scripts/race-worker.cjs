// A long-lived racer for the pid lock race test: node race-worker.cjs <path to hermes-pid's dist/cjs/src/index.js>
// Reads one JSON command per stdin line, answers one JSON line per command on stdout:
//   {"cmd":"acquire","round":N,"lockPath":P,"at":EPOCH_MS} -> acquired | held | error (the attempt starts at `at`)
//   {"cmd":"release","round":N}                             -> released (removed: whether the file was removed)
// Plain CommonJS against the built package, so the same file runs under node.exe (Wine).
'use strict';
/* global setTimeout -- a plain CommonJS script run by node */
/* eslint-disable @typescript-eslint/no-require-imports -- it loads the built CommonJS package */
const { createInterface } = require('node:readline');

const hermes = require(process.argv[2]);
let lock;

function reply(message) {
  process.stdout.write(`${JSON.stringify({ pid: process.pid, ...message })}\n`);
}

function acquire({ round, lockPath }) {
  const stale = [];
  try {
    lock = hermes.acquirePidLock(lockPath, { onStale: (record, reason) => stale.push(reason) });
    reply({ round, result: 'acquired', stale });
  } catch (error) {
    if (error instanceof hermes.PidLockHeldError) reply({ round, result: 'held', stale, holderPid: error.record.pid, message: error.message });
    else reply({ round, result: 'error', stale, message: String(error && error.stack) });
  }
}

createInterface({ input: process.stdin }).on('line', (line) => {
  const command = JSON.parse(line);
  if (command.cmd === 'acquire') {
    setTimeout(() => acquire(command), Math.max(0, command.at - Date.now()));
  } else if (command.cmd === 'release') {
    const removed = lock === undefined ? false : lock.release();
    lock = undefined;
    reply({ round: command.round, result: 'released', removed });
  }
});
reply({ result: 'ready' });
