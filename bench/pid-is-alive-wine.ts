// pidIsAlive on Windows (kernel32 through koffi) against a raw `process.kill(pid, 0)`, both measured
// in the same `wine node.exe` run by bench/windows/pid-is-alive.cjs. Absolute times under Wine mean
// nothing (every call crosses into wineserver); the ratio is the figure. Skipped without the stack.
// Run: npm run bench -- pid-is-alive-wine   (set up the stack first: bash scripts/wine-setup.sh)
import { fileURLToPath } from 'node:url';
import { findWineStack, runUnderWine, startPersistentWineserver } from '../test/windows/support/wine.js';
import { formatRow } from './support/measure.js';

interface WineBench {
  backend: string;
  node: string;
  iterations: number;
  rounds: number;
  rows: Record<string, Record<string, number>>;
}

const found = findWineStack();
if ('missing' in found) {
  console.log(`skipped: ${found.missing}`);
} else {
  startPersistentWineserver(found.stack);
  const program = fileURLToPath(new URL('windows/pid-is-alive.cjs', import.meta.url));
  const result = await runUnderWine<WineBench>(found.stack, program, [], { timeoutMs: 600_000 });
  const widths = [28, 20, 12, 8];
  console.log(`pidIsAlive under Wine, ns per call (median of ${result.rounds} interleaved rounds of ${result.iterations} calls), Node ${result.node} win32-x64, backend ${result.backend}`);
  console.log(formatRow(['case', 'process.kill (raw)', 'pidIsAlive', 'ratio'], widths));
  for (const [name, row] of Object.entries(result.rows)) {
    const raw = row['process.kill (raw)'] ?? Number.NaN;
    const ours = row.pidIsAlive ?? Number.NaN;
    console.log(formatRow([name, raw.toFixed(0), ours.toFixed(0), `${(ours / raw).toFixed(2)}x`], widths));
  }
  console.log('ratio = pidIsAlive (kernel32: OpenProcess + WaitForSingleObject + CloseHandle) / raw process.kill in a try/catch');
}
