// The engine (and the CLI before it) parses only files that mayHoldProbe keeps, so it must keep every
// file in which the engine's search, run without the pre-filter, finds a probe: each case of the shared fixture corpus, alone and after code that is hard to tokenise
// without a parser (regular expressions with quotes, nested templates, division, JSX).
import { fileURLToPath } from 'node:url';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findProbes } from '../../src/analysis/find-probes.js';
import { mayHoldProbe } from '../../src/codemod/may-hold-probe.js';
import { killTokens, killTokensWithStrings } from '../../src/codemod/kill-tokens.js';
import { parseSource } from '../../src/codemod/parse.js';

const corpus = fileURLToPath(new URL('../fixtures/', import.meta.url));

const cases = readdirSync(corpus, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((entry) => {
    const input = readdirSync(join(corpus, entry.name)).find((file) => file.startsWith('input.'));
    if (input === undefined) return [];
    const expected = JSON.parse(readFileSync(join(corpus, entry.name, 'codemod.json'), 'utf8')) as { sites: unknown[] };
    return [{ name: entry.name, fileName: input, source: readFileSync(join(corpus, entry.name, input), 'utf8'), sites: expected.sites.length }];
  });

/** Code put before a case; every line is valid JavaScript and TypeScript, and none holds a probe. */
const PREAMBLES: Record<string, string> = {
  'regex with quotes and slashes': String.raw`const quote = /["'\x60]/g; const slash = /[/*]/; const closer = /\/\*/;` + '\n',
  'regex after if and at statement start': 'if (quote) /"/.test("x");\n{}\n/\'/.exec("y");\n',
  division: 'const ratio = (1 / 2) / 3; const per = [4][0] / 5; const o = { a: 1 }.a / 2;\n',
  'nested templates': 'const t = `a ${`b ${"c\'"} d`} e ${{ f: 1 }.f}`;\n',
  'strings and comments saying kill': "// kill it\n/* process.kill(pid, 0) */ const s = 'process.kill(pid, 0)';\n",
  'kill with a signal': 'child.kill("SIGTERM"); process.kill(pid, 9);\n',
  'private name and optional chain': 'class K { #kill = 1; get k() { return this.#kill ?? this?.x; } }\n',
  'JSX-like comparison': 'const small = 1 < 2 && 3 > 2;\n',
};

/** The probes the engine finds, the pre-filter bypassed. */
function probesIn(source: string, fileName: string): number {
  const parsed = parseSource(fileName, source.replace(/^\uFEFF/, ''));
  return parsed.source === undefined ? 0 : findProbes(parsed.source).length;
}

describe('the pre-filter keeps every case in which the engine finds a probe', () => {
  const probes = cases.filter((c) => c.sites > 0 || probesIn(c.source, c.fileName) > 0);

  it('the corpus has probe cases', () => {
    expect(probes.length).toBeGreaterThan(40);
  });

  it.each(Object.entries(PREAMBLES))('the preamble "%s" alone is dropped', (_name, preamble) => {
    expect(mayHoldProbe(`${preamble}export const a = 1;\n`)).toBe(false);
  });

  for (const c of probes) {
    it(c.name, () => {
      expect(mayHoldProbe(c.source)).toBe(true);
      for (const [name, preamble] of Object.entries(PREAMBLES)) {
        // After a shebang, which must stay the first line.
        const at = c.source.startsWith('#!') ? c.source.indexOf('\n') + 1 : 0;
        const source = c.source.slice(0, at) + preamble + c.source.slice(at);
        // The preamble must leave the engine's answer alone, or the case proves nothing.
        expect(probesIn(source, c.fileName), name).toBeGreaterThan(0);
        expect(mayHoldProbe(source), name).toBe(true);
      }
    });
  }
});

describe('the pre-filter drops what cannot be a probe', () => {
  it.each([
    ['kill in comments', '// kill the child\n/* process.kill(pid, 0) */\nexport const a = 1;\n'],
    ['kill in strings', "const words = ['kill', 'last']; const help = \"process.kill(pid, 0)\";\n"],
    ['kill in template text', 'const doc = `call process.kill(pid, 0) ${1 + 1} to kill`;\n'],
    ['kill with a signal', "child.kill('SIGTERM'); process.kill(pid, 9);\n"],
    ['kill in a regular expression', 'const re = /kill\\(pid, 0\\)/;\n'],
  ])('%s', (_name, source) => {
    expect(probesIn(source, 'x.ts')).toBe(0);
    expect(mayHoldProbe(source)).toBe(false);
  });

  it.each([
    ['a member named by a string', "process['kill'](pid, 0);\n"],
    ['a member named by a template', 'process[`kill`](pid, 0);\n'],
    ['an import named by a string', "import { 'kill' as k } from 'node:process';\nk(1, 0);\n"],
    ['a destructured kill', 'const { kill } = process;\n'],
  ])('keeps %s', (_name, source) => {
    expect(mayHoldProbe(source)).toBe(true);
  });
});

describe('killTokens and killTokensWithStrings', () => {
  const source = 'function kill() {}\n__name(kill, "kill");\nx["kill"]();\nconst s = "kill me";\n';
  const at = (needle: string, from = 0): number => source.indexOf(needle, from);

  it('a string `kill` that names no member is left out of killTokens, kept by killTokensWithStrings', () => {
    const members = [{ index: at('kill'), string: false }, { index: at('kill,'), string: false }, { index: at('"kill"]'), string: true }];
    expect(killTokens(source)).toEqual(members);
    expect(killTokensWithStrings(source)).toEqual([...members.slice(0, 2), { index: at('"kill")'), string: true }, members[2]]);
  });

  it('a large text asked about again (the memo) gets the same answers, and a changed text its own', () => {
    const large = `${' '.repeat(300 * 1024)}${source}`;
    const first = killTokens(large);
    expect(killTokensWithStrings(large)).toHaveLength(4);
    expect(killTokens(large)).toEqual(first);
    expect(killTokens(`${large}kill;\n`)).toHaveLength(4);
    expect(killTokens(`${' '.repeat(300 * 1024)}x`)).toEqual([]);
  });
});
