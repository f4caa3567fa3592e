import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { getPropertyName } from './get-property-name.js';
import type { AnalysisSource } from './source.js';
import { unwrapExpression } from './unwrap-expression.js';
import { isPresent } from './is-present.js';

/** Calls that return a child process: child_process' spawn/fork/exec/execFile, execa, cross-spawn. */
const SPAWNERS = new Set(['spawn', 'fork', 'exec', 'execFile', 'execa', 'execaNode', 'execaCommand', 'crossSpawn']);
/** Type names of a child process: Node's, execa's, Bun's. */
const CHILD_TYPE = /\b(?:ChildProcess\w*|ExecaChildProcess|ResultPromise|Subprocess)\b/;

/** `spawn(...)`, `cp.fork(...)`, `child_process_1.spawn(...)`, `(0, child_process_1.spawn)(...)`, `execa(...)`, `new ChildProcess()`: a call whose value is a child process. */
export function isSpawnCall(node: TSESTree.Node): node is TSESTree.CallExpression | TSESTree.NewExpression {
  if (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.NewExpression) return false;
  let callee = unwrapExpression(node.callee);
  // TypeScript's CommonJS output calls an import as `(0, child_process_1.spawn)(...)`: the last expression is the callee.
  if (callee.type === AST_NODE_TYPES.SequenceExpression && callee.expressions.slice(0, -1).every((expression) => expression.type === AST_NODE_TYPES.Literal)) {
    callee = unwrapExpression(callee.expressions[callee.expressions.length - 1] ?? callee);
  }
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? getPropertyName(callee) : undefined;
  if (name === undefined) return false;
  return node.type === AST_NODE_TYPES.NewExpression ? name === 'ChildProcess' : SPAWNERS.has(name);
}

/** A binding or member declared with a child-process type: `proc: ChildProcess`, `child?: ExecaChildProcess`. */
export function hasChildType(source: AnalysisSource, name: TSESTree.Node): boolean {
  const annotation = (name as { typeAnnotation?: TSESTree.TSTypeAnnotation | null }).typeAnnotation;
  return isPresent(annotation) && CHILD_TYPE.test(source.text.slice(annotation.range[0], annotation.range[1]));
}
