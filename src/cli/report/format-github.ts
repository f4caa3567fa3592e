// --format github: GitHub Actions workflow commands, one annotation per site to rewrite or review.
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions
import type { Report } from '../types.js';
import { notProcessed, printable } from './report.js';

// The runner decodes %25, %0D, %0A (and %3A, %2C in properties); any other control character is
// written as an escape (\x1b), never raw, so that a file name cannot drive the log viewer.
const escapeData = (text: string): string => printable(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
const escapeProperty = (text: string): string => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

function command(level: 'warning' | 'error' | 'notice', properties: Record<string, string | number | undefined>, message: string): string {
  const props = Object.entries(properties)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${level}${props === '' ? '' : ` ${props}`}::${escapeData(message)}\n`;
}

/** `writing`: the run wrote its rewrites (no --dry or --check), so they are reported as done. */
export function formatGithub(report: Report, writing: boolean): string {
  let out = '';
  for (const file of report.files) {
    // Annotations take paths from the repository root, with forward slashes; the job runs there.
    const path = file.path.replace(/\\/g, '/');
    for (const site of file.sites) {
      const where = { file: path, line: site.line, col: site.column };
      if (site.action === 'rewrite' && file.status === 'changed') {
        const flag = site.flag === null ? '' : `, { treatPermissionDeniedAsAlive: ${site.flag} }`;
        const change = site.behaviourChange ? ` Behaviour change: ${site.reason ?? ''}` : '';
        out += command('warning', { ...where, title: `hermes-codemod: ${site.shape}` }, `${writing ? 'Rewritten' : 'Rewrite'} to pidIsAlive(…${flag}) (run hermes-codemod).${change}`);
      } else {
        const reason = site.reason ?? (file.status === 'parse-error' ? 'the file has syntax errors' : 'not rewritten');
        out += command('warning', { ...where, title: `hermes-codemod: review ${site.shape}` }, `Left for review: ${reason}`);
      }
    }
  }
  // What the run did not process, with the text report's words: files annotated, folders named.
  for (const entry of notProcessed(report.files, report.leftOut)) {
    const path = entry.path.replace(/\\/g, '/');
    const title = entry.files === undefined ? 'hermes-codemod: not processed' : `hermes-codemod: left out (${entry.files} ${entry.files === 1 ? 'file' : 'files'})`;
    const where = entry.files === undefined ? { file: path, line: entry.line, col: entry.column } : {};
    out += command(entry.level, { ...where, title }, `${printable(entry.path)}: ${entry.reason}`);
  }
  for (const problem of report.problems) out += command('error', { title: 'hermes-codemod' }, problem);
  const { summary } = report;
  const rewritten = Object.values(summary.sitesRewritten).reduce((n, c) => n + c, 0);
  out += `hermes-codemod: ${summary.filesScanned} files scanned, ${summary.filesChanged} ${writing ? 'changed' : 'to change'}, ${rewritten} sites ${writing ? 'rewritten' : 'to rewrite'}, ${summary.sitesLeft} left for review${summary.filesLeftOut > 0 ? `, ${summary.filesLeftOut} files left out (build output, hidden or .gitignore)` : ''}\n`;
  return out;
}
