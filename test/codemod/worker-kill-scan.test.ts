// A large candidate handed to a worker comes with the main thread's `kill` scan (its text test ran
// it): the worker takes it rather than scanning 16 MB again. Shown with a real worker of the built
// transformer: handed a scan that finds no `kill`, the worker finds no probe in a text that holds one.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type * as KillTokensModule from '../../src/codemod/kill-tokens.js';
import type * as TransformerModule from '../../src/cli/transform/transformer.js';
import { repoRoot } from '../support/scratch-project.js';
import { PROBE_CJS } from './temp-tree.js';

// The built modules (npm test builds them): the worker runs dist's transform-worker.js, and the main
// thread's scan is remembered by the kill-tokens.js the built transformer imports.
const built = (path: string): string => pathToFileURL(join(repoRoot, 'dist/esm/src', path)).href;
const { createTransformer } = (await import(built('cli/transform/transformer.js'))) as typeof TransformerModule;
const { killTokens, rememberKillScan, rememberedKillScan } = (await import(built('codemod/kill-tokens.js'))) as typeof KillTokensModule;

/** Over the size from which a scan is remembered (256 K), with one probe. */
const large = (tag: string): string => `// ${tag}\n${'// filler filler filler filler filler filler filler filler filler filler\n'.repeat(4000)}${PROBE_CJS}`;

describe('a large candidate in a worker', { timeout: 120_000 }, () => {
  it('is handed the main thread\'s scan of its text', async () => {
    const text = large('scanned');
    expect(killTokens(text)?.length).toBe(1);
    expect(rememberedKillScan(text)?.found?.length).toBe(1);
    expect(rememberedKillScan(large('other'))).toBeUndefined();
    const transformer = createTransformer({ forced: 1 });
    try {
      // The real scan: the probe is found.
      expect((await transformer.transform(text, { fileName: 'big.js', moduleType: 'commonjs' })).sites).toHaveLength(1);
      // A scan that finds no `kill`, handed over: the worker answers from it, so it did not scan again.
      const handed = large('handed');
      rememberKillScan(handed, { found: [] });
      expect((await transformer.transform(handed, { fileName: 'big.js', moduleType: 'commonjs' })).sites).toHaveLength(0);
    } finally {
      await transformer.close();
    }
  });
});
