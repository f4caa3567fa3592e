import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { findVariable } from '@typescript-eslint/utils/ast-utils';
import { getPropertyName } from '../../src/analysis/get-property-name.js';
import { isFileReadCall } from './is-file-read-call.js';
import { isFunctionNode, type FunctionNode } from '../../src/analysis/is-function-node.js';
import { isNeverReassigned } from '../../src/analysis/is-never-reassigned.js';
import { unwrapExpression } from '../../src/analysis/unwrap-expression.js';
import { isPresent } from '../../src/analysis/is-present.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

const MAX_DEPTH = 8;
/** Calls that turn file contents into a pid: `Number(text)`, `parseInt(text, 10)`, `JSON.parse(text)`. */
const CONVERSIONS = new Set(['Number', 'parseInt', 'parseFloat', 'String', 'Number.parseInt', 'Number.parseFloat', 'JSON.parse', 'Math.floor', 'Math.trunc', 'Math.round']);
/** Methods whose callback's first parameter is the receiver's value or element: `read().then((text) => ...)`. */
const VALUE_CALLBACKS = new Set(['then', 'forEach', 'map', 'filter', 'find', 'some', 'every', 'flatMap']);
/** Methods whose result is what their callback returns. */
const MAPPING_METHODS = new Set(['then', 'map', 'flatMap']);
const NUMERIC_UNARY = new Set(['+', '-', '~']);

/**
 * The file read (`readFileSync(f)`, `await readFile(f)`, the data parameter of a `readFile` callback)
 * that `node`'s value is derived from: through conversions (`Number`, `parseInt`, unary `+`, `JSON.parse`),
 * methods and members of the contents (`.trim()`, `.split('\n')[0]`, `.pid`), `await`, destructuring,
 * `const` bindings in any enclosing scope, `let`/`var` bindings of the same function (any of their
 * writes), `.then`/`forEach` callback parameters, `for...of`, and the returns of a function declared in
 * the file (`const pid = readPid()`). Undefined when there is none the rule can see.
 */
export function findFileOrigin(sourceCode: SourceCode, node: TSESTree.Node, depth = 0): TSESTree.CallExpression | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const trace = (next: TSESTree.Node): TSESTree.CallExpression | undefined => findFileOrigin(sourceCode, next, depth + 1);
  const value = unwrapExpression(node);
  switch (value.type) {
    case AST_NODE_TYPES.CallExpression:
      return fromCall(sourceCode, value, trace);
    case AST_NODE_TYPES.AwaitExpression:
      return trace(value.argument);
    case AST_NODE_TYPES.MemberExpression:
      return trace(value.object);
    case AST_NODE_TYPES.UnaryExpression:
      return NUMERIC_UNARY.has(value.operator) ? trace(value.argument) : undefined;
    case AST_NODE_TYPES.LogicalExpression:
      return trace(value.left) ?? trace(value.right);
    case AST_NODE_TYPES.ConditionalExpression:
      return trace(value.consequent) ?? trace(value.alternate);
    case AST_NODE_TYPES.Identifier:
      return fromIdentifier(sourceCode, value, trace);
    default:
      return undefined;
  }
}

type Trace = (node: TSESTree.Node) => TSESTree.CallExpression | undefined;

function fromCall(sourceCode: SourceCode, call: TSESTree.CallExpression, trace: Trace): TSESTree.CallExpression | undefined {
  if (isFileReadCall(sourceCode, call)) return call;
  const callee = unwrapExpression(call.callee);
  const [first] = call.arguments;
  const name = calleeName(callee);
  if (name !== undefined && CONVERSIONS.has(name)) return first === undefined ? undefined : trace(first);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    // `list.map((w) => spawn(w.cmd))`: what the callback makes of the contents, not the contents.
    if (first !== undefined && isFunctionNode(first) && MAPPING_METHODS.has(getPropertyName(callee) ?? '')) return fromReturns(sourceCode, first, trace);
    // A method of the contents: text.trim(), text.toString(), lines.map(Number), readFile(f).then(JSON.parse)
    return trace(callee.object);
  }
  if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  const fn = localFunction(sourceCode, callee);
  return fn === undefined ? undefined : fromReturns(sourceCode, fn, trace);
}

function fromReturns(sourceCode: SourceCode, fn: FunctionNode, trace: Trace): TSESTree.CallExpression | undefined {
  for (const returned of returnedExpressions(sourceCode, fn)) {
    const origin = trace(returned);
    if (origin !== undefined) return origin;
  }
  return undefined;
}

function fromIdentifier(sourceCode: SourceCode, identifier: TSESTree.Identifier, trace: Trace): TSESTree.CallExpression | undefined {
  const variable = findVariable(sourceCode.getScope(identifier), identifier);
  const def = variable?.defs[0];
  if (variable === null || def === undefined || variable.defs.length !== 1) return undefined;
  if (def.type === 'Parameter') return isNeverReassigned(variable) ? fromParameter(sourceCode, def.node, def.name, trace) : undefined;
  if (def.type !== 'Variable') return undefined;
  // `let`/`var` only within the function: elsewhere another function may write it between the read and the kill.
  if (def.parent.kind !== 'const' && variable.scope.variableScope !== sourceCode.getScope(identifier).variableScope) return undefined;
  // Every write: the initializer, the destructured value, the `for...of` iterable, assignments.
  for (const reference of variable.references) {
    const origin = reference.isWrite() && isNodeValue(reference.writeExpr) ? trace(reference.writeExpr) : undefined;
    if (origin !== undefined) return origin;
  }
  return undefined;
}

/** `readFile(f, (err, data) => ...)`: data; `promise.then((text) => ...)`, `pids.forEach((pid) => ...)`: the value. */
function fromParameter(sourceCode: SourceCode, fn: TSESTree.Node, name: TSESTree.Node, trace: Trace): TSESTree.CallExpression | undefined {
  if (!isFunctionNode(fn)) return undefined;
  const index = fn.params.findIndex((param) => param === name || (param.type === AST_NODE_TYPES.AssignmentPattern && param.left === name));
  const call = fn.parent;
  if (call.type !== AST_NODE_TYPES.CallExpression || fn.type === AST_NODE_TYPES.FunctionDeclaration || !call.arguments.includes(fn)) return undefined;
  if (isFileReadCall(sourceCode, call)) return index === 1 && call.arguments.at(-1) === fn ? call : undefined;
  const callee = unwrapExpression(call.callee);
  if (index !== 0 || call.arguments[0] !== fn || callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  return VALUE_CALLBACKS.has(getPropertyName(callee) ?? '') ? trace(callee.object) : undefined;
}

/** `Number`, `parseInt`, `JSON.parse`: the callee as written, for the known globals. */
function calleeName(callee: TSESTree.Node): string | undefined {
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const object = unwrapExpression(callee.object);
  const property = getPropertyName(callee);
  return object.type === AST_NODE_TYPES.Identifier && property !== undefined ? `${object.name}.${property}` : undefined;
}

/** `function readPid() {}` or `const readPid = () => ...`, never reassigned. */
function localFunction(sourceCode: SourceCode, identifier: TSESTree.Identifier): FunctionNode | undefined {
  const variable = findVariable(sourceCode.getScope(identifier), identifier);
  const def = variable?.defs[0];
  if (variable === null || def === undefined || variable.defs.length !== 1 || !isNeverReassigned(variable)) return undefined;
  if (def.type === 'FunctionName' && isFunctionNode(def.node)) return def.node;
  if (def.type !== 'Variable' || !isPresent(def.node.init)) return undefined;
  const init = unwrapExpression(def.node.init);
  return isFunctionNode(init) ? init : undefined;
}

/** What `fn` returns: an arrow's expression body, or the `return` arguments outside nested functions. */
function returnedExpressions(sourceCode: SourceCode, fn: FunctionNode): TSESTree.Node[] {
  if (!isPresent(fn.body)) return [];
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  const returned: TSESTree.Node[] = [];
  const visit = (node: TSESTree.Node): void => {
    if (node.type === AST_NODE_TYPES.ReturnStatement) {
      if (isPresent(node.argument)) returned.push(node.argument);
      return;
    }
    if (isFunctionNode(node)) return;
    for (const key of sourceCode.visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(child) ? child : [child]) {
        if (isNodeValue(item)) visit(item);
      }
    }
  };
  for (const statement of fn.body.body) visit(statement);
  return returned;
}

function isNodeValue(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
