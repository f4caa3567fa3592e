// A tiny abstract interpreter for catch clauses: what does the catch do for an ESRCH, an EPERM
// and any other error? That answer is the permission flag, and whether a rewrite changes behaviour.
import type * as TsMorph from 'ts-morph';
import { unwrapExpression } from './find-probes.js';
import type { Ts } from './parse.js';

type Node = TsMorph.ts.Node;
type Expression = TsMorph.ts.Expression;
type Statement = TsMorph.ts.Statement;

/** ESRCH (no such process), EPERM (exists, not ours), and a stand-in for every other code. */
export const ERROR_CODES = ['ESRCH', 'EPERM', 'EINVAL'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The catch binding (`e`) and local names holding its code (`const code = e.code`, `const { code } = e`). */
export interface CatchNames {
  readonly error: string | undefined;
  readonly codes: ReadonlySet<string>;
}

export type Outcome = { readonly kind: 'return'; readonly value: boolean | string } | { readonly kind: 'throw' } | { readonly kind: 'fallthrough' };

function isBindingRef(ts: Ts, node: Expression, names: CatchNames): boolean {
  const expression = unwrapExpression(ts, node);
  return names.error !== undefined && ts.isIdentifier(expression) && expression.text === names.error;
}

/** `e.code`, `e?.code`, `(e as NodeJS.ErrnoException).code`, `e['code']`. */
function isCodeRead(ts: Ts, node: Expression, names: CatchNames): boolean {
  const expression = unwrapExpression(ts, node);
  if (ts.isIdentifier(expression)) return names.codes.has(expression.text);
  if (ts.isPropertyAccessExpression(expression)) return expression.name.text === 'code' && isBindingRef(ts, expression.expression, names);
  if (ts.isElementAccessExpression(expression)) {
    return ts.isStringLiteralLike(expression.argumentExpression) && expression.argumentExpression.text === 'code' && isBindingRef(ts, expression.expression, names);
  }
  return false;
}

/** The truth of `node` for an error with `code`; undefined when it depends on anything else. */
export function evalCondition(ts: Ts, node: Expression, code: ErrorCode, names: CatchNames): boolean | undefined {
  const expression = unwrapExpression(ts, node);
  const kind = expression.kind;
  if (kind === ts.SyntaxKind.TrueKeyword) return true;
  if (kind === ts.SyntaxKind.FalseKeyword) return false;
  if (isBindingRef(ts, expression, names)) return true; // an error object is truthy
  if (ts.isPrefixUnaryExpression(expression) && expression.operator === ts.SyntaxKind.ExclamationToken) {
    const inner = evalCondition(ts, expression.operand, code, names);
    return inner === undefined ? undefined : !inner;
  }
  if (ts.isCallExpression(expression)) {
    // Type guards such as isNodeError(e) / isErrnoException(e): true for a Node error with a code.
    const callee = unwrapExpression(ts, expression.expression);
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
    const onBinding = expression.arguments.length === 1 && expression.arguments[0] !== undefined && isBindingRef(ts, expression.arguments[0], names);
    return onBinding && /^is\w*(Error|Exception)$/.test(name) ? true : undefined;
  }
  if (!ts.isBinaryExpression(expression)) return undefined;
  const operator = expression.operatorToken.kind;
  if (operator === ts.SyntaxKind.AmpersandAmpersandToken || operator === ts.SyntaxKind.BarBarToken) {
    const left = evalCondition(ts, expression.left, code, names);
    const right = evalCondition(ts, expression.right, code, names);
    if (operator === ts.SyntaxKind.AmpersandAmpersandToken) {
      if (left === false || right === false) return false;
      return left === true && right === true ? true : undefined;
    }
    if (left === true || right === true) return true;
    return left === false && right === false ? false : undefined;
  }
  if (operator === ts.SyntaxKind.InstanceOfKeyword) return isBindingRef(ts, expression.left, names) ? true : undefined;
  if (operator === ts.SyntaxKind.InKeyword) {
    return ts.isStringLiteralLike(expression.left) && expression.left.text === 'code' && isBindingRef(ts, expression.right, names) ? true : undefined;
  }
  const equal = operator === ts.SyntaxKind.EqualsEqualsEqualsToken || operator === ts.SyntaxKind.EqualsEqualsToken;
  const notEqual = operator === ts.SyntaxKind.ExclamationEqualsEqualsToken || operator === ts.SyntaxKind.ExclamationEqualsToken;
  if (!equal && !notEqual) return undefined;
  const left = unwrapExpression(ts, expression.left);
  const right = unwrapExpression(ts, expression.right);
  let literal: string | undefined;
  if (isCodeRead(ts, left, names) && ts.isStringLiteralLike(right)) literal = right.text;
  else if (isCodeRead(ts, right, names) && ts.isStringLiteralLike(left)) literal = left.text;
  if (literal === undefined) return undefined;
  return equal ? literal === code : literal !== code;
}

function evalValue(ts: Ts, node: Expression, code: ErrorCode, names: CatchNames): boolean | string | undefined {
  const expression = unwrapExpression(ts, node);
  if (ts.isStringLiteralLike(expression)) return expression.text;
  if (ts.isConditionalExpression(expression)) {
    const test = evalCondition(ts, expression.condition, code, names);
    if (test === undefined) return undefined;
    return evalValue(ts, test ? expression.whenTrue : expression.whenFalse, code, names);
  }
  return evalCondition(ts, expression, code, names);
}

/**
 * `console.warn(...)`, `logger.error(...)`, `log.debug(...)`: a log call decides nothing, so the flag
 * inference may look past it. It still has an effect: a rewrite that would drop it must not happen
 * (see `catchCall`). Bare `error(...)` and `this.error(...)` (oclif's throws) are not log calls.
 */
export function isLogCall(ts: Ts, statement: Node): boolean {
  if (!ts.isExpressionStatement(statement) || !ts.isCallExpression(statement.expression)) return false;
  const callee = statement.expression.expression;
  if (!ts.isPropertyAccessExpression(callee) || !/^(log|debug|info|warn|error|trace)$/.test(callee.name.text)) return false;
  const receiver = unwrapExpression(ts, callee.expression);
  const name = ts.isIdentifier(receiver) ? receiver.text : ts.isPropertyAccessExpression(receiver) ? receiver.name.text : '';
  return /^(console|log|logger)$/i.test(name);
}

/** The first call statement in `node` (a catch block), as written; undefined when it has none. */
export function catchCall(ts: Ts, node: Node, text: string): string | undefined {
  let found: string | undefined;
  const visit = (child: Node): void => {
    if (found !== undefined || ts.isFunctionLike(child)) return;
    if (ts.isExpressionStatement(child) && ts.isCallExpression(child.expression)) found = text.slice(child.expression.expression.getStart(), child.expression.expression.getEnd());
    else ts.forEachChild(child, visit);
  };
  visit(node);
  return found;
}

/** What `statements` do for an error with `code`; undefined when that depends on anything else. */
export function evalStatements(ts: Ts, statements: readonly Statement[], code: ErrorCode, outer: CatchNames): Outcome | undefined {
  let names = outer;
  for (const statement of statements) {
    let result: Outcome | undefined;
    if (ts.isVariableStatement(statement)) {
      const aliases = codeAliases(ts, statement, names);
      if (aliases === undefined) return undefined;
      names = { error: names.error, codes: new Set([...names.codes, ...aliases]) };
      continue;
    }
    if (ts.isBlock(statement)) {
      result = evalStatements(ts, statement.statements, code, names);
    } else if (ts.isReturnStatement(statement)) {
      if (statement.expression === undefined) return undefined;
      const value = evalValue(ts, statement.expression, code, names);
      return value === undefined ? undefined : { kind: 'return', value };
    } else if (ts.isThrowStatement(statement)) {
      return { kind: 'throw' };
    } else if (ts.isIfStatement(statement)) {
      const test = evalCondition(ts, statement.expression, code, names);
      if (test === undefined) return undefined;
      const branch = test ? statement.thenStatement : statement.elseStatement;
      result = branch === undefined ? { kind: 'fallthrough' } : evalStatements(ts, [branch], code, names);
    } else if (ts.isEmptyStatement(statement) || isLogCall(ts, statement)) {
      result = { kind: 'fallthrough' };
    }
    if (result === undefined) return undefined;
    if (result.kind !== 'fallthrough') return result;
  }
  return { kind: 'fallthrough' };
}

/** `const code = e.code` / `const { code } = e`: the names now holding the code; undefined for anything else. */
export function codeAliases(ts: Ts, statement: TsMorph.ts.VariableStatement, names: CatchNames): string[] | undefined {
  const aliases: string[] = [];
  for (const declaration of statement.declarationList.declarations) {
    const init = declaration.initializer;
    if (init === undefined) return undefined;
    if (ts.isIdentifier(declaration.name) && isCodeRead(ts, init, names)) {
      aliases.push(declaration.name.text);
    } else if (ts.isObjectBindingPattern(declaration.name) && isBindingRef(ts, init, names)) {
      for (const element of declaration.name.elements) {
        const key = element.propertyName ?? element.name;
        if (!ts.isIdentifier(key) || key.text !== 'code' || !ts.isIdentifier(element.name) || element.initializer !== undefined) return undefined;
        aliases.push(element.name.text);
      }
    } else {
      return undefined;
    }
  }
  return aliases;
}

/** Whether an identifier named `name` occurs anywhere under `node`. */
export function mentionsName(ts: Ts, node: Node, name: string): boolean {
  let found = false;
  const visit = (child: Node): void => {
    if (found) return;
    if (ts.isIdentifier(child) && child.text === name) found = true;
    else ts.forEachChild(child, visit);
  };
  visit(node);
  return found;
}

/** A catch that counts or records EPERM (state outside the answer): left for a person. */
export function isStatefulEpermCatch(ts: Ts, block: Node, text: string): boolean {
  if (!text.slice(block.getStart(), block.getEnd()).includes('EPERM')) return false;
  let mutates = false;
  const visit = (child: Node): void => {
    if (mutates) return;
    if (ts.isPostfixUnaryExpression(child) || (ts.isPrefixUnaryExpression(child) && (child.operator === ts.SyntaxKind.PlusPlusToken || child.operator === ts.SyntaxKind.MinusMinusToken))) mutates = true;
    else if (ts.isBinaryExpression(child) && child.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && child.operatorToken.kind <= ts.SyntaxKind.LastAssignment) mutates = true;
    else ts.forEachChild(child, visit);
  };
  visit(block);
  return mutates;
}
