// The analysis, and the rewrite planned from it, are independent of the parser that built the tree:
// for every case of the fixture corpus, the sites (shape, flag, action, edits) and the import edit
// are the same whether the tree comes from ESLint (espree for JavaScript, @typescript-eslint/parser
// for TypeScript) or from the codemod's own parse (espree for JavaScript, typescript-estree for
// TypeScript and as the fallback for JavaScript espree refuses).
import tsParser from '@typescript-eslint/parser';
import { Linter, type Rule } from 'eslint';
import { describe, expect, it } from 'vitest';
import type { AnalysisSource } from '../../src/analysis/source.js';
import { parseSource, type ParserName } from '../../src/codemod/parse.js';
import { planFile, type FilePlan } from '../../src/rewrite/plan-file.js';
import { loadCorpus } from '../rules/support/corpus.js';

const OPTIONS = { importSource: 'hermes-pid' } as const;
/** A case's own sourceType (eslint.json), by its code: cases with a sloppy-mode script say `commonjs`. */
const sourceTypes = new Map<string, 'module' | 'commonjs' | 'script'>();

function comparable(analysis: FilePlan): unknown {
  return { sites: analysis.sites.map(({ call: _call, ...site }) => site), importEdit: analysis.importEdit };
}

/** The analysis of `code` on the tree ESLint hands a rule. */
function throughEslint(code: string, fileName: string, parser: 'espree' | 'typescript'): unknown {
  let result: unknown;
  const capture: Rule.RuleModule = {
    create: (context) => ({
      'Program:exit'() {
        result = comparable(planFile(context.sourceCode as unknown as AnalysisSource, { ...OPTIONS, fileName }));
      },
    }),
  };
  const linter = new Linter();
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.*'],
        plugins: { test: { rules: { capture } } },
        languageOptions: {
          ...(parser === 'typescript' ? { parser: tsParser } : {}),
          sourceType: sourceTypes.get(fileName) ?? (/\.c[jt]s$/.test(fileName) ? 'commonjs' : 'module'),
          parserOptions: { ecmaFeatures: { jsx: /\.[jt]sx$/.test(fileName) } },
        },
        rules: { 'test/capture': 'error' },
      },
    ],
    fileName,
  );
  expect(messages.filter((m) => m.fatal === true)).toEqual([]);
  return result;
}

function throughCodemod(code: string, fileName: string, parser?: ParserName): unknown {
  const parsed = parseSource(fileName, code.replace(/^\uFEFF/, ''), undefined, parser);
  if (parsed.source === undefined) throw new Error(parsed.error);
  return comparable(planFile(parsed.source, { ...OPTIONS, fileName }));
}

describe.each(loadCorpus())('fixture $name', ({ code, fileName, eslint }) => {
  const javascript = /\.[cm]?jsx?$/.test(fileName) && !/\.jsx$/.test(fileName);
  // Sloppy-mode scripts (`0755`) are linted with espree: typescript-eslint's parser is strict everywhere.
  it.runIf(eslint.parser !== 'espree')('gets the same analysis from the codemod parse and from @typescript-eslint/parser', () => {
    expect(throughEslint(code, fileName, 'typescript')).toEqual(throughCodemod(code, fileName));
  });
  it.runIf(javascript)('gets the same analysis from ESLint\'s default parser (espree)', () => {
    if (eslint.sourceType === undefined) sourceTypes.delete(fileName);
    else sourceTypes.set(fileName, eslint.sourceType);
    expect(throughEslint(code, fileName, 'espree')).toEqual(throughCodemod(code, fileName));
  });
  it.runIf(/\.[cm]?jsx?$/.test(fileName) && eslint.parser !== 'espree')('gets the same analysis from both of the codemod\'s parsers (typescript-estree is its fallback for JavaScript)', () => {
    const espree = throughCodemod(code, fileName, 'espree');
    expect(throughCodemod(code, fileName, 'typescript')).toEqual(espree);
  });
});

describe('the analysis', () => {
  it('finds sites in the corpus at all (the comparison above is not between two empty lists)', () => {
    const withSites = loadCorpus().filter(({ code, fileName }) => (throughCodemod(code, fileName) as { sites: unknown[] }).sites.length > 0);
    expect(withSites.length).toBeGreaterThan(30);
  });
});
