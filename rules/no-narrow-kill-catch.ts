import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { evaluateCatch, type CatchOutcome } from './ast/evaluate-catch.js';
import { findGuardingTry } from './ast/find-guarding-try.js';
import { findProcessKillCalls } from './ast/find-process-kill-calls.js';
import { isFunctionNode } from './ast/is-function-node.js';
import { isSignalZero } from './ast/is-signal-zero.js';
import { createRule } from './utils/create-rule.js';

export type Options = [];
export type MessageIds = 'narrowProbeCatch' | 'narrowSignalCatch' | 'missingBranch';

/** The codes `process.kill` fails with: ESRCH everywhere, the rest what Windows adds. */
const KILL_ERROR_CODES = ['ESRCH', 'EPERM', 'ENOSYS', 'EINVAL'] as const;
const WINDOWS = 'on Windows EPERM comes back for elevated and already-exited processes, ENOSYS for unsupported signals and EINVAL for bad ones';

export default createRule<Options, MessageIds>({
  name: 'no-narrow-kill-catch',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow catch clauses around `process.kill` that handle some error codes and let the others escape',
      recommended: true,
    },
    messages: {
      narrowProbeCatch: `This catch handles {{ handled }} from \`process.kill\` and lets {{ escaping }} escape: ${WINDOWS}. For a liveness probe use \`pidIsAlive\` from hermes-pid, which never throws.`,
      narrowSignalCatch: `This catch handles {{ handled }} from \`process.kill\` and lets {{ escaping }} escape: ${WINDOWS}. Treat ESRCH and EPERM after the process exited as gone, and handle every other code.`,
      missingBranch: `This catch handles {{ handled }} from \`process.kill\` but has no branch for {{ escaping }}: the function then returns undefined where it otherwise returns a value, and ${WINDOWS}. For a liveness probe use \`pidIsAlive\` from hermes-pid.`,
    },
    schema: [],
    // Every rule states its defaults, [] for one without options (eslint-plugin-eslint-plugin would omit it).
    // eslint-disable-next-line eslint-plugin/require-meta-default-options
    defaultOptions: [],
  },
  create(context) {
    const { sourceCode } = context;
    return {
      'Program:exit'() {
        const guarded = new Map<TSESTree.TryStatement, boolean>(); // try -> guards a probe
        for (const { call } of findProcessKillCalls(sourceCode).calls) {
          const tryStatement = findGuardingTry(call);
          if (tryStatement?.handler === null || tryStatement?.handler === undefined) continue;
          const signal = call.arguments[1];
          const probe = signal !== undefined && signal.type !== AST_NODE_TYPES.SpreadElement && isSignalZero(sourceCode, signal);
          guarded.set(tryStatement, (guarded.get(tryStatement) ?? false) || probe);
        }
        for (const [tryStatement, probe] of guarded) check(tryStatement, probe);
      },
    };

    function check(tryStatement: TSESTree.TryStatement, probe: boolean): void {
      const handler = tryStatement.handler as TSESTree.CatchClause;
      const outcomes = new Map<string, CatchOutcome>(KILL_ERROR_CODES.map((code) => [code, evaluateCatch(handler, code)]));
      const handled = [...outcomes].filter(([, o]) => o.kind !== 'throw' && o.kind !== 'unknown').map(([code]) => code);
      const thrown = [...outcomes].filter(([, o]) => o.kind === 'throw').map(([code]) => code);
      if (handled.length === 0) return; // rethrows everything (or we cannot tell): not narrow
      if (thrown.length > 0) {
        context.report({ node: handler, messageId: probe ? 'narrowProbeCatch' : 'narrowSignalCatch', data: { handled: list(handled), escaping: list(thrown) } });
        return;
      }
      // `if (e.code === 'ESRCH') return false;` as the function's last words: the rest returns undefined.
      const returnsValue = [...outcomes.values()].some((o) => o.kind === 'return' && o.value !== undefined);
      const fallOut = [...outcomes].filter(([, o]) => o.kind === 'fallthrough').map(([code]) => code);
      if (returnsValue && fallOut.length > 0 && endsFunction(tryStatement)) {
        context.report({ node: handler, messageId: 'missingBranch', data: { handled: list(handled.filter((c) => !fallOut.includes(c))), escaping: list(fallOut) } });
      }
    }
  },
});

function endsFunction(statement: TSESTree.TryStatement): boolean {
  const block = statement.parent;
  return block.type === AST_NODE_TYPES.BlockStatement && block.body.at(-1) === statement && isFunctionNode(block.parent);
}

function list(codes: readonly string[]): string {
  return codes.length <= 1 ? codes.join('') : `${codes.slice(0, -1).join(', ')} and ${codes.at(-1) ?? ''}`;
}
