// µs per acquirePidLock + release() and per readPidLock of a held lock, the kernel lock (the built dist/,
// as users get it) against the pid-only lock of hermes-pid 0.1.0 (bench/baseline/), in the same run, on
// the same directory. Run: npm run bench -- pid-lock
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as baseline from './baseline/pid-lock.js';
import { compare, formatRow } from './support/measure.js';

const require = createRequire(import.meta.url);
const current = require('../dist/cjs/src/index.js') as typeof import('../src/index.js');

const ITERATIONS = 300;

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'hermes-bench-lock-'));
  try {
    const path = join(dir, 'bench.pid');
    const probe = current.acquirePidLock(path);
    const kind = current.readPidLock(path).lockKind;
    probe.release();
    if (kind !== 'kernel') console.warn(`no kernel lock here (lockKind ${String(kind)}): the "kernel" rows measure the pid fallback`);

    const cycle = compare(
      {
        '0.1.0 (pid only)': () => baseline.acquirePidLock(path).release(),
        kernel: () => current.acquirePidLock(path).release(),
      },
      ITERATIONS,
    );
    const held = current.acquirePidLock(path);
    const read = compare(
      {
        '0.1.0 (pid only)': () => baseline.readPidLock(path),
        kernel: () => current.readPidLock(path),
      },
      ITERATIONS * 10,
    );
    held.release();

    const widths = [28, 16, 16, 8];
    console.log(formatRow(['operation', '0.1.0 µs', 'kernel µs', 'ratio'], widths));
    for (const [name, row] of [
      ['acquire + release', cycle],
      ['readPidLock (held)', read],
    ] as const) {
      const before = row['0.1.0 (pid only)'] ?? Number.NaN;
      const after = row.kernel ?? Number.NaN;
      console.log(formatRow([name, (before / 1000).toFixed(1), (after / 1000).toFixed(1), `${(after / before).toFixed(2)}x`], widths));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
