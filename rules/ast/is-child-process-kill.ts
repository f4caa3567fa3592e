import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { getPropertyName } from './get-property-name.js';
import { unwrapExpression } from './unwrap-expression.js';

/**
 * `child.kill(...)` / `this.proc.kill(...)` with at most one argument and an object that is not Node's
 * `process` (those are in `processNodes`): the `ChildProcess#kill(signal)` shape.
 */
export function isChildProcessKill(call: TSESTree.CallExpression, processNodes: ReadonlySet<TSESTree.Node>): call is TSESTree.CallExpression & { callee: TSESTree.MemberExpression } {
  const callee = unwrapExpression(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || getPropertyName(callee) !== 'kill' || call.arguments.length > 1) return false;
  if (call.arguments[0]?.type === AST_NODE_TYPES.SpreadElement) return false;
  return !processNodes.has(callee.object) && !processNodes.has(unwrapExpression(callee.object));
}
