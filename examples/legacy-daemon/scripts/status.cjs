'use strict';
// `node scripts/status.cjs <pid file>`: prints the daemon's state (an old CommonJS ops script).
const { readFileSync } = require('node:fs');

function processExists(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // ESRCH: no such process. Anything else (EPERM) means it exists.
    return e.code !== 'ESRCH';
  }
}

function state(pid) {
  try {
    process.kill(pid, 0);
    return 'running';
  } catch (e) {
    return e.code === 'EPERM' ? 'running as another user' : 'stopped';
  }
}

module.exports = { processExists, state };

if (require.main === module) {
  const pid = Number(readFileSync(process.argv[2], 'utf8'));
  console.log(`${pid}: ${state(pid)}${processExists(pid) ? '' : ' (no such process)'}`);
}
