// The large-file path's NameIndex (src/codemod/name-index.ts) answers "where does this name stand" by
// comparing the text in one bucket: it must give what a Map of every occurrence gives, for every name
// of a real tokenized text, escaped names (`\u0061`) included, and say no for names that are absent.
import { tokenizer } from 'acorn';
import { describe, expect, it } from 'vitest';
import { bucketOf, NameIndex } from '../../src/codemod/name-index.js';

/** Each name token of `text` into both an index and a plain Map, as the scan records them. */
function indexed(text: string): { index: NameIndex; expected: Map<string, number[]> } {
  const index = new NameIndex(text);
  const expected = new Map<string, number[]>();
  for (const token of tokenizer(text, { ecmaVersion: 'latest', sourceType: 'script' })) {
    if (token.type.label !== 'name') continue;
    const name = (token as { value?: unknown }).value as string;
    const packed = token.start * 4 + (token.start % 4);
    index.add(name, token.start, token.end - token.start, packed);
    expected.set(name, [...(expected.get(name) ?? []), packed]);
  }
  return { index, expected };
}

describe('NameIndex', () => {
  it('finds every occurrence of every name, in the text order, past its first growth', () => {
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) lines.push(`var a${i % 97} = b${i % 13}.c + $${i % 5} + _x${i} + ab + ba + a; function f${i % 7}(q) { return q.kill || aa; }`);
    const { index, expected } = indexed(lines.join('\n'));
    expect(expected.size).toBeGreaterThan(3000);
    for (const [name, packed] of expected) expect(index.get(name)).toEqual(packed);
  });

  it('keeps escaped names by their value, and names past latin1', () => {
    const text = 'var \\u0061b = 1; ab = 2; var caf\\u00e9 = café; const ĉu = 3; ĉu++; kill; \\u006bill; ki\\u{6c}l(0);';
    const { index, expected } = indexed(text);
    for (const [name, packed] of expected) expect(index.get(name)).toEqual(packed);
    expect(index.get('ab')).toHaveLength(2);
    expect(index.get('kill')).toHaveLength(3);
    expect(index.get('café')).toHaveLength(2);
  });

  it('tells a name from a longer name it begins that shares its bucket', () => {
    // (Found by search: with ASCII names alone, no name shares a bucket with one it begins.)
    const [short, long] = ['n0', 'n0\u4EF0\u4E32'];
    expect(bucketOf(long)).toBe(bucketOf(short));
    const { index } = indexed(`${short}; ${long}; ${long};`);
    expect(index.get(short)).toHaveLength(1);
    expect(index.get(long)).toHaveLength(2);
  });

  it('answers again after more is added', () => {
    const text = 'ab ab';
    const index = new NameIndex(text);
    index.add('ab', 0, 2, 1);
    expect(index.get('ab')).toEqual([1]);
    index.add('ab', 3, 2, 2);
    expect(index.get('ab')).toEqual([1, 2]);
  });

  it('says no for names that are absent, or only part of a name', () => {
    const { index } = indexed('var abc = abcd + xabc; a.b;');
    for (const absent of ['ab', 'bc', 'abcde', 'x', 'ABC', 'ba', '']) {
      expect(index.has(absent)).toBe(false);
      expect(index.get(absent)).toEqual([]);
    }
    expect(index.has('abc')).toBe(true);
    expect(index.has('a')).toBe(true);
  });
});
