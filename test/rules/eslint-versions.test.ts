// The corpus through the Linter of ESLint 9 (the `eslint9` alias) and ESLint 10, with Node's globals
// declared as a project would (the RuleTester run has none): same reports and suggestions on both.
import tsParser from '@typescript-eslint/parser';
import { Linter as Linter10 } from 'eslint';
import { Linter as Linter9 } from 'eslint9';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/eslint-plugin/index.js';
import { languageOptionsFor, loadCorpus, PLUGIN_NAMESPACE } from './support/corpus.js';

const corpus = loadCorpus();
const NODE_GLOBALS = { process: 'readonly', require: 'readonly', module: 'writable', globalThis: 'readonly', console: 'readonly', setInterval: 'readonly' } as const;

interface AnyLinter {
  verify(code: string, config: unknown, filename: string): { ruleId: string | null; messageId?: string; message: string; line: number; column: number; suggestions?: { fix: { range: [number, number]; text: string } }[] }[];
}

const versions: [string, AnyLinter, string][] = [
  ['ESLint 9', new Linter9({ configType: 'flat' }) as unknown as AnyLinter, Linter9.version],
  ['ESLint 10', new Linter10({ configType: 'flat' }) as unknown as AnyLinter, Linter10.version],
];

function applyFix(code: string, fix: { range: [number, number]; text: string }): string {
  // Ranges index the text without its BOM.
  const bom = code.startsWith('\uFEFF') ? '\uFEFF' : '';
  const text = code.slice(bom.length);
  return bom + text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
}

describe.each(versions)('%s', (_name, linter, version) => {
  it('is the major version under test', () => {
    expect(Number(version.split('.')[0])).toBe(_name === 'ESLint 9' ? 9 : 10);
  });

  it.each(corpus)('$name', (c) => {
    // The case's parser settings after configs.recommended, as a project's own override would be.
    const config = [
      ...plugin.configs.recommended,
      {
        files: ['**/*.{js,cjs,mjs,jsx,ts,tsx,mts,cts}'],
        languageOptions: { parser: tsParser, globals: NODE_GLOBALS, ...languageOptionsFor(c.fileName, c.eslint) },
        rules: c.eslint.rules ?? {},
      },
    ];
    const messages = linter.verify(c.code, config, c.filePath);
    const actual = messages.map((m) => ({
      rule: m.ruleId ?? `fatal: ${m.message}`,
      messageId: m.messageId,
      line: m.line,
      column: m.column,
      suggestion: m.suggestions?.[0] === undefined ? undefined : applyFix(c.code, m.suggestions[0].fix),
    }));
    const expected = c.diagnostics.map((d) => ({
      rule: d.rule.startsWith(`${PLUGIN_NAMESPACE}/`) ? d.rule : `${PLUGIN_NAMESPACE}/${d.rule}`,
      messageId: d.messageId,
      line: d.line,
      column: d.column,
      suggestion: d.suggestion === undefined ? undefined : c.read(d.suggestion),
    }));
    expect(actual).toEqual(expected);
  });
});
