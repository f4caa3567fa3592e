// The engine (and the CLI before it) parses only files that mayHoldProbe keeps, so it must keep every
// file in which the engine's search, run without the pre-filter, finds a probe: each case of the shared fixture corpus, alone and after code that is hard to tokenise
// without a parser (regular expressions with quotes, nested templates, division, JSX).
import { fileURLToPath } from 'node:url';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { publicCorpus } from '../support/public-corpus.js';
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
    ['a signal named by a parameter', 'function stop(pid, signal) {\n  process.kill(parseInt(pid, 10), signal);\n}\n'],
    ['a signal named by a destructured const', 'const { signal } = options;\nprocess.kill(pid, signal);\n'],
    ['kill with more arguments after a signal that is not 0', "kill(child, config.signal, () => done());\nkill(child, 'SIGINT', done);\n"],
    ['kill given a function as its signal', 'monitor.run.kill(true, function () {\n  reset();\n});\n'],
    ['something named kill declared or assigned', 'const kill = await start(config);\nexports.kill = function (pid) {};\nfunction kill(child, signal, callback) {}\nasync function kill(a, b, c) {}\n'],
    ['kill quoted in a list of words', 'const words = ["keys", "kill", "last"]; const table = { "kill": 1 };\n'],
    ['a signal named by a let and assigned', 'let signal = null;\nsignal = signal || 15;\nfor (const s of signals) process.kill(pid, signal);\n'],
    ['kill tested before it is called', 'if (child.kill && child.kill()) done();\n'],
    ['kill assigned a function', 'Monitor.prototype.kill = function (force) {};\nthis.kill = async () => {};\n'],
    ['kill as a key whose value is a function', 'rpc.expose({ kill: function (cb) {}, other: 1 });\nconst api = { ping: 1, kill: async (cb) => cb() };\n'],
  ])('%s', (_name, source) => {
    expect(probesIn(source, 'x.ts')).toBe(0);
    expect(mayHoldProbe(source)).toBe(false);
  });

  it.each([
    ['a member named by a string', "process['kill'](pid, 0);\n"],
    ['a member named by a template', 'process[`kill`](pid, 0);\n'],
    ['a member named by a string, then a comment', 'process["kill" /* sic */](pid, 0);\n'],
    ['a member named by a string, then a space', "process[ 'kill' ](pid, 0);\n"],
    ['an import named by a string', "import { 'kill' as k } from 'node:process';\nk(1, 0);\n"],
    ['a destructured kill', 'const { kill } = process;\n'],
    ['a signal named by a const', 'const SIGNAL = 0;\nprocess.kill(pid, SIGNAL);\n'],
    ['a signal named by a typed const', 'const $zero: number = 0;\nprocess.kill(pid, $zero);\n'],
    ['a signal named by a const after a comment', 'const ZERO /* no signal */ = 0;\nprocess.kill(pid, ZERO);\n'],
    ['a signal named by the second const of a list', 'const a = () => { run(); }, ZERO = 0;\nprocess.kill(pid, ZERO);\n'],
    ['a signal named by a const after a line comment', 'const a = 1,\n  // none\n  ZERO = 0;\nprocess.kill(pid, ZERO);\n'],
    ['a signal named by a const on the first line', 'const Z = 0;\nprocess.kill(pid, Z);\n'],
    ['a signal whose const is spelt with an escape', 'const \\u005aERO = 0;\nprocess.kill(pid, ZERO);\n'],
    ['a probe whose pid is an array holding a member', 'process.kill([pid, a.b, c], 0);\n'],
    ['a probe whose pid is an object holding a member', 'process.kill({ a: pid, b: c.d }, 0);\n'],
    ['a probe with a third argument', 'process.kill(pid, 0, extra);\n'],
    ['a probe after a comment that ends in function', '// the function\nkill(pid, 0);\n'],
    ['a probe declared across lines', 'function\nkill(pid, ZERO) {}\nconst ZERO = 0;\nprocess.kill(pid, ZERO);\n'],
    ['a signal named by a const, then more arguments', 'const SIG = 0;\nprocess.kill(pid, SIG, extra);\n'],
    ['kill as the branch of a conditional', 'const k = c ? process.kill : (pid) => 0;\nk(1, 0);\n'],
    ['kill as the branch of a conditional, destructured', 'const { kill } = process;\nconst k = c ? kill : function () {};\nk(1, 0);\n'],
  ])('keeps %s', (_name, source) => {
    expect(mayHoldProbe(source)).toBe(true);
  });
});

describe('the pre-filter on published code', () => {
  const { dir: publicDir, reason } = publicCorpus();
  it.skipIf(reason !== '')(`drops no file of the public corpus (bench/support/real-corpus.ts) in which the engine finds a probe${reason === '' ? '' : `: skipped, ${reason}`}`, () => {
    let sayKill = 0;
    let dropped = 0;
    let probes = 0;
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory() && entry.name !== '.git') walk(path);
        else if (entry.isFile() && /\.(?:[cm]?[jt]s|[jt]sx)$/.test(entry.name) && !/\.d\.[cm]?ts$/.test(entry.name) && statSync(path).size < 4 * 1024 * 1024) {
          const source = readFileSync(path, 'utf8');
          if (!/(?<![\w$])kill(?![\w$])/.test(source)) continue;
          sayKill++;
          const found = probesIn(source, path);
          probes += found;
          if (mayHoldProbe(source)) continue;
          dropped++;
          expect(found, path).toBe(0);
        }
      }
    };
    walk(publicDir as string);
    // Not an empty comparison: files that say kill, most dropped, and probes among those kept.
    expect(sayKill).toBeGreaterThan(50);
    expect(dropped).toBeGreaterThan(sayKill / 2);
    expect(probes).toBeGreaterThan(5);
  }, 600_000);
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
