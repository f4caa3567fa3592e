// The codemod's parser: typescript-estree turns the file into the ESTree the shared analysis
// (src/analysis/) reads, the same tree shape ESLint hands the lint rules; scope-manager adds the
// scopes ESLint would. Loaded on first use, so that `import 'hermes-pid'` never pays for TypeScript.
import type * as ScopeManagerModule from '@typescript-eslint/scope-manager';
import type { TSESTree } from '@typescript-eslint/types';
import type * as EstreeModule from '@typescript-eslint/typescript-estree';
import type * as TypeScript from 'typescript';
import type { AnalysisSource } from '../analysis/source.js';
import { nodeRequire } from '../internal/node-require.js';
import { isCommonJsScript, isSloppyModeOnly } from './sloppy-script.js';

let estree: typeof EstreeModule | undefined;
let scopeManager: typeof ScopeManagerModule | undefined;
let ts: typeof TypeScript | undefined;

/** typescript-estree (and with it TypeScript) and scope-manager, loaded once. */
export function loadParser(): void {
  estree ??= nodeRequire('@typescript-eslint/typescript-estree') as typeof EstreeModule;
  scopeManager ??= nodeRequire('@typescript-eslint/scope-manager') as typeof ScopeManagerModule;
}

export type Parsed = { readonly source: AnalysisSource; readonly error?: undefined } | { readonly source?: undefined; readonly error: string };

const MODULE_SYNTAX = new Set<string>(['ImportDeclaration', 'ExportNamedDeclaration', 'ExportDefaultDeclaration', 'ExportAllDeclaration', 'TSExportAssignment']);

/**
 * Parses `text` (no BOM) as the extension of `fileName` says: .ts/.mts/.cts as TypeScript, .tsx as
 * TSX, .js/.cjs/.mjs/.jsx as JavaScript with JSX (as every bundler reads it). A syntax error comes
 * back as `line:column message`.
 */
export function parseSource(fileName: string, text: string, moduleType?: 'module' | 'commonjs'): Parsed {
  loadParser();
  const parser = estree as typeof EstreeModule;
  let ast: TSESTree.Program;
  try {
    ast = parser.parse(withoutSloppyOnlySyntax(fileName, text, moduleType), {
      filePath: fileName.replace(/^.*[\\/]/, ''),
      jsx: !/\.[cm]?ts$/i.test(fileName),
      range: true,
      loc: true,
      tokens: true,
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
  return {
    source: {
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
    },
  };
}

/**
 * Whether TypeScript's parser finds a syntax error in `text`: the check on rewritten output, without
 * building an ESTree (typescript-estree parses with this same parser first).
 */
export function hasSyntaxErrors(fileName: string, text: string, moduleType?: 'module' | 'commonjs'): string | undefined {
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
