import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { findVariable } from '@typescript-eslint/utils/ast-utils';
import { getPropertyName } from '../../src/analysis/get-property-name.js';
import { isFunctionNode } from '../../src/analysis/is-function-node.js';
import { unwrapExpression } from '../../src/analysis/unwrap-expression.js';
import { isPresent } from '../../src/analysis/is-present.js';

const READ_FUNCTIONS = new Set(['readFile', 'readFileSync']);
/** The kernel's live process table, read just now: not a record that can go stale across a reboot. */
const LIVE_TABLES = ['/proc', '/sys'];
const PATH_JOINS = new Set(['join', 'resolve']);

/**
 * A call that reads a file's contents: `readFileSync(f)`, `fs.readFile(f, cb)`, `fs.promises.readFile(f)`,
 * `readFile(f)` imported from `node:fs/promises`. Matched by name, so `fs-extra` and `graceful-fs` count;
 * a `readFile` the file itself defines as a function or takes as a parameter does not. Reads of a
 * literal `/proc/...` or `/sys/...` path (also `path.join('/proc', pid, 'stat')`) are not counted.
 */
export function isFileReadCall(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression): boolean {
  const callee = unwrapExpression(call.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    if (!READ_FUNCTIONS.has(getPropertyName(callee) ?? '')) return false;
  } else if (callee.type !== AST_NODE_TYPES.Identifier || !READ_FUNCTIONS.has(callee.name) || isLocalFunction(sourceCode, callee)) {
    return false;
  }
  const path = call.arguments[0];
  return path === undefined || !isLiveTablePath(path);
}

/** `function readFile() {}`, `const readFile = (p) => ...`, a parameter: the file's own, not fs's. */
function isLocalFunction(sourceCode: Readonly<TSESLint.SourceCode>, identifier: TSESTree.Identifier): boolean {
  const variable = findVariable(sourceCode.getScope(identifier), identifier);
  const def = variable?.defs[0];
  if (def === undefined) return false; // a global, or undeclared
  if (def.type === 'FunctionName' || def.type === 'Parameter') return true;
  if (def.type !== 'Variable') return false;
  const init = def.node.init;
  return def.node.id.type === AST_NODE_TYPES.Identifier && isPresent(init) && isFunctionNode(unwrapExpression(init));
}

function isLiveTablePath(node: TSESTree.Node): boolean {
  const value = unwrapExpression(node);
  let head: string | undefined;
  if (value.type === AST_NODE_TYPES.Literal && typeof value.value === 'string') head = value.value;
  else if (value.type === AST_NODE_TYPES.TemplateLiteral) head = value.quasis[0]?.value.cooked ?? undefined;
  else if (value.type === AST_NODE_TYPES.BinaryExpression && value.operator === '+') return isLiveTablePath(value.left);
  // path.join('/proc', pid, 'stat')
  else if (value.type === AST_NODE_TYPES.CallExpression && value.arguments[0] !== undefined && PATH_JOINS.has(calleeName(value) ?? '')) return isLiveTablePath(value.arguments[0]);
  return head !== undefined && LIVE_TABLES.some((table) => head === table || head.startsWith(`${table}/`));
}

function calleeName(call: TSESTree.CallExpression): string | undefined {
  const callee = unwrapExpression(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  return callee.type === AST_NODE_TYPES.MemberExpression ? getPropertyName(callee) : undefined;
}
