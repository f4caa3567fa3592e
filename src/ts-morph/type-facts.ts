// TypeFacts from TypeScript's checker: what the type of an ESTree node's text is, found by range in
// the checker's own source file (the same text, so the same offsets).
import type { TSESTree } from '@typescript-eslint/types';
import type { ts } from 'ts-morph';
import { typescript } from './ts-morph-module.js';
import type * as TypeScript from 'typescript';
import { isChildProcessType, type TypeScriptModule } from '../analysis/is-child-process-type.js';
import type { TypeFacts } from '../analysis/type-facts.js';

/** The innermost expression of `sourceFile` spanning exactly `start`-`end`. */
function expressionAt(sourceFile: ts.SourceFile, start: number, end: number): ts.Node | undefined {
  let found: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    if (node.getStart(sourceFile) === start && node.end === end && typescript.isExpression(node)) found = node;
    typescript.forEachChild(node, (child) => (child.pos <= start && child.end >= end ? visit(child) : undefined));
  };
  visit(sourceFile);
  return found;
}

/** Unknown to the checker: `any`, `unknown` or an unresolved type. */
function untyped(type: ts.Type): boolean {
  return (type.flags & (typescript.TypeFlags.Any | typescript.TypeFlags.Unknown)) !== 0;
}

export function checkerTypeFacts(checker: ts.TypeChecker, sourceFile: ts.SourceFile): TypeFacts {
  const typeOf = (node: TSESTree.Node): ts.Type | undefined => {
    const expression = expressionAt(sourceFile, node.range[0], node.range[1]);
    if (expression === undefined) return undefined;
    const type = checker.getTypeAtLocation(expression);
    return untyped(type) ? undefined : type;
  };
  return {
    isChildProcess(node) {
      const type = typeOf(node);
      // The shared rule (src/analysis/is-child-process-type.ts), as typed linting answers it.
      return type === undefined ? undefined : isChildProcessType(typescript as unknown as TypeScriptModule, checker as unknown as TypeScript.TypeChecker, type as unknown as TypeScript.Type);
    },
    isString(node) {
      const type = typeOf(node);
      return type === undefined ? undefined : (type.flags & typescript.TypeFlags.StringLike) !== 0;
    },
  };
}
