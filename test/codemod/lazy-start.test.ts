// What a run loads: a --check over files that never say `kill` (most runs in CI) loads neither the
// engine (parser, analysis, rewrite) nor the write paths nor the other report formats; each loads
// when a run needs it. Observed in a real run through a module-loading hook that records every URL.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_IMPORT_SOURCE as ENGINE_DEFAULT } from '../../src/codemod/index.js';
import { DEFAULT_IMPORT_SOURCE } from '../../src/cli/run-codemod.js';
import { cliPath } from './support.js';
import { PROBE_CJS, removeTempTrees, tempTree } from './temp-tree.js';

const hooks = mkdtempSync(join(tmpdir(), 'hermes-lazy-start-'));
afterAll(() => {
  removeTempTrees();
  rmSync(hooks, { recursive: true, force: true });
});

/** The files a run of the CLI loaded (ESM and CommonJS alike), as paths from the package's root. */
function loadedBy(args: readonly string[], cwd: string): { status: number | null; loaded: string[] } {
  const log = join(hooks, `loaded-${Math.random().toString(36).slice(2)}.txt`);
  const hook = join(hooks, 'hook.mjs');
  writeFileSync(hook, `import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) {\n  appendFileSync(${JSON.stringify(log)}, url + '\\n');\n  return next(url, context);\n}\n`);
  const register = join(hooks, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hook).href)});\n`);
  const run = spawnSync(process.execPath, ['--import', pathToFileURL(register).href, cliPath, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', HERMES_CODEMOD_WORKERS: '0' } });
  const root = pathToFileURL(join(cliPath, '../../../../..')).href;
  const loaded = readFileSync(log, 'utf8')
    .split('\n')
    .filter((url) => url.startsWith(root))
    .map((url) => url.slice(root.length + 1));
  return { status: run.status, loaded };
}

/** Modules a --check run over files without `kill` has no use for. */
const NOT_NEEDED = [/dist\/esm\/src\/codemod\/transform\.js$/, /dist\/esm\/src\/(analysis|rewrite)\//, /files\/(add-dependency|write-atomically|leftover-temp-files)\.js$/, /listing\/git-state\.js$/, /report\/format-(github|sarif)\.js$/, /node_modules\/(espree|acorn|eslint-scope|jsonc-parser|validate-npm-package-name|typescript|ts-morph)\//];

describe('what a run loads', { timeout: 120_000 }, () => {
  it('keeps the default import source equal to the engine’s', () => {
    expect(DEFAULT_IMPORT_SOURCE).toBe(ENGINE_DEFAULT);
  });

  it('loads no engine, write path or other report format for a --check over files that never say kill', () => {
    const dir = tempTree({ 'package.json': '{ "name": "quiet" }\n', 'a.js': 'export const a = 1;\n', 'b.ts': 'export const b: number = 2;\n' });
    const { status, loaded } = loadedBy(['--check', '.'], dir);
    expect(status).toBe(0);
    expect(loaded).toContain('dist/esm/src/cli/run-codemod.js');
    expect(loaded.filter((path) => NOT_NEEDED.some((pattern) => pattern.test(path)))).toEqual([]);
  });

  it('loads each when the run needs it: the engine for a candidate, the writer and the manifest editor to write, SARIF for --format sarif', () => {
    const dir = tempTree({ 'package.json': '{ "name": "busy" }\n', 'probe.js': PROBE_CJS });
    const sarif = loadedBy(['--format', 'sarif', '.'], dir);
    expect(sarif.status).toBe(0);
    expect(sarif.loaded).toEqual(expect.arrayContaining(['dist/esm/src/codemod/transform.js', 'dist/esm/src/cli/report/format-sarif.js']));
    const write = loadedBy(['--force', '--no-typecheck', '.'], dir);
    expect(write.status).toBe(0);
    expect(write.loaded).toEqual(expect.arrayContaining(['dist/esm/src/cli/files/write-atomically.js', 'dist/esm/src/cli/files/add-dependency.js', 'dist/esm/src/cli/files/leftover-temp-files.js']));
    expect(readFileSync(join(dir, 'probe.js'), 'utf8')).toContain('pidIsAlive');
  });
});
