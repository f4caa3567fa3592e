import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { findVariable, type AnalysisSource } from './source.js';
import { isPresent } from './is-present.js';

/**
 * For an identifier bound by `const NAME = init` (or an ObjectPattern `const { NAME } = init`), the
 * declarator and, for the plain form, its initializer; undefined for anything that can be reassigned.
 */
export function resolveConstInitializer(
  sourceCode: AnalysisSource,
  identifier: TSESTree.Identifier,
): { declarator: TSESTree.VariableDeclarator; init: TSESTree.Expression | undefined } | undefined {
  const variable = findVariable(sourceCode, identifier);
  if (variable === undefined || variable.defs.length !== 1) return undefined;
  const [def] = variable.defs;
  if (def?.type !== 'Variable' || def.parent.kind !== 'const') return undefined;
  const declarator = def.node;
  if (!isPresent(declarator.init)) return undefined;
  return { declarator, init: declarator.id.type === AST_NODE_TYPES.Identifier ? declarator.init : undefined };
}
