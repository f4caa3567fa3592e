// What the analysis needs from its host: the text, an ESTree tree with parents, ranges and
// comments (no `loc`, no tokens), and scope analysis. ESLint's SourceCode is one; the codemod builds another (src/codemod/parse.ts).
// Only types come from @typescript-eslint/utils (its index loads ESLint): at run time the analysis
// needs @typescript-eslint/types alone, and never a parser.
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { TypeFacts } from './type-facts.js';

type Scope = TSESLint.Scope.Scope;
type Variable = TSESLint.Scope.Variable;

export interface AnalysisSource {
  /** The file's text without a BOM; every range indexes it. */
  readonly text: string;
  readonly ast: TSESTree.Program;
  readonly scopeManager: TSESLint.Scope.ScopeManager | null;
  getScope(node: TSESTree.Node): Scope;
  getDeclaredVariables(node: TSESTree.Node): readonly Variable[];
  /** Type facts, from a host that has a type checker; absent, scope analysis alone decides. */
  readonly types?: TypeFacts;
}

/** The variable `identifier` refers to, looked up from its scope outwards (ESLint's findVariable). */
export function findVariable(source: AnalysisSource, identifier: TSESTree.Identifier): Variable | undefined {
  for (let scope: Scope | null = source.getScope(identifier); scope !== null; scope = scope.upper) {
    const variable = scope.set.get(identifier.name);
    if (variable !== undefined) return variable;
  }
  return undefined;
}
