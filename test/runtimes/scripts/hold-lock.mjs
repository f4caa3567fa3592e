// Takes the pid lock at argv[2], says so on stdout as one JSON line, and holds it until signalled.
import { setInterval } from 'node:timers';
import { acquirePidLock } from 'hermes-pid';

const path = process.argv[2];
if (path === undefined) throw new TypeError('usage: hold-lock.mjs LOCK_PATH');
const lock = acquirePidLock(path);
process.stdout.write(`${JSON.stringify({ pid: process.pid, lockKind: lock.record.lockKind, startTime: lock.record.startTime })}\n`);
// Keeps the process (and so the lock) alive; signal-exit removes the file on SIGTERM.
setInterval(() => undefined, 1000);
