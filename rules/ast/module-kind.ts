import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

const MODULE_SYNTAX = new Set<string>([
  AST_NODE_TYPES.ImportDeclaration,
  AST_NODE_TYPES.ExportNamedDeclaration,
  AST_NODE_TYPES.ExportDefaultDeclaration,
  AST_NODE_TYPES.ExportAllDeclaration,
]);

/** Whether a file is CommonJS: by extension first (.cjs/.cts, .mjs/.mts), then by its own syntax. */
export function isCommonJsFile(fileName: string, program: TSESTree.Program): boolean {
  if (/\.c[jt]s$/.test(fileName)) return true;
  if (/\.m[jt]s$/.test(fileName)) return false;
  if (program.body.some((statement) => MODULE_SYNTAX.has(statement.type))) return false;
  return program.tokens?.some((token) => token.type === 'Identifier' && (token.value === 'require' || token.value === 'module')) === true;
}
