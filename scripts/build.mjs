// Builds dist/esm (ESM) and dist/cjs (CommonJS) from the same sources with tsc.
// The CLI is ESM only; everything importable is built twice so require() works without require(esm).
import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

rmSync(join(root, 'dist'), { recursive: true, force: true });
for (const project of ['tsconfig.build.json', 'tsconfig.cjs.json']) {
  execFileSync(process.execPath, [tsc, '-p', join(root, project)], { stdio: 'inherit', cwd: root });
}
// Files under dist/cjs are CommonJS whatever the root package.json says.
mkdirSync(join(root, 'dist/cjs'), { recursive: true });
writeFileSync(join(root, 'dist/cjs/package.json'), '{ "type": "commonjs" }\n');
// See src/internal/node-require.ts: CommonJS has its own require.
writeFileSync(
  join(root, 'dist/cjs/src/internal/node-require.js'),
  '"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.nodeRequire = require;\n',
);
chmodSync(join(root, 'dist/esm/src/cli/hermes-codemod.js'), 0o755);
// require('hermes-pid/eslint-plugin') is the plugin itself, as ESLint plugins are; `.default` still works.
appendFileSync(
  join(root, 'dist/cjs/src/eslint-plugin/index.js'),
  '\nmodule.exports = exports.default;\nObject.defineProperty(module.exports, "default", { value: module.exports });\nObject.defineProperty(module.exports, "__esModule", { value: true });\n',
);
