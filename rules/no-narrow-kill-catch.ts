import type { TSESTree } from '@typescript-eslint/utils';
import { judgeKillCatch } from '../src/analysis/catch-answers.js';
import { findGuardingTry } from '../src/analysis/find-guarding-try.js';
import { findProbes } from '../src/analysis/find-probes.js';
import { findProcessKillCalls } from '../src/analysis/find-process-kill-calls.js';
import { mentionsKill } from '../src/analysis/mentions-kill.js';
import { createRule } from './utils/create-rule.js';
import { listCodes } from './utils/list-codes.js';
import { isPresent } from '../src/analysis/is-present.js';
import { analysisSourceOf } from './utils/analysis-source.js';

export type Options = [];
export type MessageIds = 'narrowSignalCatch' | 'missingBranch';

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
      narrowSignalCatch: `This catch handles {{ handled }} from \`process.kill\` and lets {{ escaping }} escape: ${WINDOWS}. Treat ESRCH and EPERM after the process exited as gone, and handle every other code.`,
      missingBranch: `This catch handles {{ handled }} from \`process.kill\` but has no branch for {{ escaping }}: the function then returns undefined where it otherwise returns a value, and ${WINDOWS}.`,
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
    // With typed linting, the analysis asks the type checker too (receivers declared in other files).
    const source = analysisSourceOf(sourceCode);
    return {
      'Program:exit'() {
        // A try around a liveness probe is no-raw-liveness-probe's: one report per site.
        const probeTries = new Set(findProbes(source).map(({ call }) => findGuardingTry(call)));
        const checked = new Set<TSESTree.TryStatement>();
        for (const { call } of findProcessKillCalls(source).calls) {
          const tryStatement = findGuardingTry(call);
          if (tryStatement === undefined || !isPresent(tryStatement.handler) || checked.has(tryStatement) || probeTries.has(tryStatement)) continue;
          checked.add(tryStatement);
          const verdict = judgeKillCatch(tryStatement);
          if (verdict === undefined) continue;
          context.report({
            node: tryStatement.handler,
            messageId: verdict.kind === 'narrow' ? 'narrowSignalCatch' : 'missingBranch',
            data: { handled: listCodes(verdict.handled), escaping: listCodes(verdict.escaping) },
          });
        }
      },
    };
  },
});
