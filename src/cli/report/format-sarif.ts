// --format sarif: SARIF 2.1.0 for code scanning. One rule per probe shape, one result per site, the
// rewrite (with the import it needs) as the result's `fix`. test/codemod/format-sarif.test.ts
// validates the output against the SARIF 2.1.0 JSON schema.
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { ProbeShape } from '../../codemod/index.js';
import { PACKAGE_VERSION } from '../../meta.js';
import type { Report, SiteFixes } from '../types.js';
import { notProcessed } from './report.js';

const REWRITTEN = 'rewritten to pidIsAlive by hermes-codemod';
const REVIEW = 'left for review by hermes-codemod';

/** Every shape the engine names (src/codemod/types.ts), with what it is. */
const SHAPES: Record<ProbeShape, string> = {
  'bare-catch-boolean': `A probe in a try whose catch answers false for every error: ${REWRITTEN}.`,
  'return-probe': `A probe whose result is returned from a try whose catch answers false: ${REWRITTEN}.`,
  'eperm-alive': `A probe whose catch answers alive for EPERM: ${REWRITTEN} with treatPermissionDeniedAsAlive: true.`,
  'not-esrch': `A probe whose catch answers code !== 'ESRCH' (other errors read as alive): ${REWRITTEN}.`,
  'esrch-rethrow': `A probe whose catch handles ESRCH and rethrows the rest: ${REWRITTEN}.`,
  'gone-branch': `A statement-position probe whose catch is the "gone" branch: ${REWRITTEN} as if (!pidIsAlive(..)).`,
  'shared-try': `A probe in a try that holds other throwing work: the probe is ${REWRITTEN}, the try stays.`,
  'process-group-probe': `A probe of a process group (pid 0, -pid, -1), which pidIsAlive cannot answer for: ${REVIEW}.`,
  'tri-state': `A probe whose result has more than two states (pidState fits): ${REVIEW}.`,
  'eperm-counter': `A probe whose catch counts EPERM: ${REVIEW}.`,
  'unrecognised-catch': `A probe whose catch does something the engine does not recognise: ${REVIEW}.`,
  'no-try': `A probe without try/catch (it throws when the process is gone or not ours): ${REVIEW}.`,
  'test-assertion': `A probe inside a test assertion: ${REVIEW}.`,
  'probe-in-expression': `A probe inside a larger expression: ${REVIEW}.`,
  'try-finally': `A probe in a try with a finally: ${REVIEW}.`,
  'dynamic-callee': `A kill call through a computed or aliased callee: ${REVIEW}.`,
  'maybe-signal-zero': `A kill call whose signal may be 0: ${REVIEW}.`,
  'child-process-kill-zero': `ChildProcess#kill(0), which is not a liveness probe on every platform: ${REVIEW}.`,
};

const RULE_IDS = Object.keys(SHAPES) as ProbeShape[];

/** `cwd` anchors the relative paths (%SRCROOT%); `writing`: the rewrites were written. */
export function formatSarif(report: Report, fixes: SiteFixes, cwd: string, writing: boolean): string {
  const base = pathToFileURL(cwd.endsWith('/') || cwd.endsWith('\\') ? cwd : `${cwd}/`).href;
  const artifact = (path: string): Sarif.ArtifactLocation => ({ uri: encodeURI(path.replace(/\\/g, '/')), uriBaseId: '%SRCROOT%' });
  const results: Sarif.Result[] = [];
  const notifications: Sarif.Notification[] = [];
  for (const file of report.files) {
    file.sites.forEach((site, index) => {
      const rewrite = site.action === 'rewrite' && file.status === 'changed';
      const replacements = rewrite ? fixes.get(file.path)?.[index] : undefined;
      const flag = site.flag === null ? '' : ` with treatPermissionDeniedAsAlive: ${site.flag}`;
      const text = rewrite
        ? `${writing ? 'Rewritten' : 'Rewrite'} to pidIsAlive${flag}.${site.behaviourChange ? ` Behaviour change: ${site.reason ?? ''}` : ''}`
        : `Left for review: ${site.reason ?? (file.status === 'parse-error' ? 'the file has syntax errors' : 'not rewritten')}`;
      results.push({
        ruleId: site.shape,
        ruleIndex: RULE_IDS.indexOf(site.shape),
        level: 'warning',
        kind: rewrite && writing ? 'informational' : 'fail',
        message: { text },
        locations: [{ physicalLocation: { artifactLocation: artifact(file.path), region: { startLine: site.line, startColumn: site.column } } }],
        ...(replacements === undefined || writing
          ? {}
          : {
              fixes: [
                {
                  description: { text: `Use pidIsAlive from hermes-pid${flag} (the import is added if missing)` },
                  artifactChanges: [
                    {
                      artifactLocation: artifact(file.path),
                      replacements: replacements.map((r) => ({
                        deletedRegion: { startLine: r.startLine, startColumn: r.startColumn, endLine: r.endLine, endColumn: r.endColumn },
                        insertedContent: { text: r.text },
                      })),
                    },
                  ],
                },
              ],
            }),
      });
    });
  }
  // What the run did not process, with the text report's words; a left-out folder is an artifact too.
  for (const entry of notProcessed(report.files, report.leftOut)) {
    const region = entry.line === undefined ? {} : { region: { startLine: entry.line, startColumn: entry.column ?? 1 } };
    notifications.push({
      level: entry.level,
      message: { text: entry.reason },
      locations: [{ physicalLocation: { artifactLocation: artifact(entry.path), ...region } }],
      ...(entry.files === undefined ? {} : { properties: { files: entry.files } }),
    });
  }
  for (const problem of report.problems) notifications.push({ level: 'error', message: { text: problem } });
  // The typed pass's part: a warning per TypeScript file rewritten without its proof (the run still succeeded).
  const unchecked: Sarif.Notification[] = report.files.flatMap((file) =>
    file.notTypeChecked === undefined ? [] : [{ level: 'warning' as const, descriptor: { id: 'not-type-checked' }, message: { text: `Not type-checked: ${file.notTypeChecked}` }, locations: [{ physicalLocation: { artifactLocation: artifact(file.path) } }] }],
  );

  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'hermes-codemod',
            version: PACKAGE_VERSION,
            informationUri: 'https://www.npmjs.com/package/hermes-codemod',
            rules: RULE_IDS.map((id) => ({
              id,
              name: id.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toUpperCase()),
              shortDescription: { text: SHAPES[id].replace(/:.*$/, '.') },
              fullDescription: { text: SHAPES[id] },
              defaultConfiguration: { level: 'warning' },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: base } },
        invocations: [{ executionSuccessful: notifications.every((notification) => notification.level !== 'error'), toolExecutionNotifications: [...notifications, ...unchecked] }],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
