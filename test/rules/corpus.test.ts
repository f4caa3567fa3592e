// The shared corpus as RuleTester cases: one valid or invalid case per fixture folder and rule,
// discovered from test/fixtures/, so adding a case never means editing this file.
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { languageOptionsFor, loadCorpus, PLUGIN_NAMESPACE, type CorpusCase } from './support/corpus.js';
import { createRuleTester } from './support/rule-tester.js';

const corpus = loadCorpus();
const ruleTester = createRuleTester();

describe('the corpus', () => {
  it('has at least 40 cases across JS and TS, ESM and CommonJS', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40);
    const extensions = new Set(corpus.map((c) => c.fileName.slice('input'.length)));
    expect([...extensions].sort()).toEqual(['.cjs', '.cts', '.js', '.jsx', '.mjs', '.mts', '.ts', '.tsx']);
  });

  it('names only rules the plugin has, in report order', () => {
    for (const c of corpus) {
      for (const d of c.diagnostics) expect(Object.keys(rules).map((r) => `${PLUGIN_NAMESPACE}/${r}`), c.name).toContain(d.rule);
      const order = c.diagnostics.map((d) => d.line * 10_000 + d.column);
      expect(order, c.name).toEqual([...order].sort((a, b) => a - b));
    }
  });
});

function testCase(c: CorpusCase): ValidTestCase<[]> {
  // RuleTester merges any other key of a case into the config it lints with: here the project's other rules.
  return { name: c.name, code: c.code, filename: c.filePath, languageOptions: languageOptionsFor(c.fileName, c.eslint), ...(c.eslint.rules === undefined ? {} : { rules: c.eslint.rules }) };
}

for (const [ruleName, rule] of Object.entries(rules)) {
  const valid: ValidTestCase<never>[] = [];
  const invalid: InvalidTestCase<string, never>[] = [];
  for (const c of corpus) {
    const expected = c.diagnostics.filter((d) => d.rule === `${PLUGIN_NAMESPACE}/${ruleName}`);
    if (expected.length === 0) {
      valid.push(testCase(c) as ValidTestCase<never>);
      continue;
    }
    invalid.push({
      ...(testCase(c) as ValidTestCase<never>),
      errors: expected.map((d) => ({
        messageId: d.messageId,
        line: d.line,
        column: d.column,
        ...(d.data === undefined ? {} : { data: d.data }),
        // Absent in diagnostics.json means: this report has no suggestion.
        suggestions: d.suggestion === undefined ? [] : [{ messageId: 'useHelper', output: c.read(d.suggestion) }],
      })),
    });
  }
  // Rules have different option types; the corpus runs each with its defaults.
  ruleTester.run(`${ruleName} (corpus)`, rule as never, { valid, invalid });
}
