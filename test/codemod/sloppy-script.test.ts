// Parse like Node: a CommonJS script may use sloppy-mode-only syntax (octal literals and escapes,
// `with`, duplicate parameters, reserved words as names) outside strict code. Each case is checked
// against `node --check` itself, before and after the rewrite.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { transformSource } from '../../src/codemod/index.js';

const PROBE = '\nfunction alive(pid) {\n  try {\n    process.kill(pid, 0);\n    return true;\n  } catch {\n    return false;\n  }\n}\nmodule.exports = { alive };\n';

const scratch = mkdtempSync(join(tmpdir(), 'hermes sloppy-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const checked = new Map<string, boolean>();

/** Whether `node --check` accepts `text` as a CommonJS file (`.cjs` and `.js` without package.json "type" alike). */
function nodeAccepts(text: string): boolean {
  let accepted = checked.get(text);
  if (accepted === undefined) {
    const file = join(scratch, `${checked.size}.cjs`);
    writeFileSync(file, text);
    accepted = spawnSync(process.execPath, ['--check', file], { stdio: 'ignore' }).status === 0;
    checked.set(text, accepted);
  }
  return accepted;
}

const SLOPPY: Record<string, string> = {
  'an octal literal': 'var mode = 0755;\n',
  'an octal escape': "var reset = '\\033[0m';\n",
  'a \\8 escape': "var s = '\\8';\n",
  'a decimal with a leading zero': 'var n = 08;\n',
  'a with statement': 'with (Math) { x = PI; }\n',
  'duplicate parameters': 'function f(a, a) { return a; }\n',
  'reserved words as names': 'var let = 1, static = 2, implements = 3, package = 4, yield = 5, interface = 6;\n',
  'an octal escape in a sloppy function': "function g() { return '\\033'; }\n",
};

const STRICT: Record<string, string> = {
  "an octal literal under 'use strict'": "'use strict';\nvar mode = 0755;\n",
  'an octal literal in a class': 'class A { m() { return 0755; } }\n',
  "an octal escape in a 'use strict' function": "function g() { 'use strict'; return '\\033'; }\n",
  'an octal escape in a template literal': 'var t = `\\033`;\n',
  'a missing name': 'var = ;\n',
};

describe.each(['.cjs', '.js'])('a CommonJS script (%s)', (ext) => {
  it.each(Object.entries(SLOPPY))('with %s is no syntax error and its probe is rewritten', (_name, prelude) => {
    const source = prelude + PROBE;
    expect(nodeAccepts(source)).toBe(true);
    const result = transformSource(source, { fileName: `in${ext}`, moduleType: 'commonjs' });
    expect(result.parseErrors).toEqual([]);
    expect(result.sites.map((s) => s.action)).toEqual(['rewrite']);
    expect(nodeAccepts(result.output)).toBe(true);
  });

  it.each(Object.entries(STRICT))('with %s is still a syntax error, as Node says, and is left alone', (_name, prelude) => {
    const source = prelude + PROBE;
    expect(nodeAccepts(source)).toBe(false);
    const result = transformSource(source, { fileName: `in${ext}`, moduleType: 'commonjs' });
    expect(result.parseErrors).toHaveLength(1);
    expect(result.output).toBe(source);
    // The ESTree parse stops at the first syntax error: the file is reported (parseErrors) and left alone, without a site list.
    expect(result.sites).toEqual([]);
  });
});

describe('strict files', () => {
  it.each([
    ['an ES module by extension', 'in.mjs', undefined],
    ['an ES module by its package.json "type"', 'in.js', 'module'],
    ['TypeScript, which tsc compiles as strict code', 'in.cts', 'commonjs'],
  ] as const)('keep strict-mode-only syntax a syntax error in %s', (_name, fileName, moduleType) => {
    const source = `var mode = 0755;\n${PROBE}`;
    const result = transformSource(source, { fileName, ...(moduleType === undefined ? {} : { moduleType }) });
    expect(result.parseErrors).toEqual([expect.stringMatching(/^1:12 Octal literals are not allowed/)]);
    expect(result.changed).toBe(false);
  });
});
