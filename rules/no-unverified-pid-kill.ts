import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { findFileOrigin } from './ast/find-file-origin.js';
import { findProcessKillCalls } from '../src/analysis/find-process-kill-calls.js';
import { isSignalZero } from '../src/analysis/is-signal-zero.js';
import { unwrapExpression } from '../src/analysis/unwrap-expression.js';
import { mentionsKill } from '../src/analysis/mentions-kill.js';
import { analysisSourceOf } from './utils/analysis-source.js';
import { createRule } from './utils/create-rule.js';

export type Options = [];
export type MessageIds = 'pidFromFile' | 'pidIsString';

export default createRule<Options, MessageIds>({
  name: 'no-unverified-pid-kill',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow signalling a pid read from a file without checking that it still names the process that wrote it',
      recommended: true,
    },
    messages: {
      pidFromFile:
        '`{{ callee }}` signals a pid read from a file (`{{ read }}`, line {{ line }}): the pid may have been reused by another process since the file was written. Use `signalProcess` from hermes-pid with the start time recorded in the lock, or `stopPidLockHolder` to stop the holder of a pid lock.',
      pidIsString:
        '`{{ callee }}` signals a pid typed as a string (`{{ pid }}`): text from a file, an argument or the environment, never checked to name the process meant, and `process.kill` reads an empty string as pid 0 (this process\'s own group). Parse and check it first, or use `signalProcess` from hermes-pid with the start time recorded in the lock.',
    },
    schema: [],
    // Every rule states its defaults, [] for one without options (eslint-plugin-eslint-plugin would omit it).
    // eslint-disable-next-line eslint-plugin/require-meta-default-options
    defaultOptions: [],
  },
  create(context) {
    const { sourceCode } = context;
    // Nothing to find in a file that never says `kill` (most files): no listener at all.
    if (!mentionsKill(sourceCode)) return {};
    // With typed linting, the analysis asks the type checker too (a pid typed as a string).
    const source = analysisSourceOf(sourceCode);
    return {
      'Program:exit'() {
        for (const { call } of findProcessKillCalls(source).calls) {
          const [pid, signal] = call.arguments;
          if (pid === undefined || pid.type === AST_NODE_TYPES.SpreadElement || signal?.type === AST_NODE_TYPES.SpreadElement) continue;
          // Signal 0 sends nothing (a liveness probe: no-raw-liveness-probe's business).
          if (signal !== undefined && isSignalZero(sourceCode, signal)) continue;
          const read = findFileOrigin(sourceCode, pid);
          if (read === undefined) {
            // Only a type checker knows; without one (no typed linting, oxlint) this never reports.
            if (source.types?.isString(pid) === true) context.report({ node: call, messageId: 'pidIsString', data: { callee: sourceCode.getText(call.callee), pid: sourceCode.getText(pid) } });
            continue;
          }
          const readCallee = unwrapExpression(read.callee);
          // The line of `readFile` itself, not of the chain it ends (`fsp\n  .readFile(...)`).
          const readAt = readCallee.type === AST_NODE_TYPES.MemberExpression ? readCallee.property : read;
          context.report({
            node: call,
            messageId: 'pidFromFile',
            data: { callee: sourceCode.getText(call.callee), read: sourceCode.getText(read.callee).replace(/\s+/g, ''), line: String(readAt.loc.start.line) },
          });
        }
      },
    };
  },
});
