// TypeFacts from TypeScript's checker: what the type of an ESTree node's text is, found by range in
// the checker's own source file (the same text, so the same offsets).
import type { TSESTree } from '@typescript-eslint/types';
import { ts } from 'ts-morph';
import type { TypeFacts } from '../analysis/type-facts.js';

/** The innermost expression of `sourceFile` spanning exactly `start`-`end`. */
function expressionAt(sourceFile: ts.SourceFile, start: number, end: number): ts.Node | undefined {
  let found: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    if (node.getStart(sourceFile) === start && node.end === end && ts.isExpression(node)) found = node;
    ts.forEachChild(node, (child) => (child.pos <= start && child.end >= end ? visit(child) : undefined));
  };
  visit(sourceFile);
  return found;
}

/** Declared in @types/node's `child_process` module (`declare module 'child_process'` or 'node:child_process'). */
function inChildProcessModule(declaration: ts.Declaration): boolean {
  for (let node: ts.Node | undefined = declaration.parent; node !== undefined; node = node.parent) {
    if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name) && /^(?:node:)?child_process$/.test(node.name.text)) return true;
  }
  return false;
}

function isChildProcessType(checker: ts.TypeChecker, type: ts.Type, depth = 0): boolean {
  if (depth > 8) return false;
  if (type.isUnion()) {
    const values = type.types.filter((member) => (member.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)) === 0);
    return values.length > 0 && values.every((member) => isChildProcessType(checker, member, depth + 1));
  }
  const symbol = type.getSymbol();
  if (symbol?.getName() === 'ChildProcess' && symbol.declarations?.some(inChildProcessModule) === true) return true;
  const target = (type as ts.TypeReference).target ?? type;
  if (target.isClassOrInterface()) return checker.getBaseTypes(target).some((base) => isChildProcessType(checker, base, depth + 1));
  return false;
}

/** Unknown to the checker: `any`, `unknown` or an unresolved type. */
function untyped(type: ts.Type): boolean {
  return (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0;
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
      return type === undefined ? undefined : isChildProcessType(checker, type);
    },
    isString(node) {
      const type = typeOf(node);
      return type === undefined ? undefined : (type.flags & ts.TypeFlags.StringLike) !== 0;
    },
  };
}
