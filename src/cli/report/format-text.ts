// The text report: the summary table, the sites rewritten and left for review, coloured diffs.
import pc from 'picocolors';
import { PACKAGE_NAME } from '../../meta.js';
import type { FileReport, LeftOutFolder, Summary } from '../types.js';
import { LEFT_OUT_REASON, notProcessedReason, printable } from './report.js';

/** Whether the run writes: --dry and --check say "would be". */
interface RunMode {
  readonly dry: boolean;
  readonly check: boolean;
}

export function formatDependencies(report: { range: string; changed: readonly string[]; notes: readonly string[] }, options: RunMode): string {
  let out = '';
  if (report.changed.length > 0) {
    out += `\n${pc.green(`${PACKAGE_NAME} ${report.range} ${options.dry || options.check ? 'would be ' : ''}added to dependencies`)} in:\n`;
    for (const path of report.changed) out += `  ${printable(path)}\n`;
    if (!options.dry && !options.check) out += `Run your package manager's install (npm install, pnpm install, yarn) to fetch it.\n`;
  }
  if (report.notes.length > 0) {
    out += `\n${pc.yellow('Dependency not added')}:\n`;
    for (const note of report.notes) out += `  ${printable(note)}\n`;
  }
  return out;
}

export function summarise(filesScanned: number, reports: readonly FileReport[], packageJsonsChanged = 0, filesLeftOut = 0): Summary {
  const sitesRewritten: Record<string, number> = {};
  let sitesLeft = 0;
  let behaviourChanges = 0;
  for (const report of reports) {
    for (const site of report.sites) {
      if (site.action === 'rewrite' && report.status === 'changed') {
        sitesRewritten[site.shape] = (sitesRewritten[site.shape] ?? 0) + 1;
        if (site.behaviourChange) behaviourChanges++;
      } else {
        sitesLeft++;
      }
    }
  }
  return {
    filesScanned,
    filesChanged: reports.filter((r) => r.status === 'changed').length,
    sitesRewritten,
    sitesLeft,
    behaviourChanges,
    parseErrors: reports.filter((r) => r.status === 'parse-error').length,
    errors: reports.filter((r) => r.status === 'error').length,
    filesSkipped: reports.filter((r) => r.status === 'skipped').length,
    packageJsonsChanged,
    filesLeftOut,
  };
}

const LEFT_OUT_SHOWN = 20;

/** The folders a run left out, with how to include them. */
export function formatLeftOut(folders: readonly LeftOutFolder[]): string {
  if (folders.length === 0) return '';
  const files = folders.reduce((n, folder) => n + folder.files, 0);
  const example = folders.find((folder) => folder.reason === 'build output' || folder.reason === 'gitignored') ?? folders[0];
  const name = printable(example?.path.slice(0, -1) ?? 'dist');
  let out = `\n${pc.yellow('Left out')} (${files} ${files === 1 ? 'file' : 'files'} not processed; name a folder or a glob to include it, e.g. hermes-codemod ${name} or hermes-codemod '${name}/**/*.js'):\n`;
  const shown = folders.slice(0, LEFT_OUT_SHOWN).map((folder) => ({ ...folder, path: printable(folder.path) }));
  const width = Math.max(...shown.map((folder) => folder.path.length));
  for (const folder of shown) out += `  ${folder.path.padEnd(width)}  ${String(folder.files).padStart(5)}  ${LEFT_OUT_REASON[folder.reason]}\n`;
  if (folders.length > LEFT_OUT_SHOWN) out += `  ... and ${folders.length - LEFT_OUT_SHOWN} more folders (--json lists them all)\n`;
  return out;
}

export function coloredDiff(patch: string): string {
  return (
    patch
      .split('\n')
      .filter((line) => !line.startsWith('====='))
      .map((line) => {
        if (line.startsWith('+++') || line.startsWith('---')) return pc.bold(line);
        if (line.startsWith('@@')) return pc.cyan(line);
        if (line.startsWith('+')) return pc.green(line);
        if (line.startsWith('-')) return pc.red(line);
        return line;
      })
      .join('\n') + '\n'
  );
}

// Said once per run, not per site: every rewritten probe gets it, and it fixes the old code.
const ZOMBIE_NOTE = 'On Linux pidIsAlive reads a zombie (a process that has exited but was not reaped) as dead, where process.kill(pid, 0) called it alive.';

export function formatSummary(summary: Summary, reports: readonly FileReport[], options: RunMode): string {
  const verb = options.dry || options.check ? 'would be ' : '';
  const rows: [string, string][] = [
    ['files scanned', String(summary.filesScanned)],
    [`files ${verb}changed`, String(summary.filesChanged)],
  ];
  const rewritten = Object.entries(summary.sitesRewritten).sort();
  rows.push([`sites ${verb}rewritten`, String(rewritten.reduce((n, [, c]) => n + c, 0))]);
  for (const [shape, count] of rewritten) rows.push([`  ${shape}`, String(count)]);
  rows.push(['  of which change behaviour', String(summary.behaviourChanges)]);
  rows.push(['sites left for review', String(summary.sitesLeft)]);
  rows.push(['parse errors', String(summary.parseErrors)]);
  if (summary.filesSkipped > 0) rows.push(['files skipped', String(summary.filesSkipped)]);
  if (summary.filesLeftOut > 0) rows.push(['files left out', String(summary.filesLeftOut)]);
  if (summary.errors > 0) rows.push(['I/O errors', String(summary.errors)]);
  const width = Math.max(...rows.map(([label]) => label.length));
  let out = `\n${pc.bold('hermes-codemod summary')}\n${rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value.padStart(5)}`).join('\n')}\n`;

  const rewrittenSites = reports.flatMap((r) => (r.status === 'changed' ? r.sites.filter((s) => s.action === 'rewrite').map((s) => ({ r, s })) : []));
  if (rewrittenSites.length > 0) {
    out += `\n${pc.green(`Rewritten${verb === '' ? '' : ' (dry run)'}`)}: file:line:column  shape  treatPermissionDeniedAsAlive\n`;
    const where = rewrittenSites.map(({ r, s }) => `${printable(r.path)}:${s.line}:${s.column}`);
    const pad = Math.max(...where.map((w) => w.length));
    rewrittenSites.forEach(({ s }, i) => {
      const change = s.behaviourChange ? `  ${pc.yellow('behaviour change')}: ${s.reason ?? ''}` : '';
      out += `${`  ${(where[i] ?? '').padEnd(pad)}  ${s.shape.padEnd(18)}  ${String(s.flag).padEnd(5)}${change}`.trimEnd()}\n`;
    });
    if (summary.behaviourChanges > 0) out += `  (--strict skips the rewrites that change behaviour)\n`;
    out += `  ${ZOMBIE_NOTE}\n`;
  }
  // The typed pass's part: TypeScript files rewritten without its proof, each with why.
  const unchecked = reports.filter((r) => r.notTypeChecked !== undefined);
  if (unchecked.length > 0) {
    out += `\n${pc.yellow('Not type-checked')} (rewritten without proof that no TypeScript error is added):\n`;
    for (const r of unchecked) out += `  ${r.path}: ${r.notTypeChecked ?? ''}\n`;
  }
  const left = reports.flatMap((r) => r.sites.filter((s) => s.action === 'skip' || r.status !== 'changed').map((s) => ({ r, s })));
  if (left.length > 0) {
    out += `\n${pc.yellow('Left for review')}:\n`;
    for (const { r, s } of left) out += `  ${printable(r.path)}:${s.line}:${s.column}  ${s.shape}: ${printable(s.reason ?? (r.status === 'parse-error' ? 'the file has syntax errors' : 'not rewritten'))}\n`;
  }
  const broken = reports.filter((r) => r.status === 'parse-error' || r.status === 'error' || r.status === 'skipped');
  if (broken.length > 0) {
    out += `\n${pc.red('Not processed')} (nothing written for these):\n`;
    for (const r of broken) out += `  ${printable(r.path)}: ${printable(notProcessedReason(r))}\n`;
  }
  return out;
}
