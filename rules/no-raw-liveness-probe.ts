import type { TSESLint } from '@typescript-eslint/utils';
import { judgeKillCatch } from '../src/analysis/catch-answers.js';
import { findGuardingTry } from '../src/analysis/find-guarding-try.js';
import { findProbes } from '../src/analysis/find-probes.js';
import type { EpermBehaviour, TextEdit } from '../src/analysis/types.js';
import { mentionsKill } from '../src/analysis/mentions-kill.js';
import { DEFAULT_IMPORT_SOURCE, planFile, type FileSite } from '../src/rewrite/plan-file.js';
import { createRule } from './utils/create-rule.js';
import { listCodes } from './utils/list-codes.js';

export type Options = [];
export type MessageIds = 'epermAlive' | 'epermDead' | 'epermThrows' | 'epermUnknown' | 'narrowCatch' | 'childProcessProbe' | 'processGroupProbe' | 'useHelper';

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
      epermDead: `Raw liveness probe: ${WINDOWS}. This catch is over-broad: it treats EPERM as dead, like ESRCH: use \`{{ helper }}({{ pid }}, { treatPermissionDeniedAsAlive: false })\` from hermes-pid.`,
      epermThrows: `Raw liveness probe: ${WINDOWS}. EPERM is rethrown here, so this crashes today on a process we may not signal: use \`{{ helper }}({{ pid }}, { treatPermissionDeniedAsAlive: true })\` from hermes-pid, which never throws.`,
      epermUnknown: `Raw liveness probe: ${WINDOWS}. hermes-codemod leaves this one to you: {{ reason }}. Use \`pidState({{ pid }})\` ('alive' | 'dead' | 'denied') or \`{{ helper }}({{ pid }}, { treatPermissionDeniedAsAlive })\` from hermes-pid and choose the flag.`,
      narrowCatch: `Raw liveness probe: ${WINDOWS}. This catch is narrow: it handles {{ handled }} and lets {{ escaping }} escape (on Windows ENOSYS comes back for unsupported signals and EINVAL for bad ones), so the check itself crashes: use \`{{ helper }}({{ pid }}, { treatPermissionDeniedAsAlive })\` from hermes-pid, which never throws.`,
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
    // Nothing to find in a file that never says `kill` (most files): no listener at all.
    if (!mentionsKill(sourceCode)) return {};
    return {
      'Program:exit'() {
        if (findProbes(sourceCode).length === 0) return;
        // The analysis and rewrite plan the codemod runs too (src/analysis/, src/rewrite/): the suggestion is the text the codemod writes.
        // ESLint's sourceType stands in for package.json "type": a `commonjs` or `script` .js file is a CommonJS script.
        const sourceType = context.languageOptions.sourceType;
        const moduleType = sourceType === undefined ? undefined : sourceType === 'module' ? 'module' : 'commonjs';
        const { sites, importEdit } = planFile(sourceCode, { fileName: context.filename, importSource: DEFAULT_IMPORT_SOURCE, moduleType });
        for (const site of sites) report(site, importEdit);
      },
    };

    function report(site: FileSite, importEdit: TextEdit | undefined): void {
      const { call } = site;
      if (site.shape === 'child-process-kill-zero') {
        const callee = call.callee.type === 'ChainExpression' ? call.callee.expression : call.callee;
        const object = callee.type === 'MemberExpression' ? sourceCode.getText(callee.object) : sourceCode.getText(callee);
        context.report({ node: call, messageId: 'childProcessProbe', data: { callee: sourceCode.getText(callee), object, helper: HELPER } });
        return;
      }
      const pid = sourceCode.getText(call.arguments[0]);
      // A group or self probe has no one-process equivalent: its own message, no suggestion.
      if (site.shape === 'process-group-probe') {
        context.report({ node: call, messageId: 'processGroupProbe', data: { callee: sourceCode.getText(call.callee), pid, helper: HELPER } });
        return;
      }
      const guard = findGuardingTry(call);
      const reason = site.reason ?? (guard === undefined ? 'no try/catch around the probe' : 'what the catch does with EPERM depends on more than the error code');
      const data = { helper: HELPER, pid, reason };
      let suggest: TSESLint.ReportSuggestionArray<MessageIds> = [];
      if (site.action === 'rewrite' && site.edits.length > 0) {
        const edits = importEdit === undefined ? site.edits : [...site.edits, importEdit];
        suggest = [{ messageId: 'useHelper', data: { ...data, flag: String(site.flag) }, fix: (fixer) => edits.map((e) => fixer.replaceTextRange([e.start, e.end], e.text)) }];
      }
      // One report per site: what the catch gets wrong is named here, not by no-narrow-kill-catch.
      const verdict = guard === undefined ? undefined : judgeKillCatch(guard);
      if (verdict?.kind === 'narrow' && verdict.escaping.some((code) => code !== 'EPERM')) {
        context.report({ node: call, messageId: 'narrowCatch', data: { helper: HELPER, pid, handled: listCodes(verdict.handled), escaping: listCodes(verdict.escaping) }, suggest });
        return;
      }
      context.report({ node: call, messageId: MESSAGE_FOR[site.eperm], data, suggest });
    }
  },
});
