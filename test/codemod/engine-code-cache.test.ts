// The JavaScript engine's parser and scope analysis (espree on acorn, eslint-scope) load from the V8
// code cache, as TypeScript's parser does: a run that parses a JavaScript candidate writes their
// entries, saved after the parse (so the functions it compiled lazily are in them), and the next run
// loads from them (V8 accepts them: nothing is written again) and answers the same.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { engineFiles } from '../../src/cli/transform/code-cache.js';
import { runCli } from './support.js';
import { PROBE_CJS, removeTempTrees, tempTree } from './temp-tree.js';

afterAll(removeTempTrees);

describe('the JavaScript engine and the code cache', { timeout: 120_000 }, () => {
  it('names each module after those it requires', () => {
    const names = engineFiles().map((file) => basename(file));
    expect(names).toEqual(['acorn.js', 'index.js', 'eslint-visitor-keys.cjs', 'espree.cjs', 'estraverse.js', 'esrecurse.js', 'eslint-scope.cjs']);
  });

  it('writes entries for acorn, espree and eslint-scope after a parse, loads from them next time, and answers the same', () => {
    const dir = tempTree({ 'package.json': '{ "name": "cached" }\n', 'probe.js': PROBE_CJS });
    const cache = tempTree({});
    const env = { XDG_CACHE_HOME: cache, HERMES_CODEMOD_WORKERS: '0' };
    const first = runCli(['--check', '--json', '.'], dir, env);
    expect(first.status).toBe(1);
    const folder = join(cache, 'hermes-pid');
    const entries = readdirSync(folder);
    for (const file of engineFiles()) {
      const entry = entries.find((name) => name.startsWith(`${basename(file, '.js')}-`));
      expect(entry, file).toBeDefined();
      // Each entry's first line names the file it was compiled from.
      expect(JSON.parse(readFileSync(join(folder, entry as string), 'utf8').split('\n')[0] ?? '')[0]).toBe(file);
    }
    const written = new Map(entries.map((name) => [name, statSync(join(folder, name)).mtimeMs]));
    const second = runCli(['--check', '--json', '.'], dir, env);
    expect(second.stdout).toBe(first.stdout);
    expect(second.status).toBe(1);
    // Accepted: a rejected entry would have been compiled and written again.
    expect(new Map(readdirSync(folder).map((name) => [name, statSync(join(folder, name)).mtimeMs]))).toEqual(written);
    const uncached = runCli(['--check', '--json', '.'], dir, { NODE_DISABLE_COMPILE_CACHE: '1', HERMES_CODEMOD_WORKERS: '0' });
    expect(uncached.stdout).toBe(first.stdout);
    expect(JSON.parse(first.stdout)).toMatchObject({ summary: { filesChanged: 1 } });
  });

  it.each(['0', '1'])('reads and writes no entry of the JavaScript engine in a TypeScript-only run (HERMES_CODEMOD_WORKERS=%s)', (workers) => {
    const probe = 'export function isUp(pid: number): boolean {\n  try {\n    process.kill(pid, 0);\n    return true;\n  } catch {\n    return false;\n  }\n}\n';
    const dir = tempTree({ 'package.json': '{ "name": "typed" }\n', 'src/probe.ts': probe });
    const cache = tempTree({});
    const run = runCli(['--check', '--json', '.'], dir, { XDG_CACHE_HOME: cache, HERMES_CODEMOD_WORKERS: workers });
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ summary: { filesChanged: 1 } });
    const entries = readdirSync(join(cache, 'hermes-pid'));
    // TypeScript's parser did load from the cache (its entry is written) ...
    expect(entries.some((name) => name.startsWith('typescript-'))).toBe(true);
    // ... and espree, acorn and eslint-scope were never loaded from it.
    const engine = engineFiles().map((file) => `${basename(file, '.js')}-`);
    expect(entries.filter((name) => engine.some((prefix) => name.startsWith(prefix)))).toEqual([]);
  });
});
