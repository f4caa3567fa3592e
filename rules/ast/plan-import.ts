import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { isCommonJsFile } from './module-kind.js';

export interface ImportPlan {
  /** Insert `text` at offset `at`; undefined when the name is already imported from the module. */
  readonly insert: { readonly at: number; readonly text: string } | undefined;
}

/**
 * How to make `name` from `source` available at the top of a file (the rule's own fallback; the
 * codemod engine's import edit wins when it has one). Undefined when `name` is taken by something else.
 */
export function planImport(program: TSESTree.Program, fileName: string, name: string, source: string, isNameTaken: boolean): ImportPlan | undefined {
  const commonJs = isCommonJsFile(fileName, program);
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration && statement.source.value === source) {
      const imported = statement.specifiers.some(
        (s) => s.type === AST_NODE_TYPES.ImportSpecifier && s.local.name === name && s.imported.type === AST_NODE_TYPES.Identifier && s.imported.name === name,
      );
      if (imported) return { insert: undefined };
    }
  }
  if (isNameTaken) return undefined;
  const text = commonJs ? `const { ${name} } = require('${source}');\n` : `import { ${name} } from '${source}';\n`;
  // After the imports (ESM) or the leading directives and requires (CommonJS); else at the top.
  let after: TSESTree.Node | undefined;
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration || (statement.type === AST_NODE_TYPES.ExpressionStatement && statement.directive !== undefined)) after = statement;
    else if (commonJs && isRequireDeclaration(statement)) after = statement;
    else break;
  }
  return { insert: after === undefined ? { at: program.body[0]?.range[0] ?? 0, text } : { at: after.range[1], text: `\n${text.trimEnd()}` } };
}

function isRequireDeclaration(statement: TSESTree.Statement): boolean {
  if (statement.type !== AST_NODE_TYPES.VariableDeclaration) return false;
  return statement.declarations.every((d) => {
    const init = d.init?.type === AST_NODE_TYPES.TSAsExpression ? d.init.expression : d.init;
    return init?.type === AST_NODE_TYPES.CallExpression && init.callee.type === AST_NODE_TYPES.Identifier && init.callee.name === 'require';
  });
}
