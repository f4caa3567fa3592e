// What a catch answers per error code, in the terms a rewrite needs (alive/dead/rethrow), and the
// verdict the lint rules give on a catch around `process.kill`. Both read evaluate-catch.ts.
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { evaluateCatch, type CatchOutcome } from './evaluate-catch.js';
import { getPropertyName } from './get-property-name.js';
import { isFunctionNode } from './is-function-node.js';
import { unwrapExpression } from './unwrap-expression.js';
import { walk } from './walk.js';
import { isPresent } from './is-present.js';

/** ESRCH (no such process), EPERM (exists, not ours), and a stand-in for every other code. */
export const ERROR_CODES = ['ESRCH', 'EPERM', 'EINVAL'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The codes `process.kill` fails with: ESRCH everywhere, the rest what Windows adds. */
export const KILL_ERROR_CODES = ['ESRCH', 'EPERM', 'ENOSYS', 'EINVAL'] as const;

export type Outcome = { readonly kind: 'return'; readonly value: boolean | string } | { readonly kind: 'throw' } | { readonly kind: 'fallthrough' };

/**
 * `console.warn(...)`, `logger.error(...)`, `log.debug(...)`: a log call decides nothing, so the flag
 * inference may look past it. It still has an effect: a rewrite that would drop it must not happen
 * (see `catchCall`). Bare `error(...)` and `this.error(...)` (oclif's throws) are not log calls.
 */
export function isLogCall(statement: TSESTree.Node): boolean {
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  const call = unwrapExpression(statement.expression);
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrapExpression(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !/^(log|debug|info|warn|error|trace)$/.test(getPropertyName(callee) ?? '')) return false;
  const receiver = unwrapExpression(callee.object);
  const name = receiver.type === AST_NODE_TYPES.Identifier ? receiver.name : receiver.type === AST_NODE_TYPES.MemberExpression ? (getPropertyName(receiver) ?? '') : '';
  return /^(console|log|logger)$/i.test(name);
}

/** `const code = e.code` / `const { code } = e`: a declaration that only names the error's code. */
export function isCodeAlias(statement: TSESTree.Node, binding: string | undefined): boolean {
  if (statement.type !== AST_NODE_TYPES.VariableDeclaration || binding === undefined) return false;
  return statement.declarations.every((declarator) => {
    const init = isPresent(declarator.init) ? unwrapExpression(declarator.init) : undefined;
    if (init === undefined) return false;
    if (declarator.id.type === AST_NODE_TYPES.Identifier) {
      return init.type === AST_NODE_TYPES.MemberExpression && getPropertyName(init) === 'code' && isBinding(init.object, binding);
    }
    if (declarator.id.type !== AST_NODE_TYPES.ObjectPattern || !isBinding(init, binding)) return false;
    return declarator.id.properties.every(
      (property) => property.type === AST_NODE_TYPES.Property && getPropertyName(property) === 'code' && property.value.type === AST_NODE_TYPES.Identifier,
    );
  });
}

function isBinding(node: TSESTree.Node, binding: string): boolean {
  const value = unwrapExpression(node);
  return value.type === AST_NODE_TYPES.Identifier && value.name === binding;
}

/**
 * Whether the catch only decides: code aliases, `if`s, blocks, returns, throws and log calls. Any
 * other statement is an effect a rewrite could lose, so its answers count as unknown.
 */
function decidesOnly(statements: readonly TSESTree.Statement[], binding: string | undefined): boolean {
  return statements.every((statement) => {
    switch (statement.type) {
      case AST_NODE_TYPES.ReturnStatement:
        return isPresent(statement.argument);
      case AST_NODE_TYPES.ThrowStatement:
      case AST_NODE_TYPES.EmptyStatement:
        return true;
      case AST_NODE_TYPES.BlockStatement:
        return decidesOnly(statement.body, binding);
      case AST_NODE_TYPES.IfStatement:
        return decidesOnly([statement.consequent], binding) && (!isPresent(statement.alternate) || decidesOnly([statement.alternate], binding));
      default:
        return isCodeAlias(statement, binding) || isLogCall(statement);
    }
  });
}

function toOutcome(outcome: CatchOutcome): Outcome | undefined {
  switch (outcome.kind) {
    case 'throw':
      return { kind: 'throw' };
    case 'fallthrough':
      return { kind: 'fallthrough' };
    case 'return': {
      const value = outcome.value?.value;
      return typeof value === 'boolean' || typeof value === 'string' ? { kind: 'return', value } : undefined;
    }
    default:
      return undefined;
  }
}

/** The catch's answer for ESRCH, EPERM and any other code; undefined where it depends on more than the code. */
export function catchAnswers(handler: TSESTree.CatchClause): (Outcome | undefined)[] {
  const binding = handler.param?.type === AST_NODE_TYPES.Identifier ? handler.param.name : undefined;
  if (isPresent(handler.param) && binding === undefined) return ERROR_CODES.map(() => undefined);
  if (!decidesOnly(handler.body.body, binding)) return ERROR_CODES.map(() => undefined);
  return ERROR_CODES.map((code) => toOutcome(evaluateCatch(handler, code)));
}

/** The first call statement in `node` (a catch block), as written; undefined when it has none. */
export function catchCall(node: TSESTree.Node, text: string): string | undefined {
  let found: string | undefined;
  walk(node, (child) => {
    if (found !== undefined || isFunctionNode(child)) return false;
    if (child.type === AST_NODE_TYPES.ExpressionStatement) {
      const call = unwrapExpression(child.expression);
      if (call.type === AST_NODE_TYPES.CallExpression) {
        found = text.slice(call.callee.range[0], call.callee.range[1]);
        return false;
      }
    }
    return true;
  });
  return found;
}

/** Whether an identifier named `name` occurs anywhere under `node`. */
export function mentionsName(node: TSESTree.Node, name: string): boolean {
  let found = false;
  walk(node, (child) => {
    if (found) return false;
    if (child.type === AST_NODE_TYPES.Identifier && child.name === name) found = true;
    return !found;
  });
  return found;
}

/** A catch that counts or records EPERM (state outside the answer): left for a person. */
export function isStatefulEpermCatch(block: TSESTree.Node, text: string): boolean {
  if (!text.slice(block.range[0], block.range[1]).includes('EPERM')) return false;
  let mutates = false;
  walk(block, (child) => {
    if (child.type === AST_NODE_TYPES.UpdateExpression || child.type === AST_NODE_TYPES.AssignmentExpression) mutates = true;
    return !mutates;
  });
  return mutates;
}

/** What is wrong with a catch around `process.kill`, per the codes it can fail with. */
export type KillCatchVerdict =
  | { readonly kind: 'narrow'; readonly handled: readonly string[]; readonly escaping: readonly string[] }
  | { readonly kind: 'missing-branch'; readonly handled: readonly string[]; readonly escaping: readonly string[] };

/**
 * `narrow`: the catch handles some codes and rethrows others; `missing-branch`: it answers a value for
 * some codes and falls off the end of the function for the rest (`if (e.code === 'ESRCH') return false;`).
 * Undefined for a catch that handles every code, rethrows every code, or cannot be judged.
 */
export function judgeKillCatch(tryStatement: TSESTree.TryStatement): KillCatchVerdict | undefined {
  const handler = tryStatement.handler;
  if (!isPresent(handler)) return undefined;
  const outcomes = new Map<string, CatchOutcome>(KILL_ERROR_CODES.map((code) => [code, evaluateCatch(handler, code)]));
  const handled = [...outcomes].filter(([, o]) => o.kind !== 'throw' && o.kind !== 'unknown').map(([code]) => code);
  const thrown = [...outcomes].filter(([, o]) => o.kind === 'throw').map(([code]) => code);
  if (handled.length === 0) return undefined;
  if (thrown.length > 0) return { kind: 'narrow', handled, escaping: thrown };
  const returnsValue = [...outcomes.values()].some((o) => o.kind === 'return' && o.value !== undefined);
  const fallOut = [...outcomes].filter(([, o]) => o.kind === 'fallthrough').map(([code]) => code);
  if (returnsValue && fallOut.length > 0 && endsFunction(tryStatement)) {
    return { kind: 'missing-branch', handled: handled.filter((code) => !fallOut.includes(code)), escaping: fallOut };
  }
  return undefined;
}

function endsFunction(statement: TSESTree.TryStatement): boolean {
  const block = statement.parent;
  return block.type === AST_NODE_TYPES.BlockStatement && block.body.at(-1) === statement && isFunctionNode(block.parent);
}
