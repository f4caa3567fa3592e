import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { nodeRequire } from '../src/internal/node-require.js';

const probe = (entry: string): string => `
  const loaded = () => Object.keys(require.cache).some((f) => f.includes('/node_modules/@typescript-eslint/typescript-estree/'));
  const { nodeRequire } = require(${JSON.stringify(entry)});
  const before = loaded();
  const version = nodeRequire('@typescript-eslint/typescript-estree').version;
  console.log(JSON.stringify({ before, after: loaded(), version }));`;

it('loads CommonJS packages lazily from source', () => {
  expect((nodeRequire('@typescript-eslint/typescript-estree') as { version: string }).version).toMatch(/^\d+\.\d+/);
});

it.each(['dist/cjs', 'dist/esm'])('loads CommonJS packages lazily from the %s build', (build) => {
  const entry = fileURLToPath(new URL(`../${build}/src/internal/node-require.js`, import.meta.url));
  const script = build === 'dist/cjs' ? probe(entry) : `const require = (await import('node:module')).createRequire(import.meta.url);\n${probe(entry).replace(/const \{ nodeRequire \} = require\(([^)]*)\);/, 'const { nodeRequire } = await import($1);')}`;
  const args = build === 'dist/cjs' ? ['-e', script] : ['--input-type=module', '-e', script];
  const result = JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8' })) as Record<string, unknown>;
  expect(result).toMatchObject({ before: false, after: true });
});
