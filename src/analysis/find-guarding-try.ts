import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { isFunctionNode } from './is-function-node.js';
import { isPresent } from './is-present.js';

/** The nearest `try` whose block runs `node` synchronously (stops at a function boundary). */
export function findGuardingTry(node: TSESTree.Node): TSESTree.TryStatement | undefined {
  let child = node;
  for (let parent = node.parent; isPresent(parent); child = parent, parent = parent.parent) {
    if (isFunctionNode(parent)) return undefined;
    if (parent.type === AST_NODE_TYPES.TryStatement && parent.block === child) return parent;
  }
  return undefined;
}
