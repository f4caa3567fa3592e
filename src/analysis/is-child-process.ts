import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { getPropertyName } from './get-property-name.js';
import { findVariable, type AnalysisSource } from './source.js';
import { unwrapExpression } from './unwrap-expression.js';
import { walk } from './walk.js';

/** Calls that return a child process: child_process' spawn/fork/exec/execFile, execa, cross-spawn. */
const SPAWNERS = new Set(['spawn', 'fork', 'exec', 'execFile', 'execa', 'execaNode', 'execaCommand', 'crossSpawn']);
/** Type names of a child process: Node's, execa's, Bun's. */
const CHILD_TYPE = /\b(?:ChildProcess\w*|ExecaChildProcess|ResultPromise|Subprocess)\b/;
const MAX_DEPTH = 6;

const memberCache = new WeakMap<TSESTree.Program, ReadonlySet<string>>();

/**
 * Whether `node` is a child process: the value of a spawn-style call, a variable bound or assigned
 * only such values or declared with a ChildProcess type, or a property (`this.proc`, `state.child`)
 * that the file assigns such a value or declares with such a type. Any other object with a `kill`
 * method (`ExecutionLifecycleService.kill(id)`, `tree.kill(cb)`) is not.
 */
export function isChildProcess(source: AnalysisSource, node: TSESTree.Node, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
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
        if (def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.id === def.name && def.node.init !== null && isChildProcess(source, def.node.init, depth + 1)) return true;
      }
      // let child; ... child = spawn(...)
      return variable.references.some((reference) => reference.writeExpr !== null && reference.writeExpr !== undefined && reference.init !== true && isChildProcess(source, reference.writeExpr, depth + 1));
    }
    case AST_NODE_TYPES.MemberExpression: {
      const name = getPropertyName(value);
      return name !== undefined && childMembers(source).has(name);
    }
    default:
      return false;
  }
}

function isSpawnCall(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const callee = unwrapExpression(call.callee);
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? getPropertyName(callee) : undefined;
  if (name === undefined) return false;
  return call.type === AST_NODE_TYPES.NewExpression ? name === 'ChildProcess' : SPAWNERS.has(name);
}

function hasChildType(source: AnalysisSource, name: TSESTree.Node): boolean {
  const annotation = (name as { typeAnnotation?: TSESTree.TSTypeAnnotation }).typeAnnotation;
  return annotation !== undefined && CHILD_TYPE.test(source.text.slice(annotation.range[0], annotation.range[1]));
}

/** Property names the file binds to a child process: `this.proc = spawn(..)`, `proc: ChildProcess`, `{ child: fork(..) }`. */
function childMembers(source: AnalysisSource): ReadonlySet<string> {
  const cached = memberCache.get(source.ast);
  if (cached !== undefined) return cached;
  const names = new Set<string>();
  walk(source.ast, (node) => {
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression) {
      const right = unwrapExpression(node.right);
      const name = getPropertyName(node.left);
      if (name !== undefined && (right.type === AST_NODE_TYPES.CallExpression || right.type === AST_NODE_TYPES.NewExpression) && isSpawnCall(right)) names.add(name);
    } else if (node.type === AST_NODE_TYPES.PropertyDefinition || node.type === AST_NODE_TYPES.Property) {
      const name = node.key.type === AST_NODE_TYPES.Identifier && !node.computed ? node.key.name : undefined;
      const init = node.value === null ? undefined : unwrapExpression(node.value);
      if (name === undefined) return;
      if (node.type === AST_NODE_TYPES.PropertyDefinition && hasChildType(source, node)) names.add(name);
      if (init !== undefined && (init.type === AST_NODE_TYPES.CallExpression || init.type === AST_NODE_TYPES.NewExpression) && isSpawnCall(init)) names.add(name);
    } else if (node.type === AST_NODE_TYPES.TSPropertySignature && node.key.type === AST_NODE_TYPES.Identifier && hasChildType(source, node)) {
      names.add(node.key.name);
    }
  });
  memberCache.set(source.ast, names);
  return names;
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
