import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { getPropertyName } from './get-property-name.js';
import { isFunctionNode } from './is-function-node.js';
import { isPlatformValue, isWindowsPlatformName, platformFact, type PlatformNames } from './platform-check.js';
import { resolveConstInitializer } from './resolve-const-initializer.js';
import type { AnalysisSource } from './source.js';
import { unwrapExpression } from './unwrap-expression.js';
import { isPresent } from './is-present.js';

/**
 * Whether `node` only runs off Windows: inside the not-Windows branch of an enclosing `if`, ternary or
 * `&&`/`||`, in a `case 'linux':` of a `switch` on the platform, after an early exit such as
 * `if (isWindows) return;` in an enclosing block, or in a test a test framework skips on Windows:
 * Playwright's `test.skip(isWindows, ...)` and mocha's `if (isWindows) this.skip()` at the top of a
 * test or describe body, vitest's `it.skipIf(isWindows)(...)`/`describe.runIf(!isWindows)(...)`, jest's
 * `(isWindows ? it.skip : it)(...)`.
 */
export function isPlatformGuarded(sourceCode: AnalysisSource, node: TSESTree.Node, names: PlatformNames): boolean {
  const fact = (test: TSESTree.Node): ReturnType<typeof platformFact> => platformFact(sourceCode, test, names);
  let child: TSESTree.Node = node;
  for (let parent = node.parent; isPresent(parent); child = parent, parent = parent.parent) {
    switch (parent.type) {
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
        if (child === parent.consequent && fact(parent.test) === 'not-windows') return true;
        if (child === parent.alternate && fact(parent.test) === 'windows') return true;
        break;
      case AST_NODE_TYPES.LogicalExpression:
        if (child === parent.right && parent.operator === '&&' && fact(parent.left) === 'not-windows') return true;
        if (child === parent.right && parent.operator === '||' && fact(parent.left) === 'windows') return true;
        break;
      case AST_NODE_TYPES.CallExpression:
        if (child !== parent.callee && isFunctionNode(child) && runsOnlyOffWindows(sourceCode, parent.callee, fact)) return true;
        break;
      case AST_NODE_TYPES.BlockStatement:
      case AST_NODE_TYPES.Program:
      case AST_NODE_TYPES.SwitchCase: {
        if (parent.type === AST_NODE_TYPES.SwitchCase && parent.test !== child && isReachedOnlyOffWindows(sourceCode, parent)) return true;
        const body: readonly TSESTree.Node[] = parent.type === AST_NODE_TYPES.SwitchCase ? parent.consequent : parent.body;
        const index = body.indexOf(child);
        if (body.slice(0, index).some((statement) => isWindowsEarlyExit(statement, fact))) return true;
        break;
      }
      default:
        break;
    }
  }
  return false;
}

/**
 * A case of `switch (process.platform)` whose own label and the labels falling through into it are all
 * platform names other than Windows; `default:` or a non-literal label may be Windows.
 */
function isReachedOnlyOffWindows(sourceCode: AnalysisSource, switchCase: TSESTree.SwitchCase): boolean {
  const statement = switchCase.parent;
  if (!isPlatformValue(sourceCode, statement.discriminant)) return false;
  const { cases } = statement;
  for (let index = cases.indexOf(switchCase); index >= 0; index -= 1) {
    const label = cases[index]?.test;
    if (!isPresent(label)) return false;
    const value = unwrapExpression(label);
    if (value.type !== AST_NODE_TYPES.Literal || typeof value.value !== 'string' || isWindowsPlatformName(value.value)) return false;
    // The case before falls through into this one unless it ends in a jump.
    const previous = cases[index - 1]?.consequent.at(-1);
    if (previous !== undefined && exits(previous)) break;
  }
  return true;
}

type Fact = (test: TSESTree.Node) => ReturnType<typeof platformFact>;

/** `it.skip`, `describe.skip`, `test.fixme`, `xit`, `xdescribe`: a test function that never runs its callback. */
function isSkippingTest(node: TSESTree.Node): boolean {
  const value = unwrapExpression(node);
  if (value.type === AST_NODE_TYPES.Identifier) return /^x(?:it|test|describe)$/.test(value.name);
  return value.type === AST_NODE_TYPES.MemberExpression && /^(?:skip|fixme|todo)$/.test(getPropertyName(value) ?? '');
}

/**
 * A test function whose callback runs only off Windows: `it.skipIf(isWindows)`, `test.runIf(!isWindows)`,
 * `(isWindows ? it.skip : it)`, or a const holding one of those.
 */
function runsOnlyOffWindows(sourceCode: AnalysisSource, callee: TSESTree.Node, fact: Fact, depth = 0): boolean {
  const value = unwrapExpression(callee);
  if (value.type === AST_NODE_TYPES.CallExpression && value.arguments.length === 1) {
    const method = unwrapExpression(value.callee);
    const name = method.type === AST_NODE_TYPES.MemberExpression ? getPropertyName(method) : undefined;
    const [condition] = value.arguments;
    if (condition === undefined || condition.type === AST_NODE_TYPES.SpreadElement) return false;
    if (name === 'skipIf') return fact(condition) === 'windows';
    if (name === 'runIf') return fact(condition) === 'not-windows';
    return false;
  }
  if (value.type === AST_NODE_TYPES.ConditionalExpression) {
    const skipsWhenTrue = isSkippingTest(value.consequent) && !isSkippingTest(value.alternate);
    const skipsWhenFalse = isSkippingTest(value.alternate) && !isSkippingTest(value.consequent);
    return (skipsWhenTrue && fact(value.test) === 'windows') || (skipsWhenFalse && fact(value.test) === 'not-windows');
  }
  if (value.type === AST_NODE_TYPES.Identifier && depth < 2) {
    const init = resolveConstInitializer(sourceCode, value)?.init;
    return init !== undefined && runsOnlyOffWindows(sourceCode, init, fact, depth + 1);
  }
  return false;
}

/**
 * `if (isWindows) return;` / `if (process.platform === 'win32') { ...; throw ... }`, mocha's
 * `if (isWindows) this.skip();`, Playwright's `test.skip(isWindows, 'reason')`, and a mocha hook
 * `before(function () { if (isWindows) this.skip(); })`.
 */
function isWindowsEarlyExit(statement: TSESTree.Node, fact: Fact): boolean {
  if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
    const call = unwrapExpression(statement.expression);
    if (call.type !== AST_NODE_TYPES.CallExpression) return false;
    const callee = unwrapExpression(call.callee);
    const [condition] = call.arguments;
    // test.skip(isWindows, 'why'), test.fixme(isWindows)
    if (callee.type === AST_NODE_TYPES.MemberExpression && /^(?:skip|fixme)$/.test(getPropertyName(callee) ?? '') && condition !== undefined && condition.type !== AST_NODE_TYPES.SpreadElement) {
      return fact(condition) === 'windows';
    }
    // before(function () { if (isWindows) this.skip(); })
    const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : undefined;
    const hook = call.arguments.at(-1);
    if (name !== undefined && /^(?:before|beforeAll|beforeEach)$/.test(name) && hook?.type === AST_NODE_TYPES.FunctionExpression) {
      return hook.body.body.some((inner) => isWindowsEarlyExit(inner, fact));
    }
    return false;
  }
  if (statement.type !== AST_NODE_TYPES.IfStatement || isPresent(statement.alternate)) return false;
  return exits(statement.consequent) && fact(statement.test) === 'windows';
}

/** `this.skip()`: mocha's skip throws, so nothing after it runs. */
function isThisSkip(statement: TSESTree.Statement): boolean {
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  const call = unwrapExpression(statement.expression);
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrapExpression(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.ThisExpression && getPropertyName(callee) === 'skip';
}

function exits(statement: TSESTree.Statement): boolean {
  if (isThisSkip(statement)) return true;
  switch (statement.type) {
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ThrowStatement:
    case AST_NODE_TYPES.ContinueStatement:
    case AST_NODE_TYPES.BreakStatement:
      return true;
    case AST_NODE_TYPES.BlockStatement: {
      const last = statement.body.at(-1);
      return last !== undefined && exits(last);
    }
    default:
      return false;
  }
}
