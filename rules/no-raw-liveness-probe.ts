import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { codemodView } from './ast/codemod-sites.js';
import { findGuardingTry } from './ast/find-guarding-try.js';
import { findKillMethodCalls } from './ast/find-kill-method-calls.js';
import { findProcessKillCalls } from './ast/find-process-kill-calls.js';
import { inferEpermBehaviour, type EpermBehaviour } from './ast/infer-eperm-behaviour.js';
import { isChildProcessKill } from './ast/is-child-process-kill.js';
import { isGroupOrSelfPid } from './ast/is-group-or-self-pid.js';
import { isSignalZero } from './ast/is-signal-zero.js';
import { createRule } from './utils/create-rule.js';

export type Options = [];
export type MessageIds = 'epermAlive' | 'epermDead' | 'epermThrows' | 'epermUnknown' | 'childProcessProbe' | 'processGroupProbe' | 'useHelper';

const HELPER = 'pidIsAlive';
const WINDOWS = 'on Windows it opens the process for termination, and EPERM comes back for elevated processes whether they are alive or not';

const MESSAGE_FOR: Record<EpermBehaviour, MessageIds> = {
  alive: 'epermAlive',
  dead: 'epermDead',
  throws: 'epermThrows',
  unknown: 'epermUnknown',
};

export default createRule<Options, MessageIds>({
  name: 'no-raw-liveness-probe',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow raw `process.kill(pid, 0)` liveness probes; use `pidIsAlive` from hermes-pid',
      recommended: true,
    },
    hasSuggestions: true,
    messages: {
      epermAlive: `Raw liveness probe: ${WINDOWS}. This catch treats EPERM as alive: use \`{{ helper }}({{ pid }}, { treatPermissionDeniedAsAlive: true })\` from hermes-pid.`,
      epermDead: `Raw liveness probe: ${WINDOWS}. This catch treats EPERM as dead, like ESRCH: use \`{{ helper }}({{ pid }}, { treatPermissionDeniedAsAlive: false })\` from hermes-pid.`,
      epermThrows: `Raw liveness probe: ${WINDOWS}. EPERM is rethrown here, so this crashes today on a process we may not signal: use \`{{ helper }}({{ pid }}, { treatPermissionDeniedAsAlive: true })\` from hermes-pid, which never throws.`,
      epermUnknown: `Raw liveness probe: ${WINDOWS}. hermes-codemod leaves this one to you: {{ reason }}. Use \`pidState({{ pid }})\` ('alive' | 'dead' | 'denied') or \`{{ helper }}({{ pid }}, { treatPermissionDeniedAsAlive })\` from hermes-pid and choose the flag.`,
      childProcessProbe: '`{{ callee }}(0)` is not a liveness check: on Windows, Node 23.4 to 23.x terminated the child for it, and on every version EPERM arrives as an \'error\' event instead of a throw. Use `{{ helper }}({{ object }}.pid)` from hermes-pid.',
      processGroupProbe:
        "`{{ callee }}({{ pid }}, 0)` probes a process group, not one process (pid 0 is this process's own group, always alive on POSIX). `{{ helper }}` answers about one process and reads 0 and negative pids as not running, and Windows has no process groups: keep this behind a `process.platform !== 'win32'` guard, or probe the group leader's pid with `{{ helper }}`.",
      useHelper: 'Replace the probe with `{{ helper }}({{ pid }}, { treatPermissionDeniedAsAlive: {{ flag }} })`, as hermes-codemod does.',
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
        const { calls, processNodes } = findProcessKillCalls(sourceCode);
        const probes = calls.filter(({ call }) => call.arguments.length >= 2 && isSignalZero(sourceCode, call.arguments[1] as TSESTree.Node));
        const childProbes: TSESTree.CallExpression[] = [];
        for (const node of findKillMethodCalls(sourceCode)) {
          if (isChildProcessKill(node, processNodes) && node.arguments.length === 1 && isSignalZero(sourceCode, node.arguments[0] as TSESTree.Node)) childProbes.push(node);
        }
        if (probes.length === 0 && childProbes.length === 0) return;
        const view = probes.length > 0 ? codemodView(sourceCode, context.filename, context.languageOptions.sourceType) : undefined;
        for (const { call } of probes) reportProbe(call, view?.siteFor(call), view?.importEdit);
        for (const call of childProbes) {
          const callee = call.callee as TSESTree.MemberExpression;
          context.report({ node: call, messageId: 'childProcessProbe', data: { callee: sourceCode.getText(callee), object: sourceCode.getText(callee.object), helper: HELPER } });
        }
      },
    };

    function reportProbe(call: TSESTree.CallExpression, site: ReturnType<ReturnType<typeof codemodView>['siteFor']>, importEdit: ReturnType<typeof codemodView>['importEdit']): void {
      const pidArgument = call.arguments[0];
      const pid = sourceCode.getText(pidArgument);
      // A group or self probe has no one-process equivalent: its own message, no suggestion.
      // The engine's shape decides; the rule's own check only stands in when the engine has no site.
      const group = site === undefined ? pidArgument !== undefined && isGroupOrSelfPid(sourceCode, pidArgument) : site.shape === 'process-group-probe';
      if (group) {
        context.report({ node: call, messageId: 'processGroupProbe', data: { callee: sourceCode.getText(call.callee), pid, helper: HELPER } });
        return;
      }
      // The engine's answer wins wherever it has one, so lint and codemod cannot disagree.
      const eperm = site?.eperm ?? inferEpermBehaviour(call);
      const reason = site?.reason ?? (findGuardingTry(call) === undefined ? 'no try/catch around the probe' : 'what the catch does with EPERM depends on more than the error code');
      const data = { helper: HELPER, pid, reason };
      // The suggestion is the codemod's own rewrite of this site, import included.
      let suggest: TSESLint.ReportSuggestionArray<MessageIds> = [];
      if (site?.action === 'rewrite' && site.edits.length > 0) {
        const edits = importEdit === undefined ? site.edits : [...site.edits, importEdit];
        suggest = [{ messageId: 'useHelper', data: { ...data, flag: String(site.flag) }, fix: (fixer) => edits.map((e) => fixer.replaceTextRange([e.start, e.end], e.text)) }];
      }
      context.report({ node: call, messageId: MESSAGE_FOR[eperm], data, suggest });
    }
  },
});
