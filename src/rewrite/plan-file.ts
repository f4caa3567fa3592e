// The one entry point both hosts call: the analysis of every probe site (src/analysis/) with the text
// of its rewrite and of the import it needs. The rule turns sites into diagnostics and suggestions,
// the codemod into a rewritten file.
import type { TSESTree } from '@typescript-eslint/types';
import { analyseFile, type AnalysedSite } from '../analysis/analyse-file.js';
import type { AnalysisSource } from '../analysis/source.js';
import type { ProbeSite, TextEdit } from '../analysis/types.js';
import { usesSemicolons } from './house-style.js';
import { planImport } from './plan-import.js';
import { siteEdits } from './site-edits.js';

export interface PlanOptions {
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

export interface FilePlan {
  /** Every site in source order. */
  readonly sites: readonly FileSite[];
  /** The import to add or merge when any site is rewritten (undefined when the name is already imported). */
  readonly importEdit: TextEdit | undefined;
}

export const DEFAULT_IMPORT_SOURCE = 'hermes-pid';

function overlaps(a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  return a.some((x) => b.some((y) => x.start < y.end && y.start < x.end));
}

/** The site with `edits` where the analysis had its rewrite: the key order --json prints stays the analysis' own. */
function withEdits(site: AnalysedSite, edits: readonly TextEdit[]): FileSite {
  // A loop, not Object.fromEntries(Object.entries(..)): the rule pays this for every site of every file.
  const out: Record<string, unknown> = {};
  for (const key in site) {
    if (key === 'rewrite') out.edits = edits;
    else out[key] = site[key as keyof AnalysedSite];
  }
  return out as unknown as FileSite;
}

const cache = new WeakMap<TSESTree.Program, { readonly key: string; readonly plan: FilePlan }>();

/** Every probe of `source` with its rewrite (cached per tree and options: the rules ask once per file). */
export function planFile(source: AnalysisSource, options: PlanOptions): FilePlan {
  const key = JSON.stringify([options.fileName, options.moduleType, options.importSource, options.strict === true, options.importEquals === true]);
  const cached = cache.get(source.ast);
  if (cached?.key === key) return cached.plan;
  const { sites: analysed } = analyseFile(source, { strict: options.strict });
  let plan: FilePlan = { sites: [], importEdit: undefined };
  if (analysed.length > 0) {
    const eol = source.text.includes('\r\n') ? '\r\n' : '\n';
    const semicolons = usesSemicolons(source);
    const imported = planImport(source, options.fileName, options.importSource, eol, options.moduleType, semicolons, options.importEquals === true);
    const context = { source, eol, callee: imported.callee, semicolons };
    const taken: TextEdit[] = [];
    const sites = analysed.map((analysis) => {
      let site = withEdits(analysis, analysis.rewrite === undefined ? [] : siteEdits(context, analysis.call, analysis.rewrite));
      if (site.action === 'rewrite' && overlaps(site.edits, taken)) {
        site = { ...site, action: 'skip', reason: 'overlaps the rewrite of another probe; run the codemod again', edits: [] };
      }
      taken.push(...site.edits);
      return site;
    });
    const rewriting = sites.some((site) => site.action === 'rewrite');
    plan = { sites, importEdit: rewriting ? imported.edit : undefined };
  }
  cache.set(source.ast, { key, plan });
  return plan;
}
