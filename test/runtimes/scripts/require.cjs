// Loads hermes-pid through require() (the CommonJS build) and uses it: Bun's require() of the package.
/* eslint-disable @typescript-eslint/no-require-imports -- require() is what this script tests */
const hermes = require('hermes-pid');
const { join } = require('node:path');

const lockDir = process.argv[2];
if (lockDir === undefined) throw new TypeError('usage: require.cjs LOCK_DIR');
const lock = hermes.acquirePidLock(join(lockDir, `require ${process.pid}.pid`));
const seen = {
  exports: Object.fromEntries(Object.entries(hermes).map(([name, value]) => [name, typeof value])),
  state: hermes.pidState(process.pid),
  lock: lock.record.lockKind,
};
lock.release();
process.stdout.write(`${JSON.stringify(seen)}\n`);
