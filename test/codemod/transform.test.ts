import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { applyEdits, transformSource } from '../../src/codemod/index.js';
import type { TextEdit } from '../../src/analysis/types.js';
import { mayHoldProbe } from '../../src/codemod/may-hold-probe.js';
import { repoRoot } from '../support/scratch-project.js';

const run = (source: string, fileName = 'input.ts', strict = false) => transformSource(source, { fileName, strict });

describe('transformSource', () => {
  it('rewrites a bare-catch boolean helper with the flag false and adds the import', () => {
    const result = run(`export function isRunning(pid: number): boolean {\n  try {\n    process.kill(pid, 0);\n    return true;\n  } catch {\n    return false;\n  }\n}\n`);
    expect(result.output).toBe(
      `import { pidIsAlive } from 'hermes-pid';\n\nexport function isRunning(pid: number): boolean {\n  return pidIsAlive(pid, { treatPermissionDeniedAsAlive: false });\n}\n`,
    );
    expect(result.sites).toMatchObject([{ line: 3, column: 5, shape: 'bare-catch-boolean', flag: false, eperm: 'dead', action: 'rewrite', behaviourChange: false }]);
  });

  it('leaves files without the text kill alone without parsing them', () => {
    const source = 'const a = (;\n';
    expect(run(source)).toEqual({ sites: [], importEdit: undefined, output: source, changed: false, parseErrors: [] });
  });

  it('skips behaviour-changing rewrites under strict', () => {
    const source = `function f(pid) {\n  try {\n    process.kill(pid, 0);\n    return true;\n  } catch (e) {\n    if (e.code === 'ESRCH') return false;\n    throw e;\n  }\n}\n`;
    expect(run(source, 'a.js').sites[0]).toMatchObject({ shape: 'esrch-rethrow', flag: true, action: 'rewrite', behaviourChange: true });
    const strict = run(source, 'a.js', true);
    expect(strict.output).toBe(source);
    expect(strict.sites[0]).toMatchObject({ action: 'skip', behaviourChange: true, reason: expect.stringContaining('--strict') });
  });
});

describe('disable directives above the removed kill', () => {
  const input = "export function isUp(pid) {\n  try {\n    // eslint-disable-next-line n/no-process-kill\n    process.kill(pid, 0);\n    return true;\n  } catch {\n    return false;\n  }\n}\n\nexport function isRunning(pid) {\n  try {\n    // eslint-disable-next-line n/no-process-kill, no-restricted-syntax -- legacy probe\n    process.kill(pid, 0);\n    return true;\n  } catch {\n    return false;\n  }\n}\n\nexport function check(pid) {\n  try {\n    process.kill(pid, 0); /* eslint-disable-line n/no-process-kill */\n  } catch {\n    console.log('gone');\n  }\n}\n";

  it('go with the kill when every rule they name was about it, are trimmed when they name others, else stay', () => {
    const result = run(input, 'input.js');
    expect(result.output).toBe("import { pidIsAlive } from 'hermes-pid';\n\nexport function isUp(pid) {\n  return pidIsAlive(pid, { treatPermissionDeniedAsAlive: false });\n}\n\nexport function isRunning(pid) {\n  // eslint-disable-next-line no-restricted-syntax -- legacy probe\n  return pidIsAlive(pid, { treatPermissionDeniedAsAlive: false });\n}\n\nexport function check(pid) {\n  if (!pidIsAlive(pid, { treatPermissionDeniedAsAlive: false })) {\n    console.log('gone');\n  }\n}\n");
  });

  it('leave nothing that --report-unused-disable-directives flags (ESLint 10, configs.recommended)', async () => {
    const { Linter } = await import('eslint');
    const { default: plugin } = await import('../../src/eslint-plugin/index.js');
    // Our own rule stands in for n/no-process-kill (not installed here): a directive only for the probe.
    const source = "export function isUp(pid) {\n  try {\n    // eslint-disable-next-line hermes-pid/no-raw-liveness-probe -- checked by hand\n    process.kill(pid, 0);\n    return true;\n  } catch {\n    return false;\n  }\n}\n";
    const output = run(source, 'input.js').output;
    expect(output).not.toContain('eslint-disable');
    const config = [...plugin.configs.recommended, { files: ['**/*.js'], languageOptions: { sourceType: 'module' as const, globals: { process: 'readonly' as const } }, linterOptions: { reportUnusedDisableDirectives: 'error' as const } }];
    const linter = new Linter();
    expect(linter.verify(source, config, 'input.js')).toEqual([]);
    expect(linter.verify(output, config, 'input.js')).toEqual([]);
  });
});

describe('mayHoldProbe, the text test before parsing', () => {
  it.each([
    'process.kill(pid, 0)',
    'process.kill(\n  pid,\n  0 as any,\n)',
    'const NO_SIGNAL = 0;\nkill(pid, NO_SIGNAL)',
    "process['kill'](pid, 0)",
    'const { kill } = process',
    'import { kill as k } from "node:process"',
    '(fn ?? process.kill)(pid, 0)',
    'child.kill(0)',
    'process.kill(Number(read(f)), sig || 0)',
  ])('keeps %j', (text) => {
    expect(mayHoldProbe(text)).toBe(true);
  });

  it.each([
    'child.kill()',
    "child.kill('SIGTERM')",
    'this._process?.kill(signal)',
    "process.kill(pid, 'SIGKILL')",
    'process.kill(pid, 9)',
    'process.kill(Number(x), os.constants.signals.SIGINT)',
    "typeof process.kill === 'function'",
    '// we kill the worker here',
    'child.killed && killSignal',
    // A signal named by no const of the file is never 0 to the engine (is-signal-zero.ts).
    'kill(pid, NO_SIGNAL)',
  ])('rules out %j', (text) => {
    expect(mayHoldProbe(text)).toBe(false);
  });
});

describe('the hermes-pid/codemod export', () => {
  const source = 'function up(pid) { try { process.kill(pid, 0); return true } catch { return false } }';
  const script = (load: string): string =>
    `${load}\nconst r = transformSource(${JSON.stringify(source)}, { fileName: 'a.cjs' });\nconsole.log(JSON.stringify([r.changed, r.sites[0].shape]));`;

  it.each([
    ['require', ['-e', script("const { transformSource } = require('hermes-pid/codemod');")]],
    ['import', ['--input-type=module', '-e', script("import { transformSource } from 'hermes-pid/codemod';")]],
  ])('works through %s from the built package', (_how, args) => {
    const out = execFileSync(process.execPath, args, { cwd: repoRoot, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual([true, 'bare-catch-boolean']);
  });
});

describe('applyEdits', () => {
  // The order every caller relied on: last to first, one edit at a time.
  const oneByOne = (text: string, edits: readonly TextEdit[]): string => {
    let output = text;
    for (const edit of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) output = output.slice(0, edit.start) + edit.text + output.slice(edit.end);
    return output;
  };
  it.each([
    ['apart', [{ start: 8, end: 9, text: 'X' }, { start: 1, end: 3, text: 'ab' }]],
    ['two insertions at one place, in the order given', [{ start: 4, end: 4, text: 'A' }, { start: 4, end: 4, text: 'B' }]],
    ['an insertion where a replacement starts', [{ start: 2, end: 5, text: 'R' }, { start: 2, end: 2, text: 'I' }, { start: 5, end: 5, text: 'J' }]],
    ['overlapping (applied one by one)', [{ start: 1, end: 6, text: 'long' }, { start: 3, end: 4, text: 'mid' }]],
    ['none', []],
  ] as [string, TextEdit[]][])('%s', (_name, edits) => {
    const text = 'abcdefghij';
    expect(applyEdits(text, edits)).toBe(oneByOne(text, edits));
  });
});
