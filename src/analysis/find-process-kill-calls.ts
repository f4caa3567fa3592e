import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import type { TSESLint } from '@typescript-eslint/utils';
import type { AnalysisSource } from './source.js';
import { getPropertyName } from './get-property-name.js';
import { isNeverReassigned } from './is-never-reassigned.js';
import { mentionsKill } from './mentions-kill.js';
import { outermostWrapper, unwrapExpression } from './unwrap-expression.js';
import { isPresent } from './is-present.js';

type Scope = TSESLint.Scope.Scope;
type Variable = TSESLint.Scope.Variable;

/** A call of Node's `process.kill`, however the function reached the call. */
export interface ProcessKillCall {
  readonly call: TSESTree.CallExpression;
  /** `process.kill(...)` / `kill(...)` (an alias), or a callee that only may be `process.kill` (`(fn ?? process.kill)(...)`). */
  readonly callee: 'direct' | 'dynamic';
}

export interface ProcessKillAnalysis {
  readonly calls: readonly ProcessKillCall[];
  /** Every expression known to be Node's `process` object (to tell `child.kill` from `process.kill`). */
  readonly processNodes: ReadonlySet<TSESTree.Node>;
  /** Every expression known to be `process.platform`: the member, `import { platform }`, `const { platform } = process`. */
  readonly platformNodes: ReadonlySet<TSESTree.Node>;
}

const PROCESS_MODULES = new Set(['process', 'node:process']);
const GLOBAL_OBJECTS = ['globalThis', 'global'];
const EMPTY: ProcessKillAnalysis = { calls: [], processNodes: new Set(), platformNodes: new Set() };

const cache = new WeakMap<TSESTree.Program, ProcessKillAnalysis>();

/**
 * Finds Node's `process` through scope analysis (the global, `globalThis.process`, imports and
 * `require` of `process`/`node:process`, aliases and destructuring), every call of its `kill`, and
 * every read of its `platform` (for platform guards).
 * A local binding named `process` is not Node's and is not followed. Cached per file: every rule asks.
 */
export function findProcessKillCalls(sourceCode: AnalysisSource): ProcessKillAnalysis {
  const program = sourceCode.ast;
  const cached = cache.get(program);
  if (cached !== undefined) return cached;
  const result = mentionsKill(sourceCode) ? analyse(sourceCode) : EMPTY;
  cache.set(program, result);
  return result;
}

function analyse(sourceCode: AnalysisSource): ProcessKillAnalysis {
  const globalScope = sourceCode.scopeManager?.globalScope;
  if (globalScope === null || globalScope === undefined) return EMPTY;
  const processNodes = new Set<TSESTree.Node>();
  const platformNodes = new Set<TSESTree.Node>();
  const killNodes = new Map<TSESTree.Node, ProcessKillCall['callee']>();
  const calls = new Map<TSESTree.CallExpression, ProcessKillCall>();

  const addProcess = (node: TSESTree.Node): void => {
    const outer = outermostWrapper(node);
    if (processNodes.has(outer)) return;
    processNodes.add(outer);
    followProcess(outer);
  };
  const addKill = (node: TSESTree.Node, callee: ProcessKillCall['callee']): void => {
    const outer = outermostWrapper(node);
    if (killNodes.has(outer)) return;
    killNodes.set(outer, callee);
    followKill(outer, callee);
  };
  const addPlatform = (node: TSESTree.Node): void => {
    const outer = outermostWrapper(node);
    if (platformNodes.has(outer)) return;
    platformNodes.add(outer);
    // const platform = process.platform
    const parent = outer.parent;
    if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === outer && parent.id.type === AST_NODE_TYPES.Identifier) {
      addVariable(sourceCode.getDeclaredVariables(parent)[0], addPlatform);
    }
  };
  const addVariable = (variable: Variable | null | undefined, add: (node: TSESTree.Node) => void): void => {
    if (variable === null || variable === undefined || !isNeverReassigned(variable)) return;
    for (const reference of variable.references) if (reference.isReadOnly()) add(reference.identifier);
  };

  function followProcess(node: TSESTree.Node): void {
    const parent = node.parent;
    if (!isPresent(parent)) return;
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === node) {
      const name = getPropertyName(parent);
      if (name === 'kill') addKill(parent, 'direct');
      else if (name === 'platform') addPlatform(parent);
    } else if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node) {
      followDeclarator(parent);
    }
  }

  function followKill(node: TSESTree.Node, callee: ProcessKillCall['callee']): void {
    const parent = node.parent;
    if (!isPresent(parent)) return;
    switch (parent.type) {
      case AST_NODE_TYPES.CallExpression:
        if (parent.callee === node) calls.set(parent, { call: parent, callee });
        return;
      case AST_NODE_TYPES.MemberExpression: {
        // process.kill.bind(process) is still process.kill
        const call = parent.parent;
        if (parent.object === node && getPropertyName(parent) === 'bind' && call?.type === AST_NODE_TYPES.CallExpression && call.callee === parent) {
          addKill(call, 'dynamic');
        }
        return;
      }
      case AST_NODE_TYPES.LogicalExpression:
        addKill(parent, 'dynamic');
        return;
      case AST_NODE_TYPES.ConditionalExpression:
        if (parent.test !== node) addKill(parent, 'dynamic');
        return;
      case AST_NODE_TYPES.VariableDeclarator:
        if (parent.init === node && parent.id.type === AST_NODE_TYPES.Identifier) {
          addVariable(sourceCode.getDeclaredVariables(parent)[0], (ref) => addKill(ref, 'dynamic'));
        }
        return;
      default:
        return;
    }
  }

  /** `const p = process` and `const { kill, platform } = process`. */
  function followDeclarator(declarator: TSESTree.VariableDeclarator): void {
    const { id } = declarator;
    if (id.type === AST_NODE_TYPES.Identifier) {
      addVariable(sourceCode.getDeclaredVariables(declarator)[0], addProcess);
      return;
    }
    if (id.type !== AST_NODE_TYPES.ObjectPattern) return;
    for (const property of id.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const name = getPropertyName(property);
      const add = name === 'kill' ? (node: TSESTree.Node) => addKill(node, 'direct') : name === 'platform' ? addPlatform : undefined;
      const local = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
      if (add === undefined || local.type !== AST_NODE_TYPES.Identifier) continue;
      const variable = sourceCode.getDeclaredVariables(declarator).find((v) => v.name === local.name);
      addVariable(variable, add);
    }
  }

  const globals = globalReferences(globalScope, ['process', 'require', ...GLOBAL_OBJECTS]);
  // The global `process`, `globalThis.process` and `global.process`.
  for (const identifier of globals.get('process') ?? []) addProcess(identifier);
  for (const name of GLOBAL_OBJECTS) {
    for (const identifier of globals.get(name) ?? []) {
      const member = outermostWrapper(identifier).parent;
      if (member?.type === AST_NODE_TYPES.MemberExpression && unwrapExpression(member.object) === identifier && getPropertyName(member) === 'process') {
        addProcess(member);
      }
    }
  }
  // require('process'), require('node:process')
  for (const identifier of globals.get('require') ?? []) {
    const call = identifier.parent;
    if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== identifier || call.arguments.length !== 1) continue;
    const [source] = call.arguments;
    if (source?.type === AST_NODE_TYPES.Literal && typeof source.value === 'string' && PROCESS_MODULES.has(source.value)) addProcess(call);
  }
  // import process from 'node:process'; import * as process from 'process'; import { kill, platform } from 'process'; import p = require('process')
  for (const statement of sourceCode.ast.body) {
    // import process = require('node:process')   (TypeScript, CommonJS output)
    if (statement.type === AST_NODE_TYPES.TSImportEqualsDeclaration && statement.importKind !== 'type') {
      const reference = statement.moduleReference;
      if (reference.type === AST_NODE_TYPES.TSExternalModuleReference && PROCESS_MODULES.has(reference.expression.value)) {
        addVariable(sourceCode.getDeclaredVariables(statement)[0], addProcess);
      }
      continue;
    }
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || !PROCESS_MODULES.has(statement.source.value) || statement.importKind === 'type') continue;
    for (const specifier of statement.specifiers) {
      const variable = sourceCode.getDeclaredVariables(specifier)[0];
      if (specifier.type === AST_NODE_TYPES.ImportSpecifier) {
        if (specifier.importKind === 'type') continue;
        const imported = specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
        if (imported === 'kill') addVariable(variable, (node) => addKill(node, 'direct'));
        else if (imported === 'platform') addVariable(variable, addPlatform);
        else if (imported === 'default') addVariable(variable, addProcess);
      } else {
        addVariable(variable, addProcess);
      }
    }
  }
  return { calls: [...calls.values()].sort((a, b) => a.call.range[0] - b.call.range[0]), processNodes, platformNodes };
}

/**
 * References to each global name in `names` that no declaration in the file shadows (configured
 * globals included): one pass over the global scope's unresolved references, which in a large script
 * are most of its identifiers.
 */
function globalReferences(globalScope: Scope, names: readonly string[]): Map<string, TSESTree.Identifier[]> {
  const found = new Map<string, TSESTree.Identifier[]>(names.map((name) => [name, []]));
  for (const reference of globalScope.through) {
    const { identifier } = reference;
    if (identifier.type === AST_NODE_TYPES.Identifier) found.get(identifier.name)?.push(identifier);
  }
  for (const name of names) {
    const declared = globalScope.set.get(name);
    // A configured global has no definitions; `var process = ...` at the top of a script does.
    if (declared === undefined || declared.defs.length !== 0) continue;
    for (const reference of declared.references) {
      if (reference.identifier.type === AST_NODE_TYPES.Identifier) found.get(name)?.push(reference.identifier);
    }
  }
  return found;
}
