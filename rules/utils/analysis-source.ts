// The rules' AnalysisSource: ESLint's SourceCode, plus TypeFacts answered by the type checker when the
// user lints with type information (typescript-eslint's parserOptions.project / projectService).
// Without it the SourceCode itself is handed over, as before, and TypeScript is never loaded here.
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type * as TypeScript from 'typescript';
import { isChildProcessType } from '../../src/analysis/is-child-process-type.js';
import type { AnalysisSource } from '../../src/analysis/source.js';
import type { TypeFacts } from '../../src/analysis/type-facts.js';
import { nodeRequire } from '../../src/internal/node-require.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Services = Partial<NonNullable<SourceCode['parserServices']>>;

/**
 * One per tree, shared by the four rules: the analysis caches what it finds per tree. Keyed by the tree,
 * not the SourceCode: oxlint hands every file the same SourceCode object.
 */
const typedSources = new WeakMap<TSESTree.Program, AnalysisSource>();

/** What the rules hand the analysis for this file. */
export function analysisSourceOf(sourceCode: SourceCode): AnalysisSource {
  const services = sourceCode.parserServices as Services | undefined;
  if (services?.program === null || services?.program === undefined) return sourceCode;
  const cached = typedSources.get(sourceCode.ast);
  if (cached !== undefined) return cached;
  const types = checkerTypeFacts(services);
  const source: AnalysisSource =
    types === undefined
      ? sourceCode
      : {
          text: sourceCode.text,
          ast: sourceCode.ast,
          scopeManager: sourceCode.scopeManager,
          getScope: (node) => sourceCode.getScope(node),
          getDeclaredVariables: (node) => sourceCode.getDeclaredVariables(node),
          types,
        };
  typedSources.set(sourceCode.ast, source);
  return source;
}

/** TypeFacts from typescript-eslint's program, or undefined when the file was parsed without one. */
function checkerTypeFacts(services: Services | undefined): TypeFacts | undefined {
  const program = services?.program;
  const nodeMap = services?.esTreeNodeToTSNodeMap;
  if (program === null || program === undefined || nodeMap === undefined) return undefined;
  // The user's parser has loaded TypeScript already: this require costs nothing.
  const ts = nodeRequire('typescript') as typeof TypeScript;
  const checker = program.getTypeChecker();

  /** The value's type; undefined when the checker cannot tell (`any`, `unknown`, no node). */
  const typeOf = (node: TSESTree.Node): TypeScript.Type | undefined => {
    const tsNode = nodeMap.get(node as never) as TypeScript.Node | undefined;
    if (tsNode === undefined) return undefined;
    const type = checker.getTypeAtLocation(tsNode);
    return (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0 ? undefined : type;
  };
  const NULLISH = ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void;

  return {
    isChildProcess(node) {
      const type = typeOf(node);
      return type === undefined ? undefined : isChildProcessType(ts, checker, type);
    },
    isString(node) {
      const type = typeOf(node);
      if (type === undefined) return undefined;
      const parts = (type.isUnion() ? type.types : [type]).filter((part) => (part.flags & NULLISH) === 0);
      return parts.length === 0 ? undefined : parts.every((part) => (part.flags & ts.TypeFlags.StringLike) !== 0);
    },
  };
}
