// forEachNode with the parser's visitor keys (what the rules hand fileFacts: ESLint's
// `sourceCode.visitorKeys`) must visit exactly the nodes the walk by every property visits, on every
// fixture file as ESLint parses it (typescript-eslint's parser, espree, and the plugin's own parser for
// .js), and a node type the keys do not know must still be walked. fileFacts, which reads the keys,
// must answer the same with and without them.
import tsParser from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/types';
import { Linter, type Rule } from 'eslint';
import * as espree from 'espree';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fileFacts } from '../../src/analysis/file-facts.js';
import type { AnalysisSource } from '../../src/analysis/source.js';
import { forEachNode, type VisitorKeys } from '../../src/analysis/walk.js';
import plugin from '../../src/eslint-plugin/index.js';
import { loadCorpus } from '../rules/support/corpus.js';

/** A pattern that matches every fixture file (`**\/*` alone does not make ESLint lint a file). */
const SOURCES = '**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}';

function visited(root: TSESTree.Node, keys?: VisitorKeys): TSESTree.Node[] {
  const nodes: TSESTree.Node[] = [];
  forEachNode(root, (node) => nodes.push(node), keys);
  return nodes;
}

/** The same nodes, each once, whichever order. */
function expectSameNodes(label: string, withKeys: readonly TSESTree.Node[], without: readonly TSESTree.Node[]): void {
  const expected = new Set(without);
  expect({ label, count: withKeys.length }).toEqual({ label, count: without.length });
  expect({ label, distinct: new Set(withKeys).size }).toEqual({ label, distinct: expected.size });
  const missing = withKeys.filter((node) => !expected.has(node)).map((node) => `${node.type}@${String(node.range[0])}`);
  expect({ label, missing }).toEqual({ label, missing: [] });
}

const facts = (source: AnalysisSource): unknown => {
  const { names, childMembers, ...counts } = fileFacts(source);
  return { names: [...names].sort(), childMembers: [...childMembers].sort(), ...counts };
};

/** Lints `text` with a rule that compares the two walks on ESLint's own SourceCode. */
function compareUnderEslint(fileName: string, text: string, languageOptions: Linter.Config['languageOptions']): number {
  let checked = 0;
  const rule: Rule.RuleModule = {
    create(context) {
      const { sourceCode } = context;
      const ast = sourceCode.ast as unknown as TSESTree.Program;
      const keys = sourceCode.visitorKeys as VisitorKeys;
      expectSameNodes(fileName, visited(ast, keys), visited(ast));
      // fileFacts caches per tree: each answer from a copy of the source object on a tree of its own.
      const reparsed = (sourceCodeAst: TSESTree.Program, withKeys: boolean): AnalysisSource =>
        ({ text: sourceCode.text, ast: sourceCodeAst, scopeManager: null, getScope: () => { throw new Error('unused'); }, getDeclaredVariables: () => [], ...(withKeys ? { visitorKeys: keys } : {}) }) as AnalysisSource;
      const copy = structuredCloneTree(ast);
      expect(facts(reparsed(ast, true))).toEqual(facts(reparsed(copy, false)));
      checked++;
      return {};
    },
  };
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(text, [
    { linterOptions: { reportUnusedDisableDirectives: 'off' } },
    ...plugin.configs.recommended.slice(1),
    { files: [SOURCES], plugins: { walk: { rules: { compare: rule } } }, rules: { 'walk/compare': 'error' } },
    ...(languageOptions === undefined ? [] : [{ files: [SOURCES], languageOptions }]),
  ], { filename: fileName });
  // A parsing error (espree reading an old script as a module) leaves that variant out; anything else fails.
  const failures = messages.filter((message) => message.ruleId === null && message.fatal !== true);
  expect(failures).toEqual([]);
  return checked;
}

/** A deep copy of a tree with parents re-linked (a second tree for fileFacts' per-tree cache). */
function structuredCloneTree(root: TSESTree.Program): TSESTree.Program {
  const copy = (value: unknown, parent: unknown): unknown => {
    if (Array.isArray(value)) return value.map((item) => copy(item, parent));
    if (typeof value !== 'object' || value === null) return value;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (key === 'parent') continue;
      out[key] = key === 'loc' || key === 'range' || key === 'tokens' || key === 'comments' ? item : copy(item, out);
    }
    if (parent !== undefined) out.parent = parent;
    return out;
  };
  return copy(root, undefined) as TSESTree.Program;
}

describe('forEachNode with visitor keys', () => {
  const corpus = loadCorpus();

  it('visits what the walk by every property visits, on every fixture file as ESLint parses it', () => {
    let trees = 0;
    for (const fixture of corpus) {
      for (const file of readdirSync(fixture.dir).filter((name) => /\.[cm]?[jt]sx?$/.test(name))) {
        const text = fixture.read(file);
        const typescript = /\.[cm]?tsx?$/.test(file);
        const jsx = /x$/.test(file);
        // TypeScript files with typescript-eslint's parser; JavaScript with the plugin's own parser
        // (the recommended config's) and again with espree, ESLint's default.
        const variants: Linter.Config['languageOptions'][] = typescript
          ? [{ parser: tsParser, parserOptions: { ecmaFeatures: { jsx } } }]
          : [undefined, { parser: espree, parserOptions: { ecmaFeatures: { jsx: true } } }];
        for (const languageOptions of variants) trees += compareUnderEslint(`${fixture.dir}/${file}`, text, languageOptions);
      }
    }
    expect(trees).toBeGreaterThan(corpus.length);
  });

  it('walks a node type the keys do not know by its properties', () => {
    const ast = espree.parse('const a = [b, { c: d }];', { ecmaVersion: 'latest', range: true }) as unknown as TSESTree.Program;
    // Keys that know the Program alone: everything below it is found by its properties.
    const onlyProgram: VisitorKeys = { Program: ['body'] };
    expectSameNodes('partial keys', visited(ast, onlyProgram), visited(ast));
    expect(visited(ast, onlyProgram).map((node) => node.type)).toContain('ObjectExpression');
  });
});
