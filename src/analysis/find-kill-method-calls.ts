import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { mentionsKill } from './mentions-kill.js';
import type { AnalysisSource } from './source.js';
import { unwrapExpression } from './unwrap-expression.js';
import { nodeAtIndex } from './walk.js';

const cache = new WeakMap<TSESTree.Program, readonly TSESTree.CallExpression[]>();

/** Every `x.kill(...)` / `x?.kill(...)` call in the file, found from the token stream (no second traversal). */
export function findKillMethodCalls(sourceCode: AnalysisSource): readonly TSESTree.CallExpression[] {
  const cached = cache.get(sourceCode.ast);
  if (cached !== undefined) return cached;
  const found: TSESTree.CallExpression[] = [];
  if (mentionsKill(sourceCode)) {
    for (const token of sourceCode.ast.tokens ?? []) {
      if (token.type !== 'Identifier' || token.value !== 'kill') continue;
      const node = nodeAtIndex(sourceCode.ast, token.range[0]);
      const member = node?.parent;
      if (member?.type !== AST_NODE_TYPES.MemberExpression || member.property !== node) continue;
      const call = member.parent;
      if (call.type === AST_NODE_TYPES.CallExpression && unwrapExpression(call.callee) === member) found.push(call);
    }
  }
  cache.set(sourceCode.ast, found);
  return found;
}
