// The typed pass runs ts-morph on the parser's TypeScript when both are the same release line
// (src/cli/transform/ts-morph-preload.ts): one compiler loaded, from the V8 code cache. A real run
// writes the cache entry for that file, and a run that starts from it answers the same.
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/scratch-project.js';
import { runCli } from './support.js';
import { removeTempTrees, tempTree } from './temp-tree.js';

afterAll(removeTempTrees);

const rootRequire = createRequire(join(repoRoot, 'package.json'));

/** ts-morph's bundled TypeScript, as require's cache names it. */
function tsMorphTypeScript(): string {
  const common = realpathSync(createRequire(realpathSync(rootRequire.resolve('ts-morph'))).resolve('@ts-morph/common'));
  return realpathSync(createRequire(common).resolve('./typescript'));
}

/** The parser's TypeScript (typescript-estree's). */
function parserTypeScript(): string {
  return realpathSync(createRequire(realpathSync(rootRequire.resolve('@typescript-eslint/typescript-estree'))).resolve('typescript'));
}

const line = (file: string): string | undefined => /\bversionMajorMinor = "(\d+\.\d+)"/.exec(readFileSync(file, 'latin1').slice(0, 256 * 1024))?.[1];
const shared = line(tsMorphTypeScript()) === line(parserTypeScript());

describe('the typed pass and the code cache', () => {
  it("writes code cache entries for the TypeScript ts-morph runs on and for ts-morph itself, and answers the same from them", () => {
    const cache = tempTree({});
    const loaded = shared ? parserTypeScript() : tsMorphTypeScript();
    const entry = `typescript-${createHash('sha256').update(loaded).digest('hex').slice(0, 16)}.v8`;
    const run = (): { status: number | null; stdout: string } => {
      const dir = tempTree({});
      cpSync(join(repoRoot, 'test/codemod/typed-fixtures/local-name-clash/input'), dir, { recursive: true });
      // A worker parses (as in a large tree): the main thread loads the compiler for the pass alone.
      return runCli(['--dry', '--json', '.'], dir, { XDG_CACHE_HOME: cache, HERMES_CODEMOD_WORKERS: '1' });
    };
    const first = run();
    expect(first.status).toBe(0);
    // ts-morph's own modules (@ts-morph/common, ts-morph) load from the cache as well.
    const main = realpathSync(rootRequire.resolve('ts-morph'));
    const common = realpathSync(createRequire(main).resolve('@ts-morph/common'));
    const own = [main, common].map((file) => `${basename(file, '.js')}-${createHash('sha256').update(file).digest('hex').slice(0, 16)}.v8`);
    // The pass keeps its own entry of the shared compiler: saved after the pass, it holds the checker's code.
    const typed = shared ? [`typescript-typed-${createHash('sha256').update(loaded).digest('hex').slice(0, 16)}.v8`] : [];
    expect(readdirSync(join(cache, 'hermes-pid'))).toEqual(expect.arrayContaining([entry, ...typed, ...own]));
    const second = run();
    expect(second.status).toBe(0);
    const changed = (stdout: string): unknown => (JSON.parse(stdout) as { files: { path: string; sites: unknown[] }[] }).files.map((file) => [file.path, file.sites]);
    expect(changed(second.stdout)).toEqual(changed(first.stdout));
    expect(changed(first.stdout)).not.toEqual([]);
  });

  it.each([['with a code cache', true], ['without one', false]])("hands ts-morph the parser's TypeScript when both are the same release line (%s)", (_name, withCache) => {
    // A fresh process: the preload, then ts-morph as typecheck.ts imports it.
    const script = `await import(${JSON.stringify(pathToFileURL(join(repoRoot, 'dist/esm/src/cli/transform/ts-morph-preload.js')).href)});
const { ts } = await import(${JSON.stringify(pathToFileURL(rootRequire.resolve('ts-morph')).href)});
const { createRequire } = await import('node:module');
const parser = createRequire(${JSON.stringify(parserTypeScript())})(${JSON.stringify(parserTypeScript())});
// ts-morph's ts is a namespace over the module (getters): the same compiler has the same functions.
console.log(JSON.stringify({ same: ts.createProgram === parser.createProgram, version: ts.version, parser: parser.version }));`;
    const env = withCache ? { ...process.env, XDG_CACHE_HOME: tempTree({}) } : { ...process.env, NODE_DISABLE_COMPILE_CACHE: '1' };
    const run = spawnSync(process.execPath, ['--input-type=module', '--eval', script], { cwd: repoRoot, encoding: 'utf8', env });
    expect(run.stderr).toBe('');
    const answer = JSON.parse(run.stdout) as { same: boolean; version: string; parser: string };
    expect(answer.same).toBe(shared);
    if (shared) expect(answer.version).toBe(answer.parser);
  });

  it('the built typed pass imports ts-morph for its types only, and requires it (an ESM import has Node lex its 1 MB of CommonJS on every run)', () => {
    const built = ['src/ts-morph', 'src/cli/transform'].flatMap((dir) => readdirSync(join(repoRoot, 'dist/esm', dir)).filter((file) => file.endsWith('.js')).map((file) => join(repoRoot, 'dist/esm', dir, file)));
    const importing = built.filter((file) => /\bfrom\s*['"]ts-morph['"]|\bimport\(\s*['"]ts-morph['"]/.test(readFileSync(file, 'utf8')));
    expect(importing).toEqual([]);
    expect(built.some((file) => readFileSync(file, 'utf8').includes("nodeRequire('ts-morph')"))).toBe(true);
  });
});
