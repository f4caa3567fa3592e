import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import pidIsAliveTransform from '../../codemods/pid-is-alive.js';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

it('is the engine behind the jscodeshift transform contract', () => {
  const source = fixture('s3-esrch-rethrow/input.ts');
  expect(pidIsAliveTransform({ path: 'lock.ts', source })).toBe(fixture('s3-esrch-rethrow/output.ts'));
  expect(pidIsAliveTransform({ path: 'lock.ts', source }, {}, { strict: 'true' })).toBeUndefined();
  expect(pidIsAliveTransform({ path: 'clean.js', source: fixture('kill-sigterm-clean/input.js') })).toBeUndefined();
  expect(pidIsAliveTransform({ path: 'lock.ts', source }, {}, { importSource: '@acme/proc' })).toContain("from '@acme/proc'");
});
