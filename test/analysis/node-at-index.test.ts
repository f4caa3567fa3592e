// nodeAtIndex finds where the text says `kill` in the tree (findKillMethodCalls). It binary-searches
// lists; it must answer exactly what a look at every child of every level answers (ESLint's
// getNodeByRangeIndex), at every index of every fixture file, on the trees of both of the codemod's
// parsers (espree; typescript-estree, the tree @typescript-eslint/parser gives ESLint), and on
// oversized lists, holes and sparse arrays included.
import type { TSESTree } from '@typescript-eslint/types';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../src/codemod/parse.js';
import { nodeAtIndex } from '../../src/analysis/walk.js';
import { loadCorpus } from '../rules/support/corpus.js';

const SKIPPED = new Set(['parent', 'loc', 'range', 'tokens', 'comments']);
const isNode = (value: unknown): value is TSESTree.Node =>
  typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string' && Array.isArray((value as { range?: unknown }).range);

/** The reference: at each level, every child in key order, the first that holds `index`. */
function slowNodeAtIndex(root: TSESTree.Node, index: number): TSESTree.Node | undefined {
  if (index < root.range[0] || index >= root.range[1]) return undefined;
  let current = root;
  for (;;) {
    const children: TSESTree.Node[] = [];
    for (const [key, value] of Object.entries(current)) {
      if (SKIPPED.has(key)) continue;
      if (Array.isArray(value)) children.push(...value.filter(isNode));
      else if (isNode(value)) children.push(value);
    }
    const inner = children.find((child) => child.range[0] <= index && index < child.range[1]);
    if (inner === undefined) return current;
    current = inner;
  }
}

function expectSameEverywhere(label: string, ast: TSESTree.Program, length: number): void {
  for (let index = -1; index <= length; index++) {
    const fast = nodeAtIndex(ast, index);
    const slow = slowNodeAtIndex(ast, index);
    if (fast !== slow) expect({ label, index, fast: fast?.type, range: fast?.range }).toEqual({ label, index, fast: slow?.type, range: slow?.range });
  }
}

describe('nodeAtIndex', () => {
  const corpus = loadCorpus();

  it('answers as a look at every child, at every index of every fixture file, espree and typescript-estree', () => {
    let trees = 0;
    for (const fixture of corpus) {
      for (const file of readdirSync(fixture.dir).filter((name) => /\.[cm]?[jt]sx?$/.test(name))) {
        const text = fixture.read(file);
        for (const parser of ['espree', 'typescript'] as const) {
          const parsed = parseSource(file, text, undefined, parser);
          if (parsed.source === undefined) continue;
          trees++;
          expectSameEverywhere(`${fixture.name}/${file} (${parser})`, parsed.source.ast, text.length);
        }
      }
    }
    expect(trees).toBeGreaterThan(corpus.length);
  });

  it('long lists, holes and non-node items', () => {
    const text = `${Array.from({ length: 300 }, (_, i) => `const v${i} = [, ${i}, , [${i}, , ${i}]];`).join('\n')}\nconst o = { a: 1, b: [1, , 2], kill() {} };\n`;
    for (const parser of ['espree', 'typescript'] as const) {
      const parsed = parseSource('long.js', text, 'module', parser);
      if (parsed.source === undefined) throw new Error(parsed.error);
      expectSameEverywhere(`long.js (${parser})`, parsed.source.ast, text.length);
    }
  });
});
