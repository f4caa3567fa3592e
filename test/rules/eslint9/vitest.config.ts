// The RuleTester suites (corpus and focused cases) again, on ESLint 9: `npx vitest run --config
// test/rules/eslint9/vitest.config.ts`. test/rules/eslint9.test.ts runs it as part of `npm test`.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../../..', import.meta.url)),
    include: ['test/rules/corpus.test.ts', 'test/rules/no-*.test.ts', 'test/rules/eslint9/version.eslint9.ts'],
    setupFiles: ['test/rules/eslint9/use-eslint9.ts'],
    testTimeout: 30_000,
  },
});
