// @ts-check
import js from '@eslint/js';
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tseslint from 'typescript-eslint';
// Dogfood: the built plugin (`npm ci` builds it through `prepare`; run `npm run build` after editing rules/).
import hermesPid from './dist/esm/src/eslint-plugin/index.js';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.cache/', 'test/fixtures/', 'test/typed-fixtures/', 'test/codemod/typed-fixtures/', 'examples/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  ...tseslint.configs.stylistic,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...hermesPid.configs.recommended,
  {
    // Where a raw probe belongs: the POSIX backend, the benchmarks' baselines, and the Windows test
    // program that shows what raw process.kill answers next to the kernel32 backend.
    files: ['src/pid/posix.ts', 'bench/pid-is-alive.ts', 'bench/windows/pid-is-alive.cjs', 'test/windows/programs/pid-is-alive.cjs'],
    rules: { 'hermes-pid/no-raw-liveness-probe': 'off' },
  },
  { files: ['rules/**/*.ts'], ...eslintPlugin.configs['rules-recommended'] },
  { files: ['test/rules/**/*.ts'], ...eslintPlugin.configs['tests-recommended'] },
);
