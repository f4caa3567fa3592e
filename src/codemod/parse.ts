// The codemod's parsers: they turn the file into the ESTree the shared analysis (src/analysis/)
// reads, the trees ESLint hands the lint rules. JavaScript goes to espree with eslint-scope (ESLint's
// defaults: loaded in milliseconds); TypeScript, and JavaScript espree refuses, to typescript-estree
// with scope-manager (as @typescript-eslint/parser), which loads the TypeScript compiler (about 0.5 s).
// All are loaded on first use, so that `import 'hermes-pid'` never pays for a parser.
import type * as ScopeManagerModule from '@typescript-eslint/scope-manager';
import type { TSESTree } from '@typescript-eslint/types';
import type * as EstreeModule from '@typescript-eslint/typescript-estree';
import type * as EslintScopeModule from 'eslint-scope';
import type * as EspreeModule from 'espree';
import type * as TypeScript from 'typescript';
import type { AnalysisSource } from '../analysis/source.js';
import { nodeRequire } from '../internal/node-require.js';
import { isCommonJsScript, isSloppyModeOnly } from './sloppy-script.js';

let estree: typeof EstreeModule | undefined;
let scopeManager: typeof ScopeManagerModule | undefined;
let ts: typeof TypeScript | undefined;
let espree: typeof EspreeModule | undefined;
let eslintScope: typeof EslintScopeModule | undefined;

let beforeLoad: (() => void) | undefined;

/** Runs `hook` once, just before TypeScript's parser first loads: the CLI's V8 code cache (src/cli/transform/code-cache.ts). */
export function beforeTypeScriptLoads(hook: () => void): void {
  beforeLoad = hook;
}

/** typescript-estree (and with it TypeScript) and scope-manager, loaded once. */
export function loadParser(): void {
  if (estree === undefined && beforeLoad !== undefined) {
    const hook = beforeLoad;
    beforeLoad = undefined;
    hook();
  }
  estree ??= nodeRequire('@typescript-eslint/typescript-estree') as typeof EstreeModule;
  scopeManager ??= nodeRequire('@typescript-eslint/scope-manager') as typeof ScopeManagerModule;
}

/** Which parser built a tree: the output of a rewrite is checked with the same one. */
export type ParserName = 'espree' | 'typescript';

export type Parsed = { readonly source: AnalysisSource; readonly parser: ParserName; readonly error?: undefined } | { readonly source?: undefined; readonly parser?: undefined; readonly error: string };

/** Files espree reads: JavaScript, with JSX as every bundler reads it. */
const JAVASCRIPT = /\.[cm]?jsx?$/i;

const MODULE_SYNTAX = new Set<string>(['ImportDeclaration', 'ExportNamedDeclaration', 'ExportDefaultDeclaration', 'ExportAllDeclaration', 'TSExportAssignment']);

/**
 * Parses `text` (no BOM) as the extension of `fileName` says: .ts/.mts/.cts as TypeScript, .tsx as
 * TSX, .js/.cjs/.mjs/.jsx as JavaScript with JSX (as every bundler reads it). A syntax error comes
 * back as `line:column message`.
 */
export function parseSource(fileName: string, text: string, moduleType?: 'module' | 'commonjs', parser?: ParserName): Parsed {
  if (parser !== 'typescript' && JAVASCRIPT.test(fileName)) {
    const source = parseJavaScript(fileName, text, moduleType)?.source;
    if (source !== undefined) return { source, parser: 'espree' };
    if (parser === 'espree') return { error: 'espree cannot parse it' };
  }
  return parseTypeScript(fileName, text, moduleType);
}

/**
 * How Node could run `fileName`, in the order to try: a .cjs file and a .js file outside a
 * `"type": "module"` package as a sloppy-mode script first, then as a module.
 */
function sourceTypesFor(fileName: string, moduleType: 'module' | 'commonjs' | undefined): readonly ('script' | 'module')[] {
  if (/\.mjs$/i.test(fileName)) return ['module'];
  if (/\.cjs$/i.test(fileName)) return ['script'];
  return moduleType === 'module' ? ['module'] : ['script', 'module'];
}

type EspreeProgram = ReturnType<typeof EspreeModule.parse>;

/** espree's tree of `text` in the first source type it parses as, or the first attempt's error (`line:column message`). */
function parseWithEspree(fileName: string, text: string, moduleType: 'module' | 'commonjs' | undefined, grammarOnly = false): { ast: EspreeProgram; sourceType: 'script' | 'module' } | { error: string } {
  espree ??= nodeRequire('espree') as typeof EspreeModule;
  let first: string | undefined;
  for (const sourceType of sourceTypesFor(fileName, moduleType)) {
    try {
      // (The grammar alone needs no ranges or comments: a tenth of a large file's parse.)
      return { ast: espree.parse(text, { ecmaVersion: 'latest', sourceType, range: !grammarOnly, comment: !grammarOnly, ecmaFeatures: { jsx: true, globalReturn: sourceType === 'script' } }), sourceType };
    } catch (error) {
      const { lineNumber, column, message } = error as { lineNumber?: number; column?: number; message?: string };
      first ??= lineNumber === undefined ? String(message) : `${lineNumber}:${column ?? 0} ${message ?? ''}`;
    }
  }
  return { error: first ?? 'espree cannot parse it' };
}

/**
 * `text` as ESLint reads JavaScript by default: espree, then eslint-scope (sourceTypesFor says how);
 * undefined when espree refuses it, for typescript-estree to try (it accepts somewhat more, and
 * names the error as the codemod always has).
 */
export function parseJavaScript(fileName: string, text: string, moduleType: 'module' | 'commonjs' | undefined): { source: AnalysisSource; sourceType: 'script' | 'module' } | undefined {
  const parsed = parseWithEspree(fileName, text, moduleType);
  if ('error' in parsed) return undefined;
  const { ast, sourceType } = parsed;
  const keys = (espree as typeof EspreeModule).VisitorKeys;
  setParents(ast as unknown as TSESTree.Node, keys);
  eslintScope ??= nodeRequire('eslint-scope') as typeof EslintScopeModule;
  // ESLint's own call (linter.js), but with espree's keys as the fallback for the types estraverse's
  // table lacks (JSX, StaticBlock), not as childVisitorKeys: esrecurse copies those for every pattern,
  // 20 % of the parse time. The one difference: an `import(x, options)` call's options are not visited.
  const scopes = eslintScope.analyze(ast as unknown as Parameters<typeof EslintScopeModule.analyze>[0], { ignoreEval: true, nodejsScope: sourceType === 'script', ecmaVersion: (espree as typeof EspreeModule).latestEcmaVersion, sourceType, fallback: (node) => [...(keys[node.type] ?? [])] });
  return { source: withScopes(text, ast as unknown as TSESTree.Program, scopes as unknown as ScopeManagerModule.ScopeManager), sourceType };
}

/** Sets `parent` on every node below `root`, as ESLint does before the rules run. */
function setParents(root: TSESTree.Node, keys: Readonly<Record<string, readonly string[] | undefined>>): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as TSESTree.Node;
    for (const key of keys[node.type] ?? []) {
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const child of value as (TSESTree.Node | null)[]) {
          if (child === null) continue; // a hole: [, a]
          child.parent = node;
          stack.push(child);
        }
      } else if (typeof value === 'object' && value !== null) {
        (value as TSESTree.Node).parent = node;
        stack.push(value as TSESTree.Node);
      }
    }
  }
}

function parseTypeScript(fileName: string, text: string, moduleType: 'module' | 'commonjs' | undefined): Parsed {
  loadParser();
  const parser = estree as typeof EstreeModule;
  let ast: TSESTree.Program;
  try {
    ast = parser.parse(withoutSloppyOnlySyntax(fileName, text, moduleType), {
      filePath: fileName.replace(/^.*[\\/]/, ''),
      jsx: !/\.[cm]?ts$/i.test(fileName),
      range: true,
      // The analysis reads ranges and comments only: no `loc` and no token list to build.
      loc: false,
      tokens: false,
      comment: true,
      loggerFn: false,
      // Only the parser's own errors stop the analysis; grammar checks are the compiler's business.
      allowInvalidAST: true,
      suppressDeprecatedPropertyWarnings: true,
    });
  } catch (error) {
    const location = (error as { location?: { start?: { line: number; column: number } } }).location?.start;
    const message = error instanceof Error ? error.message : String(error);
    return { error: location === undefined ? message : `${location.line}:${location.column + 1} ${message}` };
  }
  parser.simpleTraverse(ast, { enter: () => undefined }, true); // parent pointers, as ESLint sets them
  const module = /\.m[jt]s$/i.test(fileName) || ast.body.some((statement) => MODULE_SYNTAX.has(statement.type));
  // lib: [] leaves out TypeScript's lib globals (Promise, Map, ...): the analysis asks about none.
  const scopes = (scopeManager as typeof ScopeManagerModule).analyze(ast, { sourceType: module ? 'module' : 'script', globalReturn: !module, jsxPragma: null, lib: [] });
  return { source: withScopes(text, ast, scopes), parser: 'typescript' };
}

/** The analysis's view of a parsed file: ESLint's getScope and getDeclaredVariables over `scopes`. */
function withScopes(text: string, ast: TSESTree.Program, scopes: ScopeManagerModule.ScopeManager): AnalysisSource {
  return {
    text,
    ast,
    scopeManager: scopes,
    getDeclaredVariables: (node) => scopes.getDeclaredVariables(node),
    getScope(node) {
      const inner = node.type !== 'Program';
      for (let current: TSESTree.Node | undefined = node; current !== undefined; current = current.parent) {
        const scope = scopes.acquire(current, inner);
        if (scope !== null) return scope.type === 'function-expression-name' ? (scope.childScopes[0] ?? scope) : scope;
      }
      return scopes.globalScope ?? (scopes.scopes[0] as ScopeManagerModule.Scope);
    },
  };
}

/**
 * The syntax error `parser` finds in `text`, if any: the check on rewritten output. For TypeScript's
 * parser, without building an ESTree (typescript-estree parses with this same parser first).
 */
export function hasSyntaxErrors(fileName: string, text: string, moduleType?: 'module' | 'commonjs', parser: ParserName = 'typescript'): string | undefined {
  if (parser === 'espree') {
    // The grammar alone: no parents, no scopes, no ranges.
    const parsed = parseWithEspree(fileName, text, moduleType, true);
    return 'error' in parsed ? parsed.error : undefined;
  }
  const { sourceFile, diagnostics } = nodeDiagnostics(fileName, text, moduleType);
  const [first] = diagnostics;
  if (first === undefined) return undefined;
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(first.start);
  return `${line + 1}:${character + 1} ${(ts as typeof TypeScript).flattenDiagnosticMessageText(first.messageText, ' ')}`;
}

/** TypeScript's parse of `text`, and its syntax errors as Node sees them (sloppy-mode-only ones dropped in a CommonJS script). */
function nodeDiagnostics(fileName: string, text: string, moduleType: 'module' | 'commonjs' | undefined): { sourceFile: TypeScript.SourceFile; diagnostics: TypeScript.DiagnosticWithLocation[]; sloppy: TypeScript.DiagnosticWithLocation[] } {
  ts ??= nodeRequire('typescript') as typeof TypeScript;
  const kind = /\.tsx$/i.test(fileName) ? ts.ScriptKind.TSX : /\.[cm]?ts$/i.test(fileName) ? ts.ScriptKind.TS : ts.ScriptKind.JSX;
  const sourceFile = ts.createSourceFile(fileName.replace(/^.*[\\/]/, ''), text, ts.ScriptTarget.Latest, false, kind);
  const all = (sourceFile as { parseDiagnostics?: readonly TypeScript.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  const script = all.length > 0 && isCommonJsScript(ts, sourceFile, fileName, moduleType);
  const sloppy = script ? all.filter((d) => isSloppyModeOnly(ts as typeof TypeScript, sourceFile, d)) : [];
  return { sourceFile, diagnostics: all.filter((d) => !sloppy.includes(d)), sloppy };
}

/**
 * `text` with the strict-mode-only syntax Node accepts in a sloppy CommonJS script (`0755`, `08`,
 * `'\033'`) blanked to something of the same length every parser accepts (`1755`, `18`, `' 033'`),
 * so that typescript-estree, which is strict everywhere, builds the tree; ranges stay those of `text`.
 */
function withoutSloppyOnlySyntax(fileName: string, text: string, moduleType: 'module' | 'commonjs' | undefined): string {
  if (!/\.c?js$/i.test(fileName) || !/0[0-9]|\\[0-9]/.test(text)) return text;
  const { diagnostics, sloppy } = nodeDiagnostics(fileName, text, moduleType);
  if (sloppy.length === 0 || diagnostics.length > 0) return text;
  let masked = text;
  for (const { start } of sloppy) {
    const replacement = masked.charAt(start) === '\\' ? ' ' : '1';
    masked = masked.slice(0, start) + replacement + masked.slice(start + 1);
  }
  return masked;
}
