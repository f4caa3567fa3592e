// A tiny daemon guarded by the pid lock: node daemon.cjs <path to dist/cjs/src/index.js> <lock path>
// Prints one JSON line per event: {"event":"stale",...} for each stale lock it recovered, then
// {"event":"acquired"} and runs until killed; or {"event":"held","holderPid":N} and exits 75.
// SIGTERM/SIGINT release the lock through the library's exit handler.
'use strict';
/* global setInterval -- a plain CommonJS script run by node */
/* eslint-disable @typescript-eslint/no-require-imports -- it loads the built CommonJS package */
const { acquirePidLock, PidLockHeldError } = require(process.argv[2]);

function say(event) {
  process.stdout.write(`${JSON.stringify({ pid: process.pid, ...event })}\n`);
}

try {
  acquirePidLock(process.argv[3], {
    onStale: (record, reason) => say({ event: 'stale', reason, stalePid: record === undefined ? null : record.pid }),
  });
} catch (error) {
  if (!(error instanceof PidLockHeldError)) throw error;
  say({ event: 'held', holderPid: error.record.pid, message: error.message });
  process.exit(75);
}
say({ event: 'acquired' });
setInterval(() => undefined, 60_000);
