import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { platformFact, type PlatformNames } from './platform-check.js';

/**
 * Whether `node` only runs off Windows: inside the not-Windows branch of an enclosing `if`, ternary or
 * `&&`/`||`, or after an early exit such as `if (isWindows) return;` in an enclosing block.
 */
export function isPlatformGuarded(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, names: PlatformNames): boolean {
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
