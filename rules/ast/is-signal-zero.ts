import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { resolveConstInitializer } from './resolve-const-initializer.js';
import { unwrapExpression } from './unwrap-expression.js';

const MAX_DEPTH = 8;

/**
 * Whether `node` sends signal 0, in at least one branch: `0`, `-0`, `0 as any`, `<any>0`, a `const`
 * initialised to one of those, `sig || 0`, `sig ?? 0`, `check ? 0 : 'SIGTERM'`.
 */
export function isSignalZero(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const value = unwrapExpression(node);
  switch (value.type) {
    case AST_NODE_TYPES.Literal:
      return value.value === 0;
    case AST_NODE_TYPES.UnaryExpression:
      return (value.operator === '-' || value.operator === '+') && isZeroLiteral(unwrapExpression(value.argument));
    case AST_NODE_TYPES.Identifier: {
      const resolved = resolveConstInitializer(sourceCode, value);
      return resolved?.init !== undefined && isSignalZero(sourceCode, resolved.init, depth + 1);
    }
    case AST_NODE_TYPES.LogicalExpression:
      return value.operator !== '&&' && isSignalZero(sourceCode, value.right, depth + 1);
    case AST_NODE_TYPES.ConditionalExpression:
      return isSignalZero(sourceCode, value.consequent, depth + 1) || isSignalZero(sourceCode, value.alternate, depth + 1);
    default:
      return false;
  }
}

function isZeroLiteral(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.Literal && node.value === 0;
}
