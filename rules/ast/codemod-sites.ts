import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { transformSource } from '../../src/codemod/transform.js';
import type { ProbeSite, TextEdit, TransformOptions, TransformResult } from '../../src/codemod/types.js';

export interface CodemodView {
  /** The engine's site whose range is exactly this call's, if it found one. */
  siteFor(call: TSESTree.CallExpression): ProbeSite | undefined;
  /** The import the engine adds when it rewrites any site. */
  readonly importEdit: TextEdit | undefined;
}

const NONE: CodemodView = { siteFor: () => undefined, importEdit: undefined };
const cache = new WeakMap<TSESTree.Program, CodemodView>();

/**
 * The codemod engine's view of a file, computed at most once per file and only when asked (the
 * rule asks only after it found a probe): lint suggestions and codemod rewrites come from one engine.
 * An engine failure must not break linting: the rule then falls back to its own inference.
 */
export function codemodView(sourceCode: Readonly<TSESLint.SourceCode>, fileName: string, sourceType?: string): CodemodView {
  const cached = cache.get(sourceCode.ast);
  if (cached !== undefined) return cached;
  // ESLint's sourceType stands in for package.json "type": a `commonjs` or `script` .js file is a sloppy-mode script.
  const moduleType = sourceType === undefined ? undefined : sourceType === 'module' ? 'module' : 'commonjs';
  const view = engineView(sourceCode.text, { fileName, ...(moduleType === undefined ? {} : { moduleType }) });
  cache.set(sourceCode.ast, view);
  return view;
}

function engineView(text: string, options: TransformOptions): CodemodView {
  let result: TransformResult;
  try {
    result = transformSource(text, options);
  } catch {
    return NONE;
  }
  const byRange = new Map(result.sites.map((site) => [`${site.start}:${site.end}`, site]));
  return { siteFor: (call) => byRange.get(`${call.range[0]}:${call.range[1]}`), importEdit: result.importEdit };
}
