// ESLint times every rule's create() on every file. In a file that never says `kill` (most files),
// each rule must return no listener having read nothing but the text: not the options, not the scope
// analysis, not the file name (each read of a per-file context is paid on every file linted).
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/eslint-plugin/index.js';

/** A context that throws on any read but `sourceCode.text` (and the rule's id, which names errors). */
function textOnlyContext(text: string): unknown {
  const sourceCode = new Proxy({ text }, {
    get(target, key) {
      if (key === 'text') return target.text;
      throw new Error(`create() read sourceCode.${String(key)}`);
    },
  });
  return new Proxy({ sourceCode, id: 'x' }, {
    get(target, key) {
      if (key === 'sourceCode' || key === 'id') return target[key];
      throw new Error(`create() read context.${String(key)}`);
    },
  });
}

describe('a file that never says kill', () => {
  const texts = ['const skill = 1;\n', 'child.killed && killSignal();\n', ''];
  for (const [name, rule] of Object.entries(plugin.rules)) {
    it.each(texts)(`${name}: no listener, only the text read (%j)`, (text) => {
      const listeners = rule.create(textOnlyContext(text) as never);
      expect(Object.keys(listeners)).toEqual([]);
    });
  }

  it('the rules still see a file that says kill as a word (real ESLint run)', () => {
    const linter = new Linter();
    const messages = linter.verify('try { process.kill(pid, 0); } catch {}\n', [...plugin.configs.recommended.slice(0, 1), { languageOptions: { globals: { pid: 'readonly' } } }], 'probe.js');
    expect(messages.map((m) => m.ruleId)).toContain('hermes-pid/no-raw-liveness-probe');
  });
});
