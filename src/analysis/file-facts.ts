// What the analysis asks of the whole file, gathered in one pass over the tree: the identifier names
// (for a free local name), how statements end (semicolons or none), and the members bound to a child
// process. Only files with a probe or a `.kill` on a member ever ask; once per file.
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { getPropertyName } from './get-property-name.js';
import { hasChildType, isSpawnCall } from './is-spawn-call.js';
import type { AnalysisSource } from './source.js';
import { unwrapExpression } from './unwrap-expression.js';
import { forEachNode } from './walk.js';
import { isPresent } from './is-present.js';

export interface FileFacts {
  /** Every Identifier and JSXIdentifier name in the file. */
  readonly names: ReadonlySet<string>;
  /** Statements that may end without `;` and do end with one. */
  readonly withSemicolon: number;
  /** Statements that may end without `;` and do not. */
  readonly withoutSemicolon: number;
  /** Property names the file binds to a child process: `this.proc = spawn(..)`, `proc: ChildProcess`, `{ child: fork(..) }`. */
  readonly childMembers: ReadonlySet<string>;
  /** String literals written with `'` and with `"` (directives and JSX attributes aside). */
  readonly singleQuoted: number;
  readonly doubleQuoted: number;
}

/** Statements that may end without `;`. */
const TERMINATED = new Set<string>([
  AST_NODE_TYPES.ExpressionStatement,
  AST_NODE_TYPES.ReturnStatement,
  AST_NODE_TYPES.ThrowStatement,
  AST_NODE_TYPES.BreakStatement,
  AST_NODE_TYPES.ContinueStatement,
  AST_NODE_TYPES.ImportDeclaration,
  AST_NODE_TYPES.ExportAllDeclaration,
  AST_NODE_TYPES.TSExportAssignment,
  AST_NODE_TYPES.TSImportEqualsDeclaration,
]);
/** Where a variable declaration is a statement of its own, not the `let i = 0` of a for loop. */
const STATEMENT_LISTS = new Set<string>([AST_NODE_TYPES.Program, AST_NODE_TYPES.BlockStatement, AST_NODE_TYPES.SwitchCase, AST_NODE_TYPES.TSModuleBlock, AST_NODE_TYPES.ExportNamedDeclaration]);

const cache = new WeakMap<TSESTree.Program, FileFacts>();

export function fileFacts(source: AnalysisSource): FileFacts {
  const cached = cache.get(source.ast);
  if (cached !== undefined) return cached;
  const { text } = source;
  const names = new Set<string>();
  const childMembers = new Set<string>();
  let withSemicolon = 0;
  let withoutSemicolon = 0;
  let singleQuoted = 0;
  let doubleQuoted = 0;
  forEachNode(source.ast, (node) => {
    switch (node.type) {
      case AST_NODE_TYPES.Literal:
        if (typeof node.value === 'string' && node.parent.type !== AST_NODE_TYPES.JSXAttribute) {
          const quote = text.charCodeAt(node.range[0]);
          if (quote === 39) singleQuoted++;
          else if (quote === 34) doubleQuoted++;
        }
        return;
      case AST_NODE_TYPES.Identifier:
      case AST_NODE_TYPES.JSXIdentifier:
        names.add(node.name);
        return;
      case AST_NODE_TYPES.AssignmentExpression:
        // this.proc = spawn(...)
        if (node.left.type === AST_NODE_TYPES.MemberExpression) {
          const name = getPropertyName(node.left);
          if (name !== undefined && isSpawnCall(unwrapExpression(node.right))) childMembers.add(name);
        }
        return;
      case AST_NODE_TYPES.PropertyDefinition:
      case AST_NODE_TYPES.Property: {
        // proc: ChildProcess; { child: fork(...) }
        const name = node.key.type === AST_NODE_TYPES.Identifier && !node.computed ? node.key.name : undefined;
        if (name === undefined) return;
        if (node.type === AST_NODE_TYPES.PropertyDefinition && hasChildType(source, node)) childMembers.add(name);
        if (isPresent(node.value) && isSpawnCall(unwrapExpression(node.value))) childMembers.add(name);
        return;
      }
      case AST_NODE_TYPES.TSPropertySignature:
        if (node.key.type === AST_NODE_TYPES.Identifier && hasChildType(source, node)) childMembers.add(node.key.name);
        return;
      default:
    }
    // A declaration statement, not the `let i = 0` of a for loop; an export without a declaration.
    const counted =
      TERMINATED.has(node.type) ||
      (node.type === AST_NODE_TYPES.VariableDeclaration && STATEMENT_LISTS.has(node.parent.type)) ||
      (node.type === AST_NODE_TYPES.ExportNamedDeclaration && !isPresent(node.declaration)) ||
      (node.type === AST_NODE_TYPES.ExportDefaultDeclaration && node.declaration.type !== AST_NODE_TYPES.FunctionDeclaration && node.declaration.type !== AST_NODE_TYPES.ClassDeclaration);
    if (!counted) return;
    if (text.charCodeAt(node.range[1] - 1) === 59 /* ; */) withSemicolon++;
    else withoutSemicolon++;
  });
  const facts: FileFacts = { names, withSemicolon, withoutSemicolon, childMembers, singleQuoted, doubleQuoted };
  cache.set(source.ast, facts);
  return facts;
}

/**
 * Hands `fileFacts` the facts of `ast` gathered elsewhere: the codemod's large-file path parses a tree
 * whose probe-free function bodies are left out and counts what they hold from its token scan.
 */
export function provideFileFacts(ast: TSESTree.Program, facts: FileFacts): void {
  cache.set(ast, facts);
}
