import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { getPropertyName } from './get-property-name.js';
import { unwrapExpression } from './unwrap-expression.js';
import { isPresent } from './is-present.js';

/** What a catch clause does with an error of one code: a small, sound-when-known evaluator. */
export type CatchOutcome =
  | { readonly kind: 'return'; readonly value: Known | undefined; readonly effects: string }
  | { readonly kind: 'throw' }
  | { readonly kind: 'jump'; readonly effects: string }
  | { readonly kind: 'fallthrough'; readonly effects: string }
  | { readonly kind: 'unknown' };

interface Known {
  readonly value: unknown;
}
type Value = Known | typeof UNKNOWN | typeof ERROR | typeof THROWS;

const UNKNOWN: unique symbol = Symbol('unknown');
const ERROR: unique symbol = Symbol('the caught error');
const THROWS: unique symbol = Symbol('throws');
const MAX_DEPTH = 24;

interface State {
  readonly code: string;
  readonly env: Map<string, Value>;
  /** Side effects run so far, by source offset: two codes with the same effects took the same path. */
  effects: string[];
  depth: number;
}

type Flow = CatchOutcome | undefined; // undefined: carry on with the next statement

/**
 * Runs `handler` in the mind for an error whose `code` is `code`. Conditions that depend on
 * something other than the error explore both branches and give `unknown` when they disagree.
 * A call that receives the error (`isNodeError(e)`) is taken for a type guard that holds.
 */
export function evaluateCatch(handler: TSESTree.CatchClause, code: string): CatchOutcome {
  // The site's classification and the catch's verdict (two rules, the codemod) ask about the same catch and codes.
  let known = outcomes.get(handler);
  if (known === undefined) {
    known = new Map();
    outcomes.set(handler, known);
  }
  let outcome = known.get(code);
  if (outcome === undefined) {
    outcome = runCatch(handler, code);
    known.set(code, outcome);
  }
  return outcome;
}

/** Each catch's outcome per code: the outcome depends on the catch's tree alone. */
const outcomes = new WeakMap<TSESTree.CatchClause, Map<string, CatchOutcome>>();

function runCatch(handler: TSESTree.CatchClause, code: string): CatchOutcome {
  const state: State = { code, env: new Map(), effects: [], depth: 0 };
  const { param } = handler;
  if (param?.type === AST_NODE_TYPES.Identifier) state.env.set(param.name, ERROR);
  else if (param?.type === AST_NODE_TYPES.ObjectPattern && !bindFromError(param, state)) return { kind: 'unknown' };
  else if (isPresent(param) && param.type !== AST_NODE_TYPES.ObjectPattern) return { kind: 'unknown' };
  return runStatements(handler.body.body, state) ?? { kind: 'fallthrough', effects: state.effects.join(',') };
}

/** Two outcomes that send the code down the same path. */
export function sameOutcome(a: CatchOutcome, b: CatchOutcome): boolean {
  if (a.kind === 'unknown' || b.kind === 'unknown' || a.kind !== b.kind) return false;
  if (a.kind === 'throw') return true;
  if (a.kind === 'return' && b.kind === 'return' && !Object.is(a.value?.value, b.value?.value)) return false;
  if (a.kind === 'return' && b.kind === 'return' && (a.value === undefined) !== (b.value === undefined)) return false;
  return 'effects' in a && 'effects' in b && a.effects === b.effects;
}

function bindFromError(pattern: TSESTree.ObjectPattern, state: State): boolean {
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.value.type !== AST_NODE_TYPES.Identifier) return false;
    const name = getPropertyName(property);
    state.env.set(property.value.name, name === 'code' ? { value: state.code } : UNKNOWN);
  }
  return true;
}

function runStatements(statements: readonly TSESTree.Statement[], state: State): Flow {
  for (const statement of statements) {
    const flow = runStatement(statement, state);
    if (flow !== undefined) return flow;
  }
  return undefined;
}

function runStatement(statement: TSESTree.Statement, state: State): Flow {
  if (++state.depth > MAX_DEPTH) return { kind: 'unknown' };
  switch (statement.type) {
    case AST_NODE_TYPES.ReturnStatement: {
      if (!isPresent(statement.argument)) return { kind: 'return', value: undefined, effects: state.effects.join(',') };
      const value = evaluate(statement.argument, state);
      if (value === THROWS) return { kind: 'throw' };
      if (value === UNKNOWN || value === ERROR) return { kind: 'unknown' };
      return { kind: 'return', value, effects: state.effects.join(',') };
    }
    case AST_NODE_TYPES.ThrowStatement:
      return { kind: 'throw' };
    case AST_NODE_TYPES.BreakStatement:
    case AST_NODE_TYPES.ContinueStatement:
      return { kind: 'jump', effects: [...state.effects, `${statement.type}@${statement.range[0]}`].join(',') };
    case AST_NODE_TYPES.BlockStatement:
      return runStatements(statement.body, state);
    case AST_NODE_TYPES.EmptyStatement:
      return undefined;
    case AST_NODE_TYPES.IfStatement:
      return runBranches(statement.test, [statement.consequent], isPresent(statement.alternate) ? [statement.alternate] : [], state);
    case AST_NODE_TYPES.SwitchStatement:
      return runSwitch(statement, state);
    case AST_NODE_TYPES.VariableDeclaration:
      for (const declarator of statement.declarations) {
        const value = isPresent(declarator.init) ? evaluate(declarator.init, state) : { value: undefined };
        if (value === THROWS) return { kind: 'throw' };
        if (declarator.id.type === AST_NODE_TYPES.Identifier) state.env.set(declarator.id.name, value);
        else if (declarator.id.type === AST_NODE_TYPES.ObjectPattern && value === ERROR) {
          if (!bindFromError(declarator.id, state)) return { kind: 'unknown' };
        } else return { kind: 'unknown' };
      }
      state.effects.push(String(statement.range[0]));
      return undefined;
    case AST_NODE_TYPES.ExpressionStatement: {
      const value = evaluate(statement.expression, state);
      if (value === THROWS) return { kind: 'throw' };
      state.effects.push(String(statement.range[0]));
      return undefined;
    }
    default:
      return { kind: 'unknown' };
  }
}

function runBranches(test: TSESTree.Expression, consequent: TSESTree.Statement[], alternate: TSESTree.Statement[], state: State): Flow {
  const condition = evaluate(test, state);
  if (condition === THROWS) return { kind: 'throw' };
  if (condition !== UNKNOWN && condition !== ERROR) return runStatements(condition.value ? consequent : alternate, state);
  if (condition === ERROR) return runStatements(consequent, state);
  // A condition we cannot decide: both branches must agree.
  const before = state.effects;
  state.effects = [...before];
  const yes = runStatements(consequent, state) ?? { kind: 'fallthrough', effects: state.effects.join(',') };
  const afterYes = state.effects;
  state.effects = [...before];
  const no = runStatements(alternate, state) ?? { kind: 'fallthrough', effects: state.effects.join(',') };
  if (!sameOutcome(yes, no) && !(yes.kind === 'throw' && no.kind === 'throw')) return { kind: 'unknown' };
  if (yes.kind === 'fallthrough') {
    state.effects = afterYes;
    return undefined;
  }
  return yes;
}

function runSwitch(statement: TSESTree.SwitchStatement, state: State): Flow {
  const discriminant = evaluate(statement.discriminant, state);
  if (discriminant === THROWS) return { kind: 'throw' };
  if (discriminant === UNKNOWN || discriminant === ERROR) return { kind: 'unknown' };
  let start = statement.cases.findIndex((c) => {
    if (!isPresent(c.test)) return false;
    const value = evaluate(c.test, state);
    return value !== UNKNOWN && value !== ERROR && value !== THROWS && value.value === discriminant.value;
  });
  if (start === -1) start = statement.cases.findIndex((c) => !isPresent(c.test));
  if (start === -1) return undefined;
  for (const switchCase of statement.cases.slice(start)) {
    for (const inner of switchCase.consequent) {
      if (inner.type === AST_NODE_TYPES.BreakStatement && !isPresent(inner.label)) return undefined;
      const flow = runStatement(inner, state);
      if (flow !== undefined) return flow;
    }
  }
  return undefined;
}

function evaluate(node: TSESTree.Node, state: State): Value {
  const expression = unwrapExpression(node);
  switch (expression.type) {
    case AST_NODE_TYPES.Literal:
      return { value: expression.value };
    case AST_NODE_TYPES.TemplateLiteral:
      return expression.expressions.length === 0 ? { value: expression.quasis[0]?.value.cooked } : UNKNOWN;
    case AST_NODE_TYPES.Identifier:
      if (expression.name === 'undefined') return { value: undefined };
      return state.env.get(expression.name) ?? UNKNOWN;
    case AST_NODE_TYPES.MemberExpression: {
      const object = evaluate(expression.object, state);
      if (object === THROWS) return THROWS;
      return object === ERROR && getPropertyName(expression) === 'code' ? { value: state.code } : UNKNOWN;
    }
    case AST_NODE_TYPES.UnaryExpression:
      return evaluateUnary(expression, state);
    case AST_NODE_TYPES.BinaryExpression:
      return evaluateBinary(expression, state);
    case AST_NODE_TYPES.LogicalExpression:
      return evaluateLogical(expression, state);
    case AST_NODE_TYPES.ConditionalExpression: {
      const test = evaluate(expression.test, state);
      if (test === THROWS) return THROWS;
      if (test !== UNKNOWN && test !== ERROR) return evaluate(test.value ? expression.consequent : expression.alternate, state);
      const yes = evaluate(expression.consequent, state);
      const no = evaluate(expression.alternate, state);
      return isKnown(yes) && isKnown(no) && Object.is(yes.value, no.value) ? yes : UNKNOWN;
    }
    case AST_NODE_TYPES.CallExpression:
      return evaluateCall(expression, state);
    case AST_NODE_TYPES.AssignmentExpression:
      if (expression.left.type === AST_NODE_TYPES.Identifier && expression.operator === '=') {
        const value = evaluate(expression.right, state);
        if (value === THROWS) return THROWS;
        state.env.set(expression.left.name, value);
        return value;
      }
      return UNKNOWN;
    default:
      return UNKNOWN;
  }
}

function isKnown(value: Value): value is Known {
  return typeof value === 'object';
}

function evaluateUnary(expression: TSESTree.UnaryExpression, state: State): Value {
  const argument = evaluate(expression.argument, state);
  if (argument === THROWS) return THROWS;
  if (expression.operator === 'void') return { value: undefined };
  if (argument === ERROR) return expression.operator === '!' ? { value: false } : UNKNOWN;
  if (argument === UNKNOWN) return UNKNOWN;
  if (expression.operator === '!') return { value: !argument.value };
  if (expression.operator === 'typeof') return { value: typeof argument.value };
  return UNKNOWN;
}

function evaluateBinary(expression: TSESTree.BinaryExpression, state: State): Value {
  const left = evaluate(expression.left, state);
  if (left === THROWS) return THROWS;
  // `e instanceof Error`, `'code' in e`: taken to hold for a Node system error.
  if (expression.operator === 'instanceof' && left === ERROR) return { value: true };
  const right = evaluate(expression.right, state);
  if (right === THROWS) return THROWS;
  if (expression.operator === 'in' && right === ERROR) return { value: true };
  if (!isKnown(left) || !isKnown(right)) return UNKNOWN;
  switch (expression.operator) {
    case '===':
    case '==':
      return { value: left.value === right.value };
    case '!==':
    case '!=':
      return { value: left.value !== right.value };
    default:
      return UNKNOWN;
  }
}

function evaluateLogical(expression: TSESTree.LogicalExpression, state: State): Value {
  const left = evaluate(expression.left, state);
  if (left === THROWS) return THROWS;
  const truthy = left === ERROR ? true : isKnown(left) ? Boolean(left.value) : undefined;
  const nullish = left === ERROR ? false : isKnown(left) ? left.value === null || left.value === undefined : undefined;
  if (expression.operator === '&&' && truthy !== undefined) return truthy ? evaluate(expression.right, state) : left;
  if (expression.operator === '||' && truthy !== undefined) return truthy ? left : evaluate(expression.right, state);
  if (expression.operator === '??' && nullish !== undefined) return nullish ? evaluate(expression.right, state) : left;
  const right = evaluate(expression.right, state);
  if (right === THROWS) return UNKNOWN;
  // unknown && false is false; unknown || true is true
  if (expression.operator === '&&' && isKnown(right) && !right.value) return { value: false };
  if (expression.operator === '||' && isKnown(right) && Boolean(right.value)) return { value: true };
  return UNKNOWN;
}

function evaluateCall(expression: TSESTree.CallExpression, state: State): Value {
  const callee = unwrapExpression(expression.callee);
  // (() => { throw e })()
  if ((callee.type === AST_NODE_TYPES.ArrowFunctionExpression || callee.type === AST_NODE_TYPES.FunctionExpression) && callee.params.length === 0) {
    if (callee.body.type !== AST_NODE_TYPES.BlockStatement) return evaluate(callee.body, state);
    const flow = runStatements(callee.body.body, state);
    if (flow === undefined) return { value: undefined };
    if (flow.kind === 'throw') return THROWS;
    return flow.kind === 'return' && flow.value !== undefined ? flow.value : UNKNOWN;
  }
  for (const argument of expression.arguments) {
    const value = evaluate(argument, state);
    if (value === THROWS) return THROWS;
    if (value === ERROR && callee.type !== AST_NODE_TYPES.MemberExpression) return { value: true };
  }
  return UNKNOWN;
}

/**
 * The truth of `test` for an error with `code`, after the catch's leading `prefix` statements (such
 * as `const { code } = e`) ran; undefined when it depends on anything else.
 */
export function evaluateCondition(handler: TSESTree.CatchClause, prefix: readonly TSESTree.Statement[], test: TSESTree.Expression, code: string): boolean | undefined {
  const state: State = { code, env: new Map(), effects: [], depth: 0 };
  const { param } = handler;
  if (param?.type === AST_NODE_TYPES.Identifier) state.env.set(param.name, ERROR);
  else if (param?.type === AST_NODE_TYPES.ObjectPattern && !bindFromError(param, state)) return undefined;
  if (runStatements(prefix, state) !== undefined) return undefined;
  const value = evaluate(test, state);
  if (value === ERROR) return true;
  return isKnown(value) ? Boolean(value.value) : undefined;
}
