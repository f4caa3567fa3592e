import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import type { AnalysisSource } from './source.js';
import { findProcessKillCalls } from './find-process-kill-calls.js';
import { getPropertyName } from './get-property-name.js';
import { resolveConstInitializer } from './resolve-const-initializer.js';
import { outermostWrapper, unwrapExpression } from './unwrap-expression.js';

/** What a condition being true says about the platform. */
export type PlatformFact = 'windows' | 'not-windows' | undefined;

export interface PlatformNames {
  /** Identifiers (or functions called without arguments) that are true exactly on Windows. */
  readonly windows: ReadonlySet<string>;
  /** Identifiers (or functions called without arguments) that are true exactly off Windows. */
  readonly notWindows: ReadonlySet<string>;
}

const MAX_DEPTH = 8;

/**
 * `process.platform === 'win32'` -> windows; `os.platform() !== 'win32'`, `process.platform === 'linux'`
 * -> not-windows; `os.type() === 'Windows_NT'`; `!x`, `a && b`, `a || b`; a `const` flag followed
 * through the scope and judged by its initializer; names listed in `names` where the rule cannot see
 * what they hold (imports, parameters, members, or a const whose initializer says nothing).
 */
export function platformFact(sourceCode: AnalysisSource, node: TSESTree.Node, names: PlatformNames, depth = 0): PlatformFact {
  if (depth > MAX_DEPTH) return undefined;
  const test = unwrapExpression(node);
  switch (test.type) {
    case AST_NODE_TYPES.UnaryExpression:
      return test.operator === '!' ? negate(platformFact(sourceCode, test.argument, names, depth + 1)) : undefined;
    case AST_NODE_TYPES.LogicalExpression: {
      const left = platformFact(sourceCode, test.left, names, depth + 1);
      const right = platformFact(sourceCode, test.right, names, depth + 1);
      // a && b: either fact holds; a || b: only a fact both share
      if (test.operator === '&&') return left ?? right;
      if (test.operator === '||') return left === right ? left : undefined;
      return undefined;
    }
    case AST_NODE_TYPES.BinaryExpression:
      return comparison(sourceCode, test);
    case AST_NODE_TYPES.Identifier: {
      // `const isWindows = process.platform === 'linux'` is what its initializer says, not what its name says
      const resolved = resolveConstInitializer(sourceCode, test);
      const fact = resolved?.init === undefined ? undefined : platformFact(sourceCode, resolved.init, names, depth + 1);
      if (fact !== undefined) return fact;
      if (names.windows.has(test.name)) return 'windows';
      if (names.notWindows.has(test.name)) return 'not-windows';
      return undefined;
    }
    case AST_NODE_TYPES.MemberExpression:
    case AST_NODE_TYPES.CallExpression:
      return namedFact(test, names);
    default:
      return undefined;
  }
}

function negate(fact: PlatformFact): PlatformFact {
  if (fact === 'windows') return 'not-windows';
  if (fact === 'not-windows') return 'windows';
  return undefined;
}

function comparison(sourceCode: AnalysisSource, test: TSESTree.BinaryExpression): PlatformFact {
  const equal = test.operator === '===' || test.operator === '==';
  if (!equal && test.operator !== '!==' && test.operator !== '!=') return undefined;
  const [probe, literal] = isPlatformValue(sourceCode, test.left) ? [test.left, test.right] : [test.right, test.left];
  const value = unwrapExpression(literal);
  if (!isPlatformValue(sourceCode, probe) || value.type !== AST_NODE_TYPES.Literal || typeof value.value !== 'string') return undefined;
  const windows = isWindowsPlatformName(value.value);
  if (windows) return equal ? 'windows' : 'not-windows';
  return equal ? 'not-windows' : undefined;
}

/** `'win32'` (`process.platform`, `os.platform()`) or `'Windows_NT'` (`os.type()`). */
export function isWindowsPlatformName(name: string): boolean {
  return name === 'win32' || name === 'Windows_NT';
}

/**
 * `process.platform` (any `.platform` member), `platform` bound to Node's `process.platform` through
 * the scope, `os.platform()`, `platform()`, `os.type()`.
 */
export function isPlatformValue(sourceCode: AnalysisSource, node: TSESTree.Node): boolean {
  const value = unwrapExpression(node);
  if (value.type === AST_NODE_TYPES.Identifier) return findProcessKillCalls(sourceCode).platformNodes.has(outermostWrapper(value));
  if (value.type === AST_NODE_TYPES.MemberExpression) return getPropertyName(value) === 'platform';
  if (value.type !== AST_NODE_TYPES.CallExpression || value.arguments.length > 0) return false;
  const name = calleeName(value.callee);
  return name === 'platform' || name === 'type';
}

function namedFact(node: TSESTree.MemberExpression | TSESTree.CallExpression, names: PlatformNames): PlatformFact {
  const name = node.type === AST_NODE_TYPES.MemberExpression ? getPropertyName(node) : node.arguments.length === 0 ? calleeName(node.callee) : undefined;
  if (name === undefined) return undefined;
  if (names.windows.has(name)) return 'windows';
  if (names.notWindows.has(name)) return 'not-windows';
  return undefined;
}

function calleeName(callee: TSESTree.Node): string | undefined {
  const value = unwrapExpression(callee);
  if (value.type === AST_NODE_TYPES.Identifier) return value.name;
  if (value.type === AST_NODE_TYPES.MemberExpression) return getPropertyName(value);
  return undefined;
}
