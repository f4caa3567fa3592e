import { createRequire } from 'node:module';
import { expect, it } from 'vitest';

it('runs the rule tests on ESLint 9', () => {
  const { Linter } = createRequire(import.meta.url)('eslint') as { Linter: { version: string } };
  expect(Linter.version).toMatch(/^9\./);
});
