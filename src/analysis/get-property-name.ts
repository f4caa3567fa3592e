import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';

/** The static name of a member access or object-pattern key: `a.kill`, `a['kill']`, `` a[`kill`] ``, `{ kill }`. */
export function getPropertyName(node: TSESTree.MemberExpression | TSESTree.Property): string | undefined {
  const key = node.type === AST_NODE_TYPES.MemberExpression ? node.property : node.key;
  if (!node.computed) return key.type === AST_NODE_TYPES.Identifier ? key.name : undefined;
  if (key.type === AST_NODE_TYPES.Literal && typeof key.value === 'string') return key.value;
  if (key.type === AST_NODE_TYPES.TemplateLiteral && key.expressions.length === 0) return key.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}
