// Comment positions as TypeScript's scanner defines them (getLeadingCommentRanges and
// getTrailingCommentRanges), from the comments every ESTree parser lists.
import type { TSESTree } from '@typescript-eslint/types';
import type { AnalysisSource } from '../analysis/source.js';

type Comment = TSESTree.Comment;

function commentsBetween(source: AnalysisSource, low: number, high: number): Comment[] {
  return (source.ast.comments ?? []).filter((comment) => comment.range[0] >= low && comment.range[1] <= high);
}

/**
 * The comments that lead the token at `start`, whose previous token ends at `previousEnd`: those on
 * the lines below the previous token (one on its own line is its trailing comment), or from the
 * start of the file.
 */
export function leadingComments(source: AnalysisSource, previousEnd: number, start: number): Comment[] {
  const newline = previousEnd === 0 ? 0 : source.text.indexOf('\n', previousEnd);
  if (newline === -1 || newline >= start) return [];
  return commentsBetween(source, newline, start);
}

/** The comments after `end` on the same line, up to the first newline or code. */
export function trailingComments(source: AnalysisSource, end: number): Comment[] {
  const found: Comment[] = [];
  let position = end;
  for (const comment of (source.ast.comments ?? []).filter((c) => c.range[0] >= end).sort((a, b) => a.range[0] - b.range[0])) {
    const gap = source.text.slice(position, comment.range[0]);
    if (!/^[ \t]*$/.test(gap)) break;
    found.push(comment);
    position = comment.range[1];
    if (source.text.slice(comment.range[0], comment.range[1]).includes('\n')) break;
  }
  return found;
}

/** Comments inside `nodes` (in source order), except those inside `excluded`. */
export function commentsWithin(source: AnalysisSource, nodes: readonly TSESTree.Node[], excluded: readonly (readonly [number, number])[]): string[] {
  const seen = new Map<number, string>();
  for (const node of nodes) {
    for (const comment of commentsBetween(source, node.range[0], node.range[1])) {
      if (excluded.some(([start, end]) => comment.range[0] >= start && comment.range[1] <= end)) continue;
      seen.set(comment.range[0], source.text.slice(comment.range[0], comment.range[1]));
    }
  }
  return [...seen.entries()].sort((a, b) => a[0] - b[0]).map(([, comment]) => comment);
}
