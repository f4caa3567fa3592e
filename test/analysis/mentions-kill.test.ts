// The text pre-check every rule runs first on every file: it must say exactly what /\bkill\b/ says,
// or a file with a probe would get no listener (a lost finding).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mentionsKill, nextKillWord } from '../../src/analysis/mentions-kill.js';
import { FIXTURES } from '../rules/support/corpus.js';

const KILL_WORD = /\bkill\b/g;

describe('nextKillWord', () => {
  it.each([
    ['kill', [0]],
    ['process.kill(pid, 0)', [8]],
    ['skill killed killSignal kill_ $kill kill$', [31, 36]],
    ['x.kill;kill\nkill', [2, 7, 12]],
    ['killkill', []],
    ['', []],
    ['kil', []],
    ['é kill ékill killé', [2, 8, 13]],
  ])('%j: at %j, as /\\bkill\\b/', (text, at) => {
    const found: number[] = [];
    for (let i = nextKillWord(text); i !== -1; i = nextKillWord(text, i + 4)) found.push(i);
    expect(found).toEqual(at);
    expect(found).toEqual([...text.matchAll(KILL_WORD)].map((m) => m.index));
    expect(mentionsKill({ text })).toBe(at.length > 0);
  });

  it('agrees with /\\bkill\\b/ on every fixture input', () => {
    for (const name of readdirSync(FIXTURES, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name)) {
      const file = readdirSync(join(FIXTURES, name)).find((f) => f.startsWith('input.'));
      if (file === undefined) continue;
      const text = readFileSync(join(FIXTURES, name, file), 'utf8');
      const found: number[] = [];
      for (let i = nextKillWord(text); i !== -1; i = nextKillWord(text, i + 4)) found.push(i);
      expect(found, name).toEqual([...text.matchAll(KILL_WORD)].map((m) => m.index));
    }
  });
});
