import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { resolveConstInitializer } from './resolve-const-initializer.js';
import type { AnalysisSource } from './source.js';
import { unwrapExpression } from './unwrap-expression.js';

const MAX_DEPTH = 8;

/**
 * `'zero'` when `node` always sends signal 0: `0`, `-0`, `0 as any`, `<any>0`, a `const` bound to one
 * of those; `'maybe'` when only some branches do: `sig || 0`, `sig ?? 0`, `check ? 0 : 'SIGTERM'`.
 */
export function signalZero(sourceCode: AnalysisSource, node: TSESTree.Node, depth = 0): 'zero' | 'maybe' | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const value = unwrapExpression(node);
  switch (value.type) {
    case AST_NODE_TYPES.Literal:
      return value.value === 0 ? 'zero' : undefined;
    case AST_NODE_TYPES.UnaryExpression:
      return value.operator === '-' || value.operator === '+' ? signalZero(sourceCode, value.argument, depth + 1) : undefined;
    case AST_NODE_TYPES.Identifier: {
      const resolved = resolveConstInitializer(sourceCode, value);
      return resolved?.init === undefined ? undefined : signalZero(sourceCode, resolved.init, depth + 1);
    }
    case AST_NODE_TYPES.LogicalExpression:
      return value.operator !== '&&' && signalZero(sourceCode, value.right, depth + 1) !== undefined ? 'maybe' : undefined;
    case AST_NODE_TYPES.ConditionalExpression: {
      const branches = [signalZero(sourceCode, value.consequent, depth + 1), signalZero(sourceCode, value.alternate, depth + 1)];
      if (branches[0] === 'zero' && branches[1] === 'zero') return 'zero';
      return branches.some((branch) => branch !== undefined) ? 'maybe' : undefined;
    }
    default:
      return undefined;
  }
}

/** Whether `node` sends signal 0 in at least one branch. */
export function isSignalZero(sourceCode: AnalysisSource, node: TSESTree.Node): boolean {
  return signalZero(sourceCode, node) !== undefined;
}
