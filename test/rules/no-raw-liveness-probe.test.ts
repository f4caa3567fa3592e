import rule from '../../rules/no-raw-liveness-probe.js';
import { createRuleTester } from './support/rule-tester.js';

const ruleTester = createRuleTester();

const booleanHelper = (probe: string): string => `function isRunning(pid) {
  try {
    ${probe};
    return true;
  } catch {
    return false;
  }
}`;

ruleTester.run('no-raw-liveness-probe', rule, {
  valid: [
    'process.kill(pid)',
    "process.kill(pid, 'SIGTERM')",
    "process.kill(0, 'SIGTSTP')",
    'process.kill(pid, 9)',
    // the string '0' probes nothing: Node throws ERR_UNKNOWN_SIGNAL (no-unsupported-windows-signal reports it)
    "process.kill(pid, '0')",
    'process.kill(pid, signal)',
    'process.kill(pid, sig && 0)',
    // let can change before the call
    'let NO_SIGNAL = 0; NO_SIGNAL = 15; process.kill(pid, NO_SIGNAL);',
    // a local `process` is not Node's
    'function f(process) { return process.kill(pid, 0); }',
    'const process = { kill() { return true; } }; process.kill(pid, 0);',
    "import process from './my-process.js'; process.kill(pid, 0);",
    { code: "import process = require('./supervisor');\nprocess.kill(pid, 0);", filename: 'a.cts' },
    // a kill that is not process.kill and takes two arguments: a library's own API
    'treeKill(pid, 0);',
    'ps.kill(pid, 0);',
    // a dynamic key is not followed
    'process[method](pid, 0)',
    // child.kill with a real signal, or none
    "child.kill('SIGTERM')",
    'child.kill()',
    // kill(0) on objects that are not known child processes: an application's own API
    'ExecutionLifecycleService.kill(0);',
    'function stop(job) { return job.kill(0); }',
  ],
  invalid: [
    // group and self probes: their own message, never a suggestion
    ...['process.kill(0, 0)', 'process.kill(-1, 0)', 'process.kill(-child.pid, 0)', 'process.kill(+0, 0)', 'const G = -pid;\n    process.kill(G, 0)'].map((probe) => ({
      code: booleanHelper(probe),
      errors: [{ messageId: 'processGroupProbe' as const, line: probe.startsWith('const') ? 4 : 3, column: 5, suggestions: [] }],
    })),
    // a pid that may change, or any other expression, is one pid as far as the rule can tell
    {
      code: booleanHelper('let G = -pid;\n    G = pid;\n    process.kill(G, 0)'),
      errors: [{ messageId: 'epermDead', line: 5, column: 5, suggestions: [{ messageId: 'useHelper', output: `import { pidIsAlive } from 'hermes-pid';

function isRunning(pid) {
  try {
    let G = -pid;
    G = pid;
    return pidIsAlive(G, { treatPermissionDeniedAsAlive: false });
  } catch {
    return false;
  }
}` }] }],
    },
    {
      // A rewrite that changes behaviour says so in the suggestion, in the codemod's words.
      code: "function isRunning(pid) {\n  try {\n    process.kill(pid, 0);\n    return true;\n  } catch (e) {\n    return e.code !== 'ESRCH';\n  }\n}",
      errors: [
        {
          messageId: 'epermAlive',
          line: 3,
          column: 5,
          suggestions: [
            {
              messageId: 'useHelper',
              data: { helper: 'pidIsAlive', pid: 'pid', flag: 'true', change: ' Behaviour change: other error codes, which used to read as alive, now read as dead.' },
              output: "import { pidIsAlive } from 'hermes-pid';\n\nfunction isRunning(pid) {\n  return pidIsAlive(pid, { treatPermissionDeniedAsAlive: true });\n}",
            },
          ],
        },
      ],
    },
    {
      code: booleanHelper('process.kill(pid, 0)'),
      errors: [
        {
          messageId: 'epermDead',
          line: 3,
          column: 5,
          data: { helper: 'pidIsAlive', pid: 'pid' },
          suggestions: [
            {
              messageId: 'useHelper',
              data: { helper: 'pidIsAlive', pid: 'pid', flag: 'false', change: '' },
              output: `import { pidIsAlive } from 'hermes-pid';

function isRunning(pid) {
  return pidIsAlive(pid, { treatPermissionDeniedAsAlive: false });
}`,
            },
          ],
        },
      ],
    },
    {
      // CommonJS by extension: the suggestion requires the helper
      code: `'use strict';\n${booleanHelper('process.kill(pid, 0)')}\nmodule.exports = isRunning;\n`,
      filename: 'is-running.cjs',
      errors: [
        {
          messageId: 'epermDead',
          line: 4,
          column: 5,
          suggestions: [
            {
              messageId: 'useHelper',
              output: `'use strict';\nconst { pidIsAlive } = require('hermes-pid');\nfunction isRunning(pid) {\n  return pidIsAlive(pid, { treatPermissionDeniedAsAlive: false });\n}\nmodule.exports = isRunning;\n`,
            },
          ],
        },
      ],
    },
    ...['-0', '+0', '0 as any', '0 as const', '<any>0', '(0)', 'sig || 0', 'sig ?? 0', 'check ? 0 : 15'].map((signal) => ({
      code: `process.kill(pid, ${signal});`,
      filename: 'probe.ts',
      errors: [{ messageId: 'epermUnknown' as const, line: 1, column: 1, suggestions: [] }],
    })),
    ...(
      [
      ['', 'globalThis.process.kill(pid, 0);'],
      ['', 'global.process.kill(pid, 0);'],
      ['', "process['kill'](pid, 0);"],
      ['', 'process?.kill(pid, 0);'],
      ['', "require('process').kill(pid, 0);"],
      ['', '(killFn ?? process.kill)(pid, 0);'],
      ['', '(test ? fake : process.kill)(pid, 0);'],
      ['const NO_SIGNAL: number = 0;', 'process.kill(pid, NO_SIGNAL);'],
      ['const ZERO = 0; const NONE = ZERO;', 'process.kill(pid, NONE);'],
      ["import process from 'node:process';", 'process.kill(pid, 0);'],
      ["import * as proc from 'process';", 'proc.kill(pid, 0);'],
      ["import { kill } from 'node:process';", 'kill(pid, 0);'],
      ["import { kill as send } from 'process';", 'send(pid, 0);'],
      ['const { kill } = process;', 'kill(pid, 0);'],
      ["const { kill: k } = require('node:process');", 'k(pid, 0);'],
      ["const p = require('process');", 'p.kill(pid, 0);'],
      ['const k = process.kill;', 'k(pid, 0);'],
      ['const send = process.kill.bind(process);', 'send(pid, 0);'],
      ["import proc = require('node:process');", 'proc.kill(pid, 0);'],
    ] satisfies [string, string][]
    ).map(([setup, call]) => ({
      code: setup === '' ? call : `${setup}\n${call}`,
      filename: 'probe.ts',
      errors: [{ messageId: 'epermUnknown' as const, line: setup === '' ? 1 : 2, column: 1, suggestions: [] }],
    })),
    {
      code: 'function f() { try { return process.kill(pid, 0); } catch (e) { return e.code === "EPERM"; } }',
      errors: [
        {
          messageId: 'epermAlive',
          line: 1,
          column: 29,
          // The file's only string literal is double-quoted: so is the import.
          suggestions: [{ messageId: 'useHelper', output: 'import { pidIsAlive } from "hermes-pid";\n\nfunction f() { return pidIsAlive(pid, { treatPermissionDeniedAsAlive: true }); }' }],
        },
      ],
    },
    {
      // a probe the codemod leaves for a person: no suggestion, and the message says why
      code: 'let denied = 0;\nfunction f(pid) {\n  try { process.kill(pid, 0); return true; }\n  catch (e) { if (e.code === "EPERM") { denied++; return denied < 3; } return false; }\n}',
      errors: [{ messageId: 'epermUnknown', line: 3, column: 9, suggestions: [] }],
    },
    {
      code: 'it("runs", () => {\n  process.kill(server.pid, 0);\n});',
      errors: [{ messageId: 'epermUnknown', line: 2, column: 3, suggestions: [] }],
    },
    {
      code: "class S { proc = spawn('node'); check() { return this.proc.kill(0); } }\nconst child = fork('w.js');\nchild.kill(0);\nchild?.kill(0 as any);\nfunction ping(c: ChildProcess) { return c.kill(0); }",
      filename: 'server.ts',
      errors: [
        { messageId: 'childProcessProbe', line: 1, column: 50, data: { callee: 'this.proc.kill', object: 'this.proc', helper: 'pidIsAlive' }, suggestions: [] },
        { messageId: 'childProcessProbe', line: 3, column: 1, suggestions: [] },
        { messageId: 'childProcessProbe', line: 4, column: 1, suggestions: [] },
        { messageId: 'childProcessProbe', line: 5, column: 41, suggestions: [] },
      ],
    },
    {
      // one report per site: the narrow catch is named here, not by no-narrow-kill-catch
      code: "function f(pid: number) { try { process.kill(pid, 0); } catch (e) { if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e; } }",
      filename: 'f.ts',
      errors: [{ messageId: 'narrowCatch', line: 1, column: 33, data: { helper: 'pidIsAlive', pid: 'pid', handled: 'ESRCH', escaping: 'EPERM and any other error' }, suggestions: [] }],
    },
  ],
});
