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

  // The exit asks only for `kill` as a word, anywhere: every way a probe reaches Node's kill spells it
  // so, and an exit that asked for more (`.kill(`, `process.kill`, a member after a dot) would drop these.
  it.each([
    ['an alias', 'const k = process.kill;\ntry { k(pid, 0); } catch {}\n'],
    ['an alias through bind', 'const k = process.kill.bind(process);\ntry { k(pid, 0); } catch {}\n'],
    ['a computed member', "try { process['kill'](pid, 0); } catch {}\n"],
    ['a template member', 'try { process[`kill`](pid, 0); } catch {}\n'],
    ['destructuring', 'const { kill } = process;\ntry { kill(pid, 0); } catch {}\n'],
    ['renamed destructuring', 'const { kill: k } = process;\ntry { k(pid, 0); } catch {}\n'],
    ['globalThis.process', 'try { globalThis.process.kill(pid, 0); } catch {}\n'],
    ['a comment between the dot and the name', 'try { process. /* why */ kill(pid, 0); } catch {}\n'],
    ["require('node:process')", "try { require('node:process').kill(pid, 0); } catch {}\n"],
  ])('the rules still see a probe reached through %s (real ESLint run)', (_, text) => {
    const linter = new Linter();
    const config = [...plugin.configs.recommended.slice(0, 1), { languageOptions: { sourceType: 'commonjs' as const, globals: { pid: 'readonly' as const } } }];
    const messages = linter.verify(text, config, 'probe.js');
    expect(messages.map((m) => m.ruleId)).toEqual(['hermes-pid/no-raw-liveness-probe']);
  });

  it('the rules still see a file that says kill as a word (real ESLint run)', () => {
    const linter = new Linter();
    const messages = linter.verify('try { process.kill(pid, 0); } catch {}\n', [...plugin.configs.recommended.slice(0, 1), { languageOptions: { globals: { pid: 'readonly' } } }], 'probe.js');
    expect(messages.map((m) => m.ruleId)).toContain('hermes-pid/no-raw-liveness-probe');
  });
});
