import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import type { AnalysisSource } from './source.js';
import { isPlatformValue, isWindowsPlatformName, platformFact, type PlatformNames } from './platform-check.js';
import { unwrapExpression } from './unwrap-expression.js';

/**
 * Whether `node` only runs off Windows: inside the not-Windows branch of an enclosing `if`, ternary or
 * `&&`/`||`, in a `case 'linux':` of a `switch` on the platform, or after an early exit such as
 * `if (isWindows) return;` in an enclosing block.
 */
export function isPlatformGuarded(sourceCode: AnalysisSource, node: TSESTree.Node, names: PlatformNames): boolean {
  const fact = (test: TSESTree.Node): ReturnType<typeof platformFact> => platformFact(sourceCode, test, names);
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent !== undefined && parent !== null; child = parent, parent = parent.parent) {
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
    if (label === undefined || label === null) return false;
    const value = unwrapExpression(label);
    if (value.type !== AST_NODE_TYPES.Literal || typeof value.value !== 'string' || isWindowsPlatformName(value.value)) return false;
    // The case before falls through into this one unless it ends in a jump.
    const previous = cases[index - 1]?.consequent.at(-1);
    if (previous !== undefined && exits(previous)) break;
  }
  return true;
}

/** `if (isWindows) return;` / `if (process.platform === 'win32') { ...; throw ... }` */
function isWindowsEarlyExit(statement: TSESTree.Node, fact: (test: TSESTree.Node) => ReturnType<typeof platformFact>): boolean {
  if (statement.type !== AST_NODE_TYPES.IfStatement || statement.alternate !== null) return false;
  return exits(statement.consequent) && fact(statement.test) === 'windows';
}

function exits(statement: TSESTree.Statement): boolean {
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
