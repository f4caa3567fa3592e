// Every probe site of a file: what it is (shape, flag, action, reason) and what its rewrite would
// replace. The text of the rewrite and of the import is planned above, by src/rewrite/plan-file.ts,
// which both hosts call.
import type { TSESTree } from '@typescript-eslint/types';
import { classifyProbeSite, type SiteAnalysis } from './classify-probe-site.js';
import { findProbes } from './find-probes.js';
import type { AnalysisSource } from './source.js';
import type { ProbeSite } from './types.js';

export interface AnalysisOptions {
  /** Skip every rewrite that changes behaviour. */
  readonly strict?: boolean | undefined;
}

/** A site with the call it stands for and where it stands. */
export type AnalysedSite = Pick<ProbeSite, 'start' | 'end' | 'line' | 'column'> & SiteAnalysis & { readonly call: TSESTree.CallExpression };

export interface FileAnalysis {
  /** Every site in source order. */
  readonly sites: readonly AnalysedSite[];
}

/** Analyses every probe of `source`. */
export function analyseFile(source: AnalysisSource, options: AnalysisOptions = {}): FileAnalysis {
  const context = { source, strict: options.strict === true };
  return {
    sites: findProbes(source).map(({ call, kind }) => {
      const { line, column } = positionAt(source.text, call.range[0]);
      return { call, start: call.range[0], end: call.range[1], line, column, ...classifyProbeSite(context, { call, kind }) };
    }),
  };
}

/** Where each line of the last text asked about starts: a file with several sites scans its text once. */
let linesOf: { readonly text: string; readonly starts: readonly number[] } | undefined;

/** The offsets where lines start: lines end at \n, \r\n, \r, U+2028 and U+2029, as ESLint counts them. */
function lineStarts(text: string): readonly number[] {
  if (linesOf?.text === text) return linesOf.starts;
  const starts = [0];
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === 10 || code === 0x2028 || code === 0x2029 || (code === 13 && text.charCodeAt(at + 1) !== 10)) starts.push(at + 1);
  }
  linesOf = { text, starts };
  return starts;
}

/** ESLint's 1-based line and column of `index` (the codemod's parse keeps no `loc`). */
function positionAt(text: string, index: number): { line: number; column: number } {
  const starts = lineStarts(text);
  // The last line that starts at or before `index`.
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] as number) <= index) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: index - (starts[low] as number) + 1 };
}
