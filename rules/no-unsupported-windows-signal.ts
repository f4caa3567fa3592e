import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { findKillMethodCalls } from '../src/analysis/find-kill-method-calls.js';
import { findProcessKillCalls } from '../src/analysis/find-process-kill-calls.js';
import { getSignalName } from '../src/analysis/get-signal-name.js';
import { isChildProcessKill } from '../src/analysis/is-child-process.js';
import { isPlatformGuarded } from '../src/analysis/is-platform-guarded.js';
import { isSignalZero } from '../src/analysis/is-signal-zero.js';
import { unwrapExpression } from '../src/analysis/unwrap-expression.js';
import { mentionsKill } from '../src/analysis/mentions-kill.js';
import { createRule } from './utils/create-rule.js';
import { analysisSourceOf } from './utils/analysis-source.js';

export type Options = [
  {
    /** Names (identifiers, properties or argument-less functions) that are true exactly on Windows. */
    windowsGuards?: string[];
    /** Names that are true exactly off Windows. */
    posixGuards?: string[];
  },
];
export type MessageIds = 'unsupportedSignal' | 'numericStringSignal' | 'processGroup' | 'pidZero';

/** Conventional flag names, often imported from a module the rule cannot see into. */
const WINDOWS_GUARDS = ['isWindows', 'IS_WINDOWS', 'isWin', 'isWin32', 'IS_WIN', 'IS_WIN32'];
const POSIX_GUARDS = ['isPosix', 'IS_POSIX'];

/** What libuv's uv_kill accepts on Windows; anything else fails with ENOSYS. */
const WINDOWS_SIGNALS = new Set<string | number>(['SIGINT', 'SIGTERM', 'SIGKILL', 'SIGQUIT', 0, 2, 3, 9, 15]);

interface GuardNames {
  readonly windows: ReadonlySet<string>;
  readonly notWindows: ReadonlySet<string>;
}

/** The guard names per options object: ESLint hands every file of a config the same one. */
const guardNamesOf = new WeakMap<Options[0], GuardNames>();

function guardNames(options: Options[0]): GuardNames {
  let names = guardNamesOf.get(options);
  if (names === undefined) {
    names = {
      windows: new Set([...WINDOWS_GUARDS, ...(options.windowsGuards ?? [])]),
      notWindows: new Set([...POSIX_GUARDS, ...(options.posixGuards ?? [])]),
    };
    guardNamesOf.set(options, names);
  }
  return names;
}

export default createRule<Options, MessageIds>({
  name: 'no-unsupported-windows-signal',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow signals and process-group kills that fail on Windows, unless guarded by a platform check',
      recommended: true,
    },
    messages: {
      unsupportedSignal:
        "`{{ callee }}` sends {{ signal }}, which Windows does not support: Node throws ENOSYS there (only SIGINT, SIGTERM, SIGKILL, SIGQUIT and 0 work). Guard it with a `process.platform !== 'win32'` check or send a supported signal.",
      numericStringSignal:
        "`{{ callee }}` sends the string '{{ signal }}', which is not a signal name: Node throws ERR_UNKNOWN_SIGNAL for it on every OS. Send the number {{ signal }} or a signal name such as 'SIGTERM' (to check that a process is alive, use `pidIsAlive` from hermes-pid).",
      processGroup:
        "`{{ callee }}` signals the process group {{ pid }}: Windows has no process groups, so it fails there. Guard it with a `process.platform !== 'win32'` check, or signal the process itself.",
      pidZero:
        "`{{ callee }}` with pid 0 signals this process's group on POSIX but this process itself on Windows. Guard it with a `process.platform !== 'win32'` check, or signal the processes by pid.",
    },
    schema: [
      {
        type: 'object',
        description: 'Extra platform checks the rule accepts as guards, besides `process.platform` and `os.platform()` comparisons.',
        properties: {
          windowsGuards: {
            type: 'array',
            description: 'More identifiers, property names or argument-less function names that are true exactly on Windows, besides `isWindows`, `IS_WINDOWS`, `isWin`, `isWin32`, `IS_WIN` and `IS_WIN32`.',
            items: { type: 'string' },
            uniqueItems: true,
          },
          posixGuards: {
            type: 'array',
            description: 'More identifiers, property names or argument-less function names that are true exactly off Windows, besides `isPosix` and `IS_POSIX`.',
            items: { type: 'string' },
            uniqueItems: true,
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ windowsGuards: [], posixGuards: [] }],
  },
  create(context, [options]) {
    const { sourceCode } = context;
    // Nothing to find in a file that never says `kill` (most files): no listener at all.
    if (!mentionsKill(sourceCode)) return {};
    // With typed linting, the analysis asks the type checker too (receivers declared in other files).
    const source = analysisSourceOf(sourceCode);
    const names = guardNames(options);

    return {
      'Program:exit'() {
        const { calls, processNodes } = findProcessKillCalls(source);
        for (const { call } of calls) {
          const [pid, signal] = call.arguments;
          if (pid === undefined || pid.type === AST_NODE_TYPES.SpreadElement || signal?.type === AST_NODE_TYPES.SpreadElement) continue;
          check(call, signal, pid);
        }
        for (const call of findKillMethodCalls(source)) {
          if (isChildProcessKill(source, call, processNodes)) check(call, call.arguments[0] as TSESTree.Expression | undefined, undefined);
        }
      },
    };

    function check(call: TSESTree.CallExpression, signal: TSESTree.Expression | undefined, pid: TSESTree.Expression | undefined): void {
      const name = signal === undefined ? 'SIGTERM' : getSignalName(sourceCode, signal);
      // '0', '9': Node takes strings only as signal names, so these throw everywhere; no guard helps
      if (typeof name === 'string' && /^-?\d+$/.test(name)) {
        context.report({ node: call, messageId: 'numericStringSignal', data: { callee: sourceCode.getText(call.callee), signal: name } });
        return;
      }
      const unsupported = name !== undefined && !WINDOWS_SIGNALS.has(name);
      const group = pid === undefined ? undefined : processGroup(pid, signal);
      if (!unsupported && group === undefined) return;
      if (isPlatformGuarded(sourceCode, call, names)) return;
      const callee = sourceCode.getText(call.callee);
      if (unsupported) {
        context.report({ node: call, messageId: 'unsupportedSignal', data: { callee, signal: typeof name === 'number' ? `signal ${name}` : name } });
      } else if (group !== undefined) {
        context.report({ node: call, messageId: group, data: { callee, pid: sourceCode.getText(pid) } });
      }
    }

    /** A negative pid (`-child.pid`, `-1`) is a process group; pid 0 with a real signal is our own group. */
    function processGroup(pid: TSESTree.Expression, signal: TSESTree.Expression | undefined): 'processGroup' | 'pidZero' | undefined {
      const value = unwrapExpression(pid);
      if (value.type === AST_NODE_TYPES.UnaryExpression && value.operator === '-') {
        const argument = unwrapExpression(value.argument);
        return argument.type === AST_NODE_TYPES.Literal && argument.value === 0 ? undefined : 'processGroup';
      }
      if (value.type === AST_NODE_TYPES.Literal && value.value === 0 && (signal === undefined || !isSignalZero(sourceCode, signal))) return 'pidZero';
      return undefined;
    }
  },
});
