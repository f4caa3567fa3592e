// Line and column ranges for the formats that point at a site (SARIF's fixes).
import type { TextEdit } from '../../codemod/index.js';
import type { Replacement } from '../types.js';

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
