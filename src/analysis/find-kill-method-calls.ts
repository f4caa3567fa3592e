import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { nextKillWord } from './mentions-kill.js';
import type { AnalysisSource } from './source.js';
import { unwrapExpression } from './unwrap-expression.js';
import { nodeAtIndex } from './walk.js';

const cache = new WeakMap<TSESTree.Program, readonly TSESTree.CallExpression[]>();

/** Every `x.kill(...)` / `x?.kill(...)` call in the file, found from where the text says `kill` (no second traversal). */
export function findKillMethodCalls(sourceCode: AnalysisSource): readonly TSESTree.CallExpression[] {
  const cached = cache.get(sourceCode.ast);
  if (cached !== undefined) return cached;
  const found: TSESTree.CallExpression[] = [];
  const { text } = sourceCode;
  // Only a whole word can be an identifier named `kill` that starts there: `killed`, `skill` and
  // `killSignal` are passed over by text, without a descent from the root for each.
  for (let at = nextKillWord(text); at !== -1; at = nextKillWord(text, at + 4)) {
    // In a comment or a string, the node there is no `kill` identifier.
    const node = nodeAtIndex(sourceCode.ast, at);
    if (node?.type !== AST_NODE_TYPES.Identifier || node.name !== 'kill' || node.range[0] !== at) continue;
    const member = node.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.property !== node) continue;
    const call = member.parent;
    if (call.type === AST_NODE_TYPES.CallExpression && unwrapExpression(call.callee) === member) found.push(call);
  }
  cache.set(sourceCode.ast, found);
  return found;
}
