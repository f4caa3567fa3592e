// Every probe site of a file: what it is (shape, flag, action, reason) and what its rewrite would
// replace. The text of the rewrite and of the import is planned above, by src/rewrite/plan-file.ts,
// which both hosts call.
import type { TSESTree } from '@typescript-eslint/types';
import { classifyProbeSite, type SiteAnalysis } from './classify-probe-site.js';
import { findProbes } from './find-probes.js';
import { lineIndexAt, lineStarts } from './line-starts.js';
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

/** ESLint's 1-based line and column of `index` (the codemod's parse keeps no `loc`). */
function positionAt(text: string, index: number): { line: number; column: number } {
  if (linesOf?.text !== text) linesOf = { text, starts: lineStarts(text) };
  const { starts } = linesOf;
  const line = lineIndexAt(starts, index);
  return { line: line + 1, column: index - (starts[line] as number) + 1 };
}
