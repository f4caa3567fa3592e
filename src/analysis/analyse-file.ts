// The one entry point both hosts call: every probe site of a file, its shape, flag, action and
// edits, and the import the rewrite needs. The rule turns sites into diagnostics and suggestions,
// the codemod into a rewritten file.
import type { TSESTree } from '@typescript-eslint/types';
import { classifyProbeSite, type SiteAnalysis } from './classify-probe-site.js';
import { findProbes } from './find-probes.js';
import { usesSemicolons } from './house-style.js';
import { planImport } from './plan-import.js';
import type { AnalysisSource } from './source.js';
import type { ProbeSite, TextEdit } from './types.js';

export interface AnalysisOptions {
  /** Decides the module syntax of an added import (.cjs/.mjs, else the file's own syntax). */
  readonly fileName: string;
  /** The nearest package.json "type", for a .js/.jsx file whose own text does not tell. */
  readonly moduleType?: 'module' | 'commonjs' | undefined;
  /** Module to import `pidIsAlive` from. */
  readonly importSource: string;
  /** Skip every rewrite that changes behaviour. */
  readonly strict?: boolean | undefined;
  /** Add the import as `import x = require(..)` (TransformOptions.importEquals). */
  readonly importEquals?: boolean | undefined;
}

/** A site with the call it stands for. */
export type FileSite = ProbeSite & { readonly call: TSESTree.CallExpression };

export interface FileAnalysis {
  /** Every site in source order. */
  readonly sites: readonly FileSite[];
  /** The import to add or merge when any site is rewritten (undefined when the name is already imported). */
  readonly importEdit: TextEdit | undefined;
}

export const DEFAULT_IMPORT_SOURCE = 'hermes-pid';

function overlaps(a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  return a.some((x) => b.some((y) => x.start < y.end && y.start < x.end));
}

const cache = new WeakMap<TSESTree.Program, { readonly key: string; readonly analysis: FileAnalysis }>();

/** Analyses every probe of `source` (cached per tree and options: the rules ask once per file). */
export function analyseFile(source: AnalysisSource, options: AnalysisOptions): FileAnalysis {
  const key = JSON.stringify([options.fileName, options.moduleType, options.importSource, options.strict === true, options.importEquals === true]);
  const cached = cache.get(source.ast);
  if (cached?.key === key) return cached.analysis;
  const probes = findProbes(source);
  let analysis: FileAnalysis = { sites: [], importEdit: undefined };
  if (probes.length > 0) {
    const eol = source.text.includes('\r\n') ? '\r\n' : '\n';
    const semicolons = usesSemicolons(source);
    const plan = planImport(source, options.fileName, options.importSource, eol, options.moduleType, semicolons, options.importEquals === true);
    const context = { source, eol, strict: options.strict === true, callee: plan.callee, semicolons };
    const taken: TextEdit[] = [];
    const sites = probes.map(({ call, kind }) => {
      const { line, column } = positionAt(source.text, call.range[0]);
      let site: SiteAnalysis = classifyProbeSite(context, { call, kind });
      if (site.action === 'rewrite' && overlaps(site.edits, taken)) {
        site = { ...site, action: 'skip', reason: 'overlaps the rewrite of another probe; run the codemod again', edits: [] };
      }
      taken.push(...site.edits);
      return { call, start: call.range[0], end: call.range[1], line, column, ...site };
    });
    const rewriting = sites.some((site) => site.action === 'rewrite');
    analysis = { sites, importEdit: rewriting ? plan.edit : undefined };
  }
  cache.set(source.ast, { key, analysis });
  return analysis;
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
