import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { resolveConstInitializer } from './resolve-const-initializer.js';
import type { AnalysisSource } from './source.js';
import { unwrapExpression } from './unwrap-expression.js';

const MAX_DEPTH = 8;

/**
 * Whether a `process.kill` pid argument names a process group rather than one process: `0` (this
 * process's own group), a negative literal (`-1`: every process we may signal), any unary minus
 * (`-child.pid`), or a `const` bound to one of those. Any other expression is taken as one pid.
 */
export function isGroupOrSelfPid(sourceCode: AnalysisSource, node: TSESTree.Node, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const value = unwrapExpression(node);
  switch (value.type) {
    case AST_NODE_TYPES.Literal:
      return value.value === 0;
    case AST_NODE_TYPES.UnaryExpression:
      return value.operator === '-' || (value.operator === '+' && isGroupOrSelfPid(sourceCode, value.argument, depth + 1));
    case AST_NODE_TYPES.Identifier: {
      const resolved = resolveConstInitializer(sourceCode, value);
      return resolved?.init !== undefined && isGroupOrSelfPid(sourceCode, resolved.init, depth + 1);
    }
    default:
      return false;
  }
}
