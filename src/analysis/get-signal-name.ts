import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import type { AnalysisSource } from './source.js';
import { getPropertyName } from './get-property-name.js';
import { resolveConstInitializer } from './resolve-const-initializer.js';
import { unwrapExpression } from './unwrap-expression.js';
import { isPresent } from './is-present.js';

const MAX_DEPTH = 8;

/**
 * The signal `node` statically names: `'SIGHUP'`, `15`, a const holding one, `os.constants.signals.SIGHUP`,
 * `const { SIGUSR1 } = constants.signals`. Undefined when it cannot be known without running the code.
 */
export function getSignalName(sourceCode: AnalysisSource, node: TSESTree.Node, depth = 0): string | number | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const value = unwrapExpression(node);
  switch (value.type) {
    case AST_NODE_TYPES.Literal:
      return typeof value.value === 'string' || typeof value.value === 'number' ? value.value : undefined;
    case AST_NODE_TYPES.TemplateLiteral:
      return value.expressions.length === 0 ? (value.quasis[0]?.value.cooked ?? undefined) : undefined;
    case AST_NODE_TYPES.UnaryExpression: {
      const inner = getSignalName(sourceCode, value.argument, depth + 1);
      return value.operator === '-' && typeof inner === 'number' ? -inner : undefined;
    }
    case AST_NODE_TYPES.MemberExpression:
      return isSignalsTable(value.object) ? signalKey(getPropertyName(value)) : undefined;
    case AST_NODE_TYPES.Identifier:
      return fromIdentifier(sourceCode, value, depth);
    default:
      return undefined;
  }
}

function fromIdentifier(sourceCode: AnalysisSource, identifier: TSESTree.Identifier, depth: number): string | number | undefined {
  const resolved = resolveConstInitializer(sourceCode, identifier);
  if (resolved === undefined) return undefined;
  if (resolved.init !== undefined) return getSignalName(sourceCode, resolved.init, depth + 1);
  // const { SIGUSR1 } = os.constants.signals
  const { id, init } = resolved.declarator;
  if (id.type !== AST_NODE_TYPES.ObjectPattern || !isPresent(init) || !isSignalsTable(init)) return undefined;
  for (const property of id.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const local = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
    if (local.type === AST_NODE_TYPES.Identifier && local.name === identifier.name) return signalKey(getPropertyName(property));
  }
  return undefined;
}

/** `constants.signals`, `os.constants.signals`: a member named `signals`. */
function isSignalsTable(node: TSESTree.Node): boolean {
  const value = unwrapExpression(node);
  return value.type === AST_NODE_TYPES.MemberExpression && getPropertyName(value) === 'signals';
}

function signalKey(name: string | undefined): string | undefined {
  return name?.startsWith('SIG') === true ? name : undefined;
}
