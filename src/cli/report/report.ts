// What every format is made from: line and column ranges (SARIF's fixes), the list of what a run did
// not process, and how a name is shown where a control character would do harm.
import type { TextEdit } from '../../codemod/index.js';
import type { FileReport, LeftOutFolder, LeftOutReason, NotProcessed, Replacement } from '../types.js';

export const LEFT_OUT_REASON: Record<LeftOutReason, string> = {
  'build output': 'build output (next to a package.json)',
  hidden: 'hidden folder or file',
  dependencies: 'node_modules (tracked)',
  gitignored: '.gitignore',
};

/** Why a file was not processed, as every format says it. */
export function notProcessedReason(file: FileReport): string {
  return file.reason ?? file.error ?? `syntax error at ${file.parseErrors?.[0] ?? '?'}`;
}

/** Every file and folder the run did not process, files first (in report order), then left-out folders. */
export function notProcessed(files: readonly FileReport[], folders: readonly LeftOutFolder[]): NotProcessed[] {
  const list: NotProcessed[] = [];
  for (const file of files) {
    if (file.status !== 'parse-error' && file.status !== 'error' && file.status !== 'skipped') continue;
    const [line, column] = file.status === 'parse-error' ? (/^(\d+):(\d+)/.exec(file.parseErrors?.[0] ?? '')?.slice(1).map(Number) ?? []) : [];
    list.push({ path: file.path, reason: notProcessedReason(file), level: file.status === 'skipped' ? 'warning' : 'error', ...(line === undefined ? {} : { line, column }) });
  }
  for (const folder of folders) list.push({ path: folder.path, reason: LEFT_OUT_REASON[folder.reason], level: 'warning', files: folder.files });
  return list;
}

/**
 * A name as a terminal line may show it: control characters (a newline would split the line, an ESC
 * would drive the terminal) and lone surrogates become escapes (\n, \x1b, \u2028). Backslashes stay
 * as they are: they separate Windows paths. JSON and SARIF carry the exact name.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]|\p{Cs}/gu, (char) => {
    const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    const code = char.charCodeAt(0);
    return named[char] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
  });
}

/** Line/column form of text edits on `source`. */
export function toReplacements(source: string, edits: readonly TextEdit[]): Replacement[] {
  const lineStarts = [0];
  for (const match of source.matchAll(/\r\n|\r|\n/g)) lineStarts.push(match.index + match[0].length);
  const position = (offset: number): { line: number; column: number } => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1 };
  };
  return edits.map((edit) => {
    const start = position(edit.start);
    const end = position(edit.end);
    return { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column, text: edit.text };
  });
}
