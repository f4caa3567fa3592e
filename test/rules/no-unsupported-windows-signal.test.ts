import rule from '../../rules/no-unsupported-windows-signal.js';
import { createRuleTester } from './support/rule-tester.js';

const ruleTester = createRuleTester();

ruleTester.run('no-unsupported-windows-signal', rule, {
  valid: [
    // kill on objects that are not child processes: an application's own API, not a signal
    'ExecutionLifecycleService.kill(4323);',
    "function stop(job) { job.kill('SIGUSR2'); }",
    "const tree = { kill(id) {} }; tree.kill('SIGHUP');",
    ...['SIGINT', 'SIGTERM', 'SIGKILL', 'SIGQUIT'].map((signal) => `process.kill(pid, '${signal}'); child.kill('${signal}');`),
    'process.kill(pid); process.kill(pid, 0); process.kill(pid, 9); child.kill();',
    'process.kill(pid, signal); child.kill(signal);',
    // pid 0 with signal 0 is a probe (no-raw-liveness-probe's business), -0 is 0
    'process.kill(0, 0); process.kill(-0, 0);',
    // guards
    "if (process.platform !== 'win32') process.kill(pid, 'SIGHUP');",
    "if (process.platform === 'win32') { child.kill(); } else { process.kill(-child.pid, 'SIGTERM'); }",
    "if (process.platform === 'linux' || process.platform === 'darwin') process.kill(pid, 'SIGUSR1');",
    "import os from 'node:os'; os.platform() === 'win32' ? child.kill() : process.kill(-child.pid, 'SIGKILL');",
    "import { platform } from 'node:os'; if (platform() !== 'win32') child.kill('SIGHUP');",
    "const isWindows = process.platform === 'win32'; function stop() { if (isWindows) return; process.kill(pid, 'SIGHUP'); }",
    "const isWindows = process.platform === 'win32'; if (!isWindows) { child.kill('SIGSTOP'); }",
    "process.platform !== 'win32' && process.kill(pid, 'SIGHUP');",
    "for (const pid of pids) { if (process.platform === 'win32') continue; process.kill(pid, 'SIGHUP'); }",
    "if (os.type() !== 'Windows_NT') process.kill(pid, 'SIGHUP');",
    // a guard around the closure covers the call inside it
    "if (process.platform !== 'win32') process.on('SIGHUP', () => process.kill(child.pid, 'SIGHUP'));",
    // conventional flag names, imported from a module the rule cannot see into
    "import { isWindows } from './env.js'; if (!isWindows && key.ctrl) process.kill(process.ppid, 'SIGTSTP');",
    "import { IS_WIN32 } from './platform.js'; if (IS_WIN32) { child.kill(); } else { child.kill('SIGHUP'); }",
    // configured guard names
    { code: "if (!IS_WIN) process.kill(pid, 'SIGHUP');", options: [{ windowsGuards: ['IS_WIN'] }] },
    { code: "if (env.isPosix) process.kill(pid, 'SIGHUP');", options: [{ posixGuards: ['isPosix'] }] },
    { code: "if (isWindows()) return; child.kill('SIGUSR2');", options: [{ windowsGuards: ['isWindows'] }], languageOptions: { parserOptions: { ecmaFeatures: { globalReturn: true } } } },
    // `platform` found through the scope like `process` itself
    "import { platform } from 'node:process'; if (platform !== 'win32') process.kill(pid, 'SIGHUP');",
    "import process, { platform as os } from 'process'; if (os === 'linux') process.kill(pid, 'SIGHUP');",
    "const { platform } = process; if (platform !== 'win32') child.kill('SIGHUP');",
    "const platform = process.platform; if (platform === 'darwin') process.kill(pid, 'SIGUSR1');",
    // switch cases on the platform whose labels leave out Windows
    "switch (process.platform) { case 'linux': process.kill(pid, 'SIGHUP'); break; case 'win32': child.kill(); }",
    "switch (process.platform) { case 'linux':\ncase 'darwin': { process.kill(-child.pid, 'SIGTERM'); break; } default: child.kill(); }",
    "import os from 'node:os'; switch (os.platform()) { case 'freebsd': child.kill('SIGUSR2'); }",
    "import { platform } from 'node:process'; function f() { switch (platform) { case 'win32': return; case 'linux': process.kill(pid, 'SIGHUP'); } }",
    // a const flag whose initializer really is a platform check, whatever its name
    "const onPosix = process.platform !== 'win32'; if (onPosix) process.kill(pid, 'SIGHUP');",
    // a const flag whose initializer is no check the rule knows keeps its conventional name
    "import os from 'node:os'; const isWindows = os.platform().startsWith('win'); if (!isWindows) process.kill(pid, 'SIGHUP');",
    // a local process is not Node's; a two-argument kill on another object is not ChildProcess#kill
    "function f(process) { process.kill(pid, 'SIGHUP'); }",
    "ps.kill(pid, 'SIGHUP');",
  ],
  invalid: [
    {
      code: "process.kill(pid, 'SIGHUP');",
      errors: [{ messageId: 'unsupportedSignal', line: 1, column: 1, data: { callee: 'process.kill', signal: 'SIGHUP' }, suggestions: [] }],
    },
    ...['SIGUSR1', 'SIGUSR2', 'SIGSTOP', 'SIGCONT', 'SIGTSTP', 'SIGWINCH'].map((signal) => ({
      code: `const child = spawn(command);\nchild.kill('${signal}');`,
      errors: [{ messageId: 'unsupportedSignal' as const, line: 2, column: 1, data: { callee: 'child.kill', signal }, suggestions: [] }],
    })),
    {
      code: "const RELOAD = 'SIGHUP';\nprocess.kill(pid, RELOAD);\nprocess.kill(pid, os.constants.signals.SIGUSR2);\nprocess.kill(pid, 1);",
      errors: [
        { messageId: 'unsupportedSignal', line: 2, column: 1, data: { callee: 'process.kill', signal: 'SIGHUP' }, suggestions: [] },
        { messageId: 'unsupportedSignal', line: 3, column: 1, data: { callee: 'process.kill', signal: 'SIGUSR2' }, suggestions: [] },
        { messageId: 'unsupportedSignal', line: 4, column: 1, data: { callee: 'process.kill', signal: 'signal 1' }, suggestions: [] },
      ],
    },
    {
      code: "process.kill(-child.pid, 'SIGTERM');\nprocess.kill(-1);\nprocess.kill(0, 'SIGTERM');\nprocess.kill(0);",
      errors: [
        { messageId: 'processGroup', line: 1, column: 1, data: { callee: 'process.kill', pid: '-child.pid' }, suggestions: [] },
        { messageId: 'processGroup', line: 2, column: 1, suggestions: [] },
        { messageId: 'pidZero', line: 3, column: 1, suggestions: [] },
        { messageId: 'pidZero', line: 4, column: 1, suggestions: [] },
      ],
    },
    {
      // the wrong branch of the guard, a guard that says nothing about Windows, an unknown flag
      code: "if (process.platform === 'win32') process.kill(pid, 'SIGHUP');\nif (process.platform !== 'linux') process.kill(pid, 'SIGHUP');\nif (!onWin) process.kill(pid, 'SIGHUP');",
      errors: [
        { messageId: 'unsupportedSignal', line: 1, column: 35, suggestions: [] },
        { messageId: 'unsupportedSignal', line: 2, column: 35, suggestions: [] },
        { messageId: 'unsupportedSignal', line: 3, column: 13, suggestions: [] },
      ],
    },
    {
      // switch cases that Windows reaches: its own label, a fall-through into it, `default`
      code: "switch (process.platform) {\ncase 'win32': process.kill(pid, 'SIGHUP'); break;\ncase 'win32':\ncase 'linux': process.kill(pid, 'SIGHUP'); break;\ndefault: process.kill(pid, 'SIGHUP');\n}",
      errors: [
        { messageId: 'unsupportedSignal', line: 2, column: 15, suggestions: [] },
        { messageId: 'unsupportedSignal', line: 4, column: 15, suggestions: [] },
        { messageId: 'unsupportedSignal', line: 5, column: 10, suggestions: [] },
      ],
    },
    {
      // a switch on something else, and a `platform` that is not Node's
      code: "switch (mode) { case 'linux': process.kill(pid, 'SIGHUP'); }\nfunction f(platform) { if (platform !== 'win32') process.kill(pid, 'SIGHUP'); }",
      errors: [
        { messageId: 'unsupportedSignal', line: 1, column: 31, suggestions: [] },
        { messageId: 'unsupportedSignal', line: 2, column: 50, suggestions: [] },
      ],
    },
    {
      // a guard name is judged by its initializer when the rule can see it
      code: "const isWindows = process.platform === 'linux';\nif (!isWindows) process.kill(pid, 'SIGHUP');\nconst IS_POSIX = process.platform === 'win32';\nconst child = fork(script);\nif (IS_POSIX) child.kill('SIGUSR1');",
      errors: [
        { messageId: 'unsupportedSignal', line: 2, column: 17, suggestions: [] },
        { messageId: 'unsupportedSignal', line: 5, column: 15, suggestions: [] },
      ],
    },
    {
      // a numeric string is no signal name: Node throws ERR_UNKNOWN_SIGNAL on every OS, guarded or not
      code: "process.kill(pid, '0');\nlet child: ChildProcess;\nif (process.platform !== 'win32') child.kill('9');",
      filename: 'kill.ts',
      errors: [
        { messageId: 'numericStringSignal', line: 1, column: 1, data: { callee: 'process.kill', signal: '0' }, suggestions: [] },
        { messageId: 'numericStringSignal', line: 3, column: 35, data: { callee: 'child.kill', signal: '9' }, suggestions: [] },
      ],
    },
    {
      code: "import { kill } from 'node:process';\nkill(pid, 'SIGUSR1');",
      errors: [{ messageId: 'unsupportedSignal', line: 2, column: 1, data: { callee: 'kill', signal: 'SIGUSR1' }, suggestions: [] }],
    },
  ],
});
