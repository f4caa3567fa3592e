// --format github: GitHub Actions workflow commands, one annotation per site to rewrite or review.
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions
import type { Report } from '../types.js';

const escapeData = (text: string): string => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
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
    if (file.status === 'parse-error') {
      const first = file.parseErrors?.[0] ?? '';
      const [line, col] = /^(\d+):(\d+)/.exec(first)?.slice(1) ?? [];
      out += command('error', { file: path, line, col, title: 'hermes-codemod: syntax error' }, `Not processed: syntax error at ${first}`);
    } else if (file.status === 'error') {
      out += command('error', { file: path, title: 'hermes-codemod: error' }, file.error ?? 'error');
    }
  }
  for (const problem of report.problems) out += command('error', { title: 'hermes-codemod' }, problem);
  const { summary } = report;
  const rewritten = Object.values(summary.sitesRewritten).reduce((n, c) => n + c, 0);
  out += `hermes-codemod: ${summary.filesScanned} files scanned, ${summary.filesChanged} ${writing ? 'changed' : 'to change'}, ${rewritten} sites ${writing ? 'rewritten' : 'to rewrite'}, ${summary.sitesLeft} left for review\n`;
  return out;
}
