// ESTree producers spell an absent optional child differently: espree and typescript-estree give
// `null` for most and `undefined` (or no key) for type annotations; oxc (oxlint's JS plugins) gives
// `null` for all of them, and `null` for the Program's parent. For every case of the fixture corpus,
// the rules' reports and the codemod's analysis must not change when every absent child is `null`,
// `undefined`, or left out.
import tsParser from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/types';
import { Linter } from 'eslint';
import * as espree from 'espree';
import { describe, expect, it } from 'vitest';
import { planFile } from '../../src/rewrite/plan-file.js';
import { parseSource } from '../../src/codemod/parse.js';
import plugin from '../../src/eslint-plugin/index.js';
import { languageOptionsFor, loadCorpus, qualifiedRule } from '../rules/support/corpus.js';

type Absent = 'null' | 'undefined' | 'left out';

/** Every node type's child keys, TypeScript's included (a superset of espree's). */
const VISITOR_KEYS = tsParser.parseForESLint('', { range: true }).visitorKeys as Record<string, readonly string[] | undefined>;
/** Optional single children espree leaves out of a JavaScript tree and oxc sets to `null` (TypeScript's slots). */
const TYPE_SLOTS = new Set(['typeAnnotation', 'returnType', 'typeParameters', 'typeArguments', 'superTypeArguments']);

/** Rewrites, in place, every absent child slot of every node in `ast` (and the Program's parent) as `absent`. */
function respell(ast: TSESTree.Program, absent: Absent): void {
  const set = (node: Record<string, unknown>, key: string): void => {
    if (absent === 'left out') Reflect.deleteProperty(node, key);
    else node[key] = absent === 'null' ? null : undefined;
  };
  const stack: Record<string, unknown>[] = [ast as unknown as Record<string, unknown>];
  set(stack[0] as Record<string, unknown>, 'parent');
  while (stack.length > 0) {
    const node = stack.pop() as Record<string, unknown>;
    for (const key of VISITOR_KEYS[node.type as string] ?? []) {
      const value = node[key];
      if (value === null || value === undefined) {
        // A TypeScript slot espree never writes is added only where oxc would have it: as `null`.
        if (key in node || (absent === 'null' && TYPE_SLOTS.has(key))) set(node, key);
      } else if (Array.isArray(value)) {
        for (const item of value) if (item !== null && typeof item === 'object') stack.push(item as Record<string, unknown>);
      } else if (typeof value === 'object') {
        stack.push(value as Record<string, unknown>);
      }
    }
  }
}

/** A parser for ESLint that hands the rules `base`'s tree, respelled. */
function respelling(base: { parseForESLint?: (code: string, options: unknown) => { ast: unknown }; parse: (code: string, options: unknown) => unknown }, absent: Absent | undefined): Linter.Parser {
  return {
    parseForESLint(code: string, options: unknown) {
      const result = base.parseForESLint === undefined ? { ast: base.parse(code, { ...(options as object), range: true, loc: true, comment: true, tokens: true }) } : base.parseForESLint(code, options);
      if (absent !== undefined) respell(result.ast as TSESTree.Program, absent);
      return result;
    },
  } as unknown as Linter.Parser;
}

const corpus = loadCorpus();
const SPELLINGS: Absent[] = ['null', 'undefined', 'left out'];

function lint(c: (typeof corpus)[number], absent: Absent | undefined): unknown[] {
  const options = languageOptionsFor(c.fileName, c.eslint);
  const base = c.eslint.parser === 'espree' ? espree : tsParser;
  const messages = new Linter({ configType: 'flat' }).verify(
    c.code,
    [...plugin.configs.recommended, { files: ['**/*.*'], languageOptions: { ...options, parser: respelling(base as never, absent) }, rules: c.eslint.rules ?? {} }],
    c.filePath,
  );
  return messages.map((m) => ({ rule: m.ruleId ?? `fatal: ${m.message}`, messageId: m.messageId, line: m.line, column: m.column, suggestions: m.suggestions?.map((s) => s.fix) }));
}

function analyse(c: (typeof corpus)[number], absent: Absent | undefined): unknown {
  const parsed = parseSource(c.fileName, c.code.replace(/^\uFEFF/, ''));
  if (parsed.source === undefined) throw new Error(parsed.error);
  if (absent !== undefined) respell(parsed.source.ast, absent);
  const analysis = planFile(parsed.source, { importSource: 'hermes-pid', fileName: c.fileName });
  return { sites: analysis.sites.map(({ call: _call, ...site }) => site), importEdit: analysis.importEdit };
}

describe.each(corpus)('fixture $name', (c) => {
  it('gets the same reports and suggestions from the rules whether absent children are null, undefined or left out', () => {
    const asParsed = lint(c, undefined);
    expect(asParsed.map((m) => { const { rule, line, column } = m as { rule: string; line: number; column: number }; return { rule, line, column }; })).toEqual(
      c.diagnostics.map((d) => ({ rule: qualifiedRule(d.rule), line: d.line, column: d.column })),
    );
    for (const absent of SPELLINGS) expect(lint(c, absent), absent).toEqual(asParsed);
  });

  it('gets the same codemod analysis whether absent children are null, undefined or left out', () => {
    const asParsed = analyse(c, undefined);
    for (const absent of SPELLINGS) expect(analyse(c, absent), absent).toEqual(asParsed);
  });
});

describe('respelling', () => {
  it('changes the trees: oxc\'s spelling crashed the analysis before it was null-safe', () => {
    const parsed = parseSource('a.ts', 'declare const proc: unknown;\nlet x;\nif (x) x.kill(0);\n');
    if (parsed.source === undefined) throw new Error(parsed.error);
    respell(parsed.source.ast, 'null');
    const [, declaration, statement] = parsed.source.ast.body as [unknown, TSESTree.VariableDeclaration, TSESTree.IfStatement];
    expect(declaration.declarations[0]?.id).toHaveProperty('typeAnnotation', null);
    expect(statement).toHaveProperty('alternate', null);
    expect(parsed.source.ast.parent).toBeNull();
    respell(parsed.source.ast, 'left out');
    expect(Object.keys(statement)).not.toContain('alternate');
  });
});
