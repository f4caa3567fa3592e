// The rules' AnalysisSource: ESLint's SourceCode, plus TypeFacts answered by the type checker when the
// user lints with type information (typescript-eslint's parserOptions.project / projectService).
// Without it the SourceCode itself is handed over, as before, and TypeScript is never loaded here.
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type * as TypeScript from 'typescript';
import type { AnalysisSource } from '../../src/analysis/source.js';
import type { TypeFacts } from '../../src/analysis/type-facts.js';
import { nodeRequire } from '../../src/internal/node-require.js';

/** Type names of a child process, as the analysis reads annotations (src/analysis/is-spawn-call.ts). */
const CHILD_TYPE_NAME = /^(?:ChildProcess\w*|ExecaChildProcess|ResultPromise|Subprocess)$/;
const MAX_BASE_DEPTH = 5;

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
  const NULLISH = ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void;

  /** The value's type split into its non-nullish parts; undefined when the checker cannot tell. */
  const partsOf = (node: TSESTree.Node): readonly TypeScript.Type[] | undefined => {
    const tsNode = nodeMap.get(node as never) as TypeScript.Node | undefined;
    if (tsNode === undefined) return undefined;
    const type = checker.getTypeAtLocation(tsNode);
    if ((type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0) return undefined;
    const parts = (type.isUnion() ? type.types : [type]).filter((part) => (part.flags & NULLISH) === 0);
    return parts.length === 0 ? undefined : parts;
  };

  const isChildType = (type: TypeScript.Type, depth: number): boolean => {
    if (type.isIntersection()) return type.types.some((part) => isChildType(part, depth));
    const symbol = type.aliasSymbol ?? type.getSymbol();
    if (symbol !== undefined && CHILD_TYPE_NAME.test(symbol.getName())) return true;
    // class Worker extends ChildProcess, interface Spawned extends ChildProcess
    if (depth >= MAX_BASE_DEPTH || !type.isClassOrInterface()) return false;
    return (checker.getBaseTypes(type) as readonly TypeScript.Type[]).some((base) => isChildType(base, depth + 1));
  };

  return {
    isChildProcess(node) {
      const parts = partsOf(node);
      return parts === undefined ? undefined : parts.every((part) => isChildType(part, 0));
    },
    isString(node) {
      const parts = partsOf(node);
      return parts === undefined ? undefined : parts.every((part) => (part.flags & ts.TypeFlags.StringLike) !== 0);
    },
  };
}
