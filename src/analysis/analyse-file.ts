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

/** ESLint's 1-based line and column of `index`: lines end at \n, \r\n, \r, U+2028 and U+2029 (the codemod's parse keeps no `loc`). */
function positionAt(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = 0; at < index; at++) {
    const code = text.charCodeAt(at);
    if (code === 10 || code === 0x2028 || code === 0x2029 || (code === 13 && text.charCodeAt(at + 1) !== 10)) {
      line++;
      lineStart = at + 1;
    }
  }
  return { line, column: index - lineStart + 1 };
}
