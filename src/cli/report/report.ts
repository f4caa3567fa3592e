// The report every output format is made from (--json prints it as is).
import type { TextEdit } from '../../codemod/index.js';
import type { FileReport, Summary } from '../run-codemod.js';

export interface Report {
  readonly summary: Summary;
  readonly files: readonly FileReport[];
  readonly problems: readonly string[];
}

/** A rewrite as line/column ranges (1-based, columns in UTF-16 code units, end exclusive). */
export interface Replacement {
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly text: string;
}

/**
 * The rewrite of each site of one file (index = site index; undefined for sites not rewritten), its
 * import included: what SARIF's `fix` carries. Kept apart from the report so --json stays as it was.
 */
export type SiteFixes = ReadonlyMap<string, readonly (readonly Replacement[] | undefined)[]>;

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
