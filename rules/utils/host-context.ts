// The rule context a host other than ESLint hands a rule, completed to what the rules read. ESLint and
// oxlint give the whole ESLint API and pass through untouched. deno lint (Deno 2.x) gives `id`,
// `filename`, `sourceCode` (text, ast with parents and ranges, getText, getAllComments) and
// `report({ node, message, hint })`: no options, no scope analysis, no messageId, no suggestions.
// There the scope analysis is typescript-eslint's scope-manager run on Deno's tree (the same analyzer
// @typescript-eslint/parser runs; it loads no parser and no TypeScript), and a report's message is its
// messageId's text. Suggestions are left out: Deno has only fixes, which `deno lint --fix` applies
// unasked, and a probe's rewrite is for a person (or `npx hermes-codemod`) to choose.
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type * as ScopeManagerModule from '@typescript-eslint/scope-manager';
import { createRequire } from 'node:module';
import { lineIndexAt, lineStarts } from '../../src/analysis/line-starts.js';
import { moduleTypeOf } from '../../src/internal/package-scope.js';
import { nodeRequire } from '../../src/internal/node-require.js';
import { dirname } from 'node:path';

type RuleContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;
type VisitorKeys = Readonly<Record<string, readonly string[] | undefined>>;

/** What deno lint's context has (Deno.lint.RuleContext). */
interface DenoLintContext {
  readonly id?: string;
  readonly filename: string;
  readonly sourceCode: { readonly text: string; readonly ast: TSESTree.Program; getText(node?: TSESTree.Node): string; getAllComments?(): TSESTree.Comment[] };
  report(data: { node?: TSESTree.Node; range?: readonly [number, number]; message: string; hint?: string }): void;
}

/** Whether `context` lacks ESLint's scope analysis (deno lint's context); ESLint's and oxlint's have it. */
function lacksScopeAnalysis(context: RuleContext): boolean {
  return typeof (context.sourceCode as Partial<TSESLint.SourceCode> | undefined)?.getScope !== 'function';
}

let scopeModules: { analyze: typeof ScopeManagerModule.analyze; visitorKeys: VisitorKeys } | undefined;

/** scope-manager and its visitor keys (the package beside it, wherever the package manager put it). */
function loadScopeModules(): NonNullable<typeof scopeModules> {
  if (scopeModules !== undefined) return scopeModules;
  const scopeManagerPath = nodeRequire.resolve('@typescript-eslint/scope-manager');
  const { analyze } = nodeRequire(scopeManagerPath) as typeof ScopeManagerModule;
  const { visitorKeys } = createRequire(scopeManagerPath)('@typescript-eslint/visitor-keys') as { visitorKeys: VisitorKeys };
  scopeModules = { analyze, visitorKeys };
  return scopeModules;
}

/** How Node runs the file (a `.js` from its nearest package.json), as the scope analysis must read it. */
function isModuleFile(fileName: string): boolean {
  if (/\.c[jt]s$/.test(fileName)) return false;
  if (/\.m[jt]s$|\.tsx?$/.test(fileName)) return true;
  return moduleTypeOf(dirname(fileName)) === 'module';
}

/** ESLint's message interpolation: `{{ name }}` from `data`, an unknown name left as written. */
function interpolate(template: string, data: Readonly<Record<string, unknown>> | undefined): string {
  return template.replace(/\{\{([^{}]+)\}\}/g, (whole, name: string) => {
    const value = data?.[name.trim()];
    return value === undefined ? whole : String(value);
  });
}

/** Where ESLint would offer a suggestion: the same rewrite, from the codemod. */
export const REWRITE_HINT = 'npx hermes-codemod rewrites this probe (ESLint offers the same rewrite as a suggestion)';

/** Node types TSESTree gives `decorators: []` (scope-manager reads them); Deno's tree leaves them out. */
const DECORATED = new Set(['Identifier', 'ArrayPattern', 'ObjectPattern', 'AssignmentPattern', 'RestElement', 'TSParameterProperty', 'ClassDeclaration', 'ClassExpression', 'PropertyDefinition', 'MethodDefinition', 'AccessorProperty', 'TSAbstractPropertyDefinition', 'TSAbstractMethodDefinition', 'TSAbstractAccessorProperty']);

function isNodeLike(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/**
 * Deno's tree as plain ESTree objects, with parents: Deno's nodes are views on a buffer whose getters
 * are shared by every node type, which ESLint's scope analyzers do not expect. Once per file that
 * says `kill`; the rules read nothing else.
 */
function plainTree(root: TSESTree.Program, comments: readonly TSESTree.Comment[], text: string): TSESTree.Program {
  const starts = lineStarts(text);
  // ESLint's loc: line from 1, column from 0 (a rule's message may name a line).
  const position = (index: number): TSESTree.Position => {
    const line = lineIndexAt(starts, index);
    return { line: line + 1, column: index - (starts[line] as number) };
  };
  // Deno writes an optional chain as swc holds it: a ChainExpression around every link that follows a
  // `?.`, and `optional` on every link after one. ESTree has one ChainExpression at the top, and
  // `optional` only on the link written with `?.`: the text says which.
  const writtenOptional = (from: number, to: number): boolean => text.slice(from, to).includes('?.');
  const copy = (node: TSESTree.Node, parent: TSESTree.Node | undefined, inChain: boolean): TSESTree.Node => {
    const source = node as unknown as Record<string, unknown>;
    if (inChain && node.type === 'ChainExpression') return copy(source.expression as TSESTree.Node, parent, true);
    const plain: Record<string, unknown> = {};
    const links = node.type === 'ChainExpression' ? 'expression' : node.type === 'CallExpression' ? 'callee' : node.type === 'MemberExpression' ? 'object' : undefined;
    for (const key in source) {
      if (key === 'parent' || key === 'length') continue;
      const value = source[key];
      if (value === undefined) continue;
      const childInChain = key === links && (inChain || node.type === 'ChainExpression');
      if (Array.isArray(value)) plain[key] = value.map((item: unknown) => (isNodeLike(item) ? copy(item, plain as unknown as TSESTree.Node, false) : item));
      else if (isNodeLike(value)) plain[key] = copy(value, plain as unknown as TSESTree.Node, childInChain);
      else plain[key] = value;
    }
    if (inChain && node.type === 'MemberExpression') {
      plain.optional = writtenOptional((plain.object as TSESTree.Node).range[1], (plain.property as TSESTree.Node).range[0]);
    } else if (inChain && node.type === 'CallExpression') {
      const args = plain.arguments as TSESTree.Node[];
      const typeArgs = plain.typeArguments as TSESTree.Node | undefined;
      plain.optional = writtenOptional((plain.callee as TSESTree.Node).range[1], (typeArgs ?? args[0])?.range[0] ?? node.range[1]);
    }
    if (DECORATED.has(node.type) && plain.decorators === undefined) plain.decorators = [];
    plain.loc = { start: position(node.range[0]), end: position(node.range[1]) };
    if (parent !== undefined) plain.parent = parent;
    return plain as unknown as TSESTree.Node;
  };
  const program = copy(root, undefined, false) as TSESTree.Program;
  program.comments = comments.map((comment) => ({ type: comment.type, value: comment.value, range: [comment.range[0], comment.range[1]] }) as TSESTree.Comment);
  return program;
}

/** One per Deno tree: the four rules share its copy and its scope analysis. */
const plainTrees = new WeakMap<TSESTree.Program, { ast: TSESTree.Program; scopes?: ScopeManagerModule.ScopeManager }>();

function completedSourceCode(context: DenoLintContext): TSESLint.SourceCode {
  const denoSource = context.sourceCode;
  const { text } = denoSource;
  let tree: { ast: TSESTree.Program; scopes?: ScopeManagerModule.ScopeManager } | undefined;
  const treeOf = (): { ast: TSESTree.Program; scopes?: ScopeManagerModule.ScopeManager } => {
    if (tree !== undefined) return tree;
    const denoAst = denoSource.ast;
    tree = plainTrees.get(denoAst);
    if (tree === undefined) {
      tree = { ast: plainTree(denoAst, denoSource.getAllComments?.() ?? [], text) };
      plainTrees.set(denoAst, tree);
    }
    return tree;
  };
  const scopesOf = (): ScopeManagerModule.ScopeManager => {
    const held = treeOf();
    if (held.scopes !== undefined) return held.scopes;
    const module = isModuleFile(context.filename);
    // lib: [] leaves out TypeScript's lib globals (Promise, Map, ...): the analysis asks about none.
    held.scopes = loadScopeModules().analyze(held.ast, { sourceType: module ? 'module' : 'script', globalReturn: !module, jsxPragma: null, lib: [] });
    return held.scopes;
  };
  const sourceCode = {
    text,
    get ast(): TSESTree.Program {
      return treeOf().ast;
    },
    get scopeManager(): ScopeManagerModule.ScopeManager {
      return scopesOf();
    },
    get visitorKeys(): VisitorKeys {
      return loadScopeModules().visitorKeys;
    },
    parserServices: undefined,
    getText: (node?: TSESTree.Node): string => (node === undefined ? text : text.slice(node.range[0], node.range[1])),
    getDeclaredVariables: (node: TSESTree.Node) => scopesOf().getDeclaredVariables(node),
    getScope(node: TSESTree.Node): ScopeManagerModule.Scope {
      const manager = scopesOf();
      // ESLint's SourceCode#getScope: the innermost scope that holds the node.
      const inner = node.type !== 'Program';
      for (let current: TSESTree.Node | undefined = node; current !== undefined && current !== null; current = current.parent) {
        const scope = manager.acquire(current, inner);
        if (scope !== null) return scope.type === 'function-expression-name' ? (scope.childScopes[0] ?? scope) : scope;
      }
      return manager.globalScope ?? (manager.scopes[0] as ScopeManagerModule.Scope);
    },
  };
  return sourceCode as unknown as TSESLint.SourceCode;
}

/**
 * `context` as the rules read it: ESLint's or oxlint's unchanged; deno lint's completed with
 * file names, scope analysis and a report that takes a messageId.
 */
export function hostContext<Context extends RuleContext>(context: Context, messages: Readonly<Record<string, string>>): Context {
  if (!lacksScopeAnalysis(context)) return context;
  const deno = context as unknown as DenoLintContext;
  if (typeof deno.filename !== 'string' || typeof deno.sourceCode?.text !== 'string' || typeof deno.report !== 'function') {
    throw new TypeError('hermes-pid: this lint host gives a rule neither ESLint\'s API nor deno lint\'s (filename, sourceCode, report)');
  }
  const sourceCode = completedSourceCode(deno);
  const cwd = typeof process === 'object' ? process.cwd() : '/';
  const completed = {
    id: deno.id,
    filename: deno.filename,
    physicalFilename: deno.filename,
    cwd,
    sourceCode,
    getSourceCode: () => sourceCode,
    report(descriptor: { node?: TSESTree.Node; messageId?: string; message?: string; data?: Readonly<Record<string, unknown>>; suggest?: readonly unknown[] | null }): void {
      const template = descriptor.messageId === undefined ? descriptor.message : messages[descriptor.messageId];
      if (template === undefined) throw new TypeError(`hermes-pid: no message for messageId ${String(descriptor.messageId)}`);
      if (descriptor.node === undefined) throw new TypeError('hermes-pid: a report under deno lint needs a node');
      const hint = (descriptor.suggest ?? []).length > 0 ? REWRITE_HINT : undefined;
      deno.report({ range: descriptor.node.range, message: interpolate(template, descriptor.data), ...(hint === undefined ? {} : { hint }) });
    },
  };
  return completed as unknown as Context;
}
