// A bounded memory budget: the run reads candidates no further ahead of the parser than its budget
// (READ_AHEAD characters), so that a run over thousands of candidates (build folders included) never
// holds every candidate's text, or more than a few trees, at once. A real run over a real tree, with a
// transformer that counts what it was handed and has not answered yet.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type * as RunModule from '../../src/cli/run-codemod.js';
import type * as TransformerModule from '../../src/cli/transform/transformer.js';
import type { Transformer } from '../../src/cli/transform/transformer.js';
import { repoRoot } from '../support/scratch-project.js';
import { PROBE_CJS, removeTempTrees, tempTree } from './temp-tree.js';

afterAll(removeTempTrees);

// The built modules (npm test builds them): a worker runs dist's transform-worker.js.
const built = (path: string): string => pathToFileURL(join(repoRoot, 'dist/esm/src/cli', path)).href;
const { runCodemod } = (await import(built('run-codemod.js'))) as typeof RunModule;
const { createTransformer } = (await import(built('transform/transformer.js'))) as typeof TransformerModule;

const FILES = 40;
/** Each candidate: a probe and about 20 KB of comments. */
const CANDIDATE = `${'// filler filler filler filler filler filler filler filler filler filler\n'.repeat(280)}${PROBE_CJS}`;
const BUDGET = 4 * CANDIDATE.length;

function counting(inner: Transformer): { transformer: Transformer; peak: () => number } {
  let outstanding = 0;
  let peak = 0;
  const transformer: Transformer = {
    transform: async (source, options) => {
      outstanding += source.length;
      peak = Math.max(peak, outstanding);
      try {
        return await inner.transform(source, options);
      } finally {
        outstanding -= source.length;
      }
    },
    settled: (chars) => inner.settled?.(chars) ?? Promise.resolve(),
    close: () => inner.close(),
  };
  return { transformer, peak: () => peak };
}

describe('the read-ahead budget', { timeout: 240_000 }, () => {
  it.each([0, 1])('hands the parser at most the budget plus one file at a time, with %i worker(s), and reports every file', async (workers) => {
    const files: Record<string, string> = {};
    for (let i = 0; i < FILES; i++) files[`src/file${String(i).padStart(2, '0')}.js`] = CANDIDATE;
    const dir = tempTree(files);
    const { transformer, peak } = counting(createTransformer({ forced: workers }));
    let out = '';
    const code = await runCodemod({
      paths: ['.'],
      cwd: dir,
      dry: false,
      check: false,
      json: true,
      strict: false,
      force: true,
      importSource: undefined,
      typecheck: false,
      progress: false,
      readAhead: BUDGET,
      transformer,
      stdout: (text) => (out += text),
      stderr: () => undefined,
    });
    expect(code).toBe(0);
    const report = JSON.parse(out) as { files: { path: string; status: string }[] };
    expect(report.files.map((file) => file.status)).toEqual(Array<string>(FILES).fill('changed'));
    expect(peak()).toBeGreaterThan(0);
    expect(peak()).toBeLessThanOrEqual(BUDGET + CANDIDATE.length);
  });
});
