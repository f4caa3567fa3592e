import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { isPresent } from './is-present.js';

/** TypeScript-only wrappers that do not change a value at run time. */
const TRANSPARENT = new Set<string>([
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSTypeAssertion,
  AST_NODE_TYPES.TSSatisfiesExpression,
  AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.TSInstantiationExpression,
  AST_NODE_TYPES.ChainExpression,
]);

type Transparent =
  | TSESTree.TSAsExpression
  | TSESTree.TSTypeAssertion
  | TSESTree.TSSatisfiesExpression
  | TSESTree.TSNonNullExpression
  | TSESTree.TSInstantiationExpression
  | TSESTree.ChainExpression;

function isTransparent(node: TSESTree.Node): node is Transparent {
  return TRANSPARENT.has(node.type);
}

/** `0 as any`, `<any>0`, `pid!`, `a?.b` (the chain wrapper): the expression inside. */
export function unwrapExpression(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (isTransparent(current)) current = current.expression;
  return current;
}

/** The outermost wrapper around `node` whose value is `node`'s (the reverse of unwrapExpression). */
export function outermostWrapper(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (isPresent(current.parent) && isTransparent(current.parent)) current = current.parent;
  return current;
}
