// The RuleTester suites (corpus and focused cases) once more with ESLint 9: a child vitest run whose
// setup file sends every require('eslint') to the `eslint9` alias (test/rules/eslint9/).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from '../support/scratch-project.js';

interface JsonReport {
  numTotalTests: number;
  numFailedTests: number;
  testResults: { assertionResults: { fullName: string; status: string }[] }[];
}

it('passes the rule tests on ESLint 9', () => {
  const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
  const outputFile = join(mkdtempSync(join(tmpdir(), 'hermes-eslint9-')), 'report.json');
  execFileSync(process.execPath, [vitest, 'run', '--config', 'test/rules/eslint9/vitest.config.ts', '--reporter=json', `--outputFile=${outputFile}`], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const report = JSON.parse(readFileSync(outputFile, 'utf8')) as JsonReport;
  const results = report.testResults.flatMap((file) => file.assertionResults);
  expect(results.find((r) => r.fullName === 'runs the rule tests on ESLint 9')?.status).toBe('passed');
  expect(report.numFailedTests).toBe(0);
  expect(report.numTotalTests).toBeGreaterThan(300);
}, 180_000);
