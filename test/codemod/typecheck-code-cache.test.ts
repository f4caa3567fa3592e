// The typed pass loads ts-morph's own TypeScript from the V8 code cache (src/cli/transform/
// ts-morph-preload.ts): a real run writes the cache entry for that file, and a run that starts from
// it answers the same.
import { cpSync, readdirSync, realpathSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/scratch-project.js';
import { runCli } from './support.js';
import { removeTempTrees, tempTree } from './temp-tree.js';

afterAll(removeTempTrees);

/** ts-morph's bundled TypeScript, as require's cache names it. */
function tsMorphTypeScript(): string {
  const common = realpathSync(createRequire(realpathSync(createRequire(join(repoRoot, 'package.json')).resolve('ts-morph'))).resolve('@ts-morph/common'));
  return realpathSync(createRequire(common).resolve('./typescript'));
}

describe('the typed pass and the code cache', () => {
  it("writes a code cache entry for ts-morph's TypeScript, and answers the same from it", () => {
    const cache = tempTree({});
    const entry = `typescript-${createHash('sha256').update(tsMorphTypeScript()).digest('hex').slice(0, 16)}.v8`;
    const run = (): { status: number | null; stdout: string } => {
      const dir = tempTree({});
      cpSync(join(repoRoot, 'test/codemod/typed-fixtures/local-name-clash/input'), dir, { recursive: true });
      return runCli(['--dry', '--json', '.'], dir, { XDG_CACHE_HOME: cache });
    };
    const first = run();
    expect(first.status).toBe(0);
    expect(readdirSync(join(cache, 'hermes-pid'))).toContain(entry);
    const second = run();
    expect(second.status).toBe(0);
    const changed = (stdout: string): unknown => (JSON.parse(stdout) as { files: { path: string; sites: unknown[] }[] }).files.map((file) => [file.path, file.sites]);
    expect(changed(second.stdout)).toEqual(changed(first.stdout));
    expect(changed(first.stdout)).not.toEqual([]);
  });
});
