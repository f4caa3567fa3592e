// @ts-check
import js from '@eslint/js';
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tseslint from 'typescript-eslint';
// Dogfood: the built plugin (`npm ci` builds it through `prepare`; run `npm run build` after editing rules/).
import hermesPid from './dist/esm/src/eslint-plugin/index.js';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.cache/', 'test/fixtures/', 'examples/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  ...tseslint.configs.stylistic,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  hermesPid.configs.recommended,
  {
    // The one place a raw probe belongs: the POSIX backend, and the benchmark's baseline.
    files: ['src/pid/posix.ts', 'bench/pid-is-alive.ts'],
    rules: { 'hermes-pid/no-raw-liveness-probe': 'off' },
  },
  { files: ['rules/**/*.ts'], ...eslintPlugin.configs['rules-recommended'] },
  { files: ['test/rules/**/*.ts'], ...eslintPlugin.configs['tests-recommended'] },
);
