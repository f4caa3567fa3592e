import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { fileFacts } from './file-facts.js';
import { getPropertyName } from './get-property-name.js';
import { hasChildType, isSpawnCall } from './is-spawn-call.js';
import { findVariable, type AnalysisSource } from './source.js';
import { unwrapExpression } from './unwrap-expression.js';
import { isPresent } from './is-present.js';

const MAX_DEPTH = 6;

/**
 * Whether `node` is a child process: the value of a spawn-style call, a variable bound or assigned
 * only such values or declared with a ChildProcess type, or a property (`this.proc`, `state.child`)
 * that the file assigns such a value or declares with such a type. Any other object with a `kill`
 * method (`ExecutionLifecycleService.kill(id)`, `tree.kill(cb)`) is not.
 */
export function isChildProcess(source: AnalysisSource, node: TSESTree.Node, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  // A checker sees receivers declared in other files, which scope analysis cannot.
  if (depth === 0 && source.types?.isChildProcess(node) === true) return true;
  const value = unwrapExpression(node);
  switch (value.type) {
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return isSpawnCall(value);
    case AST_NODE_TYPES.Identifier: {
      const variable = findVariable(source, value);
      if (variable === undefined || variable.defs.length === 0) return false;
      for (const def of variable.defs) {
        if (hasChildType(source, def.name)) return true;
        if (def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.id === def.name && isPresent(def.node.init) && isChildProcess(source, def.node.init, depth + 1)) return true;
      }
      // let child; ... child = spawn(...)
      return variable.references.some((reference) => isPresent(reference.writeExpr) && reference.init !== true && isChildProcess(source, reference.writeExpr, depth + 1));
    }
    case AST_NODE_TYPES.MemberExpression: {
      const name = getPropertyName(value);
      return name !== undefined && fileFacts(source).childMembers.has(name);
    }
    default:
      return false;
  }
}

/**
 * `child.kill(...)` / `this.proc?.kill(...)` with at most one argument on a child process
 * (`isChildProcess`); Node's `process` (in `processNodes`) is handled as `process.kill`.
 */
export function isChildProcessKill(source: AnalysisSource, call: TSESTree.CallExpression, processNodes: ReadonlySet<TSESTree.Node>): call is TSESTree.CallExpression & { callee: TSESTree.MemberExpression } {
  const callee = unwrapExpression(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || getPropertyName(callee) !== 'kill' || call.arguments.length > 1) return false;
  if (call.arguments[0]?.type === AST_NODE_TYPES.SpreadElement) return false;
  if (processNodes.has(callee.object) || processNodes.has(unwrapExpression(callee.object))) return false;
  return isChildProcess(source, callee.object);
}
