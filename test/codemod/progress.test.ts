// The progress line: drawn only after the first second, at most ten times a second, erased at the end.
import { describe, expect, it } from 'vitest';
import { progressLine } from '../../src/cli/report/progress.js';

function run(steps: readonly number[], write: boolean): string {
  let now = 0;
  let out = '';
  const progress = progressLine(write ? (text) => (out += text) : undefined, () => now);
  progress.listed(3);
  for (const at of steps) {
    now = at;
    progress.scanned();
  }
  now += 50;
  progress.parsed(2);
  progress.clear();
  return out;
}

describe('progressLine', () => {
  it('stays silent for a run shorter than a second', () => {
    expect(run([100, 500, 900], true)).toBe('');
  });

  it('counts files listed, scanned, candidates parsed and sites found, then erases the line', () => {
    const out = run([500, 1000, 1050, 1200], true);
    expect(out).toBe('\r\x1b[Khermes-codemod: 3 files listed, 2 scanned, 0 candidates parsed, 0 sites found' + '\r\x1b[Khermes-codemod: 3 files listed, 4 scanned, 0 candidates parsed, 0 sites found' + '\r\x1b[K');
  });

  it('writes nothing without a terminal', () => {
    expect(run([500, 1000, 2000], false)).toBe('');
  });
});
