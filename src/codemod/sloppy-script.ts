// Node runs a CommonJS .js/.cjs file as a sloppy-mode script; TypeScript's parser reports some
// strict-mode-only rules as syntax errors everywhere. This tells the two apart, so a file is called
// broken only when Node itself would refuse it.
import type * as TypeScript from 'typescript';

type Ts = typeof TypeScript;
type TsSourceFile = TypeScript.SourceFile;
type Node = TypeScript.Node;

/**
 * Parser diagnostics that are errors only in strict code: legacy octal literals (`0755`), octal
 * escapes (`'\033'`), `\8`/`\9` escapes and decimals with a leading zero (`08`). Everything else
 * sloppy mode allows (`with`, duplicate parameters, reserved words as names) TypeScript's parser
 * does not report at all; its binder and checker do, and the engine never runs them.
 */
const STRICT_ONLY_DIAGNOSTICS = new Set([1121, 1487, 1488, 1489]);

/**
 * Whether Node runs this file as a CommonJS script (its top level is sloppy unless it says 'use strict'):
 * a .cjs file, or a .js file outside a `"type": "module"` package that is CommonJS by the engine's rules.
 */
export function isCommonJsScript(ts: Ts, sourceFile: TsSourceFile, fileName: string, moduleType: 'module' | 'commonjs' | undefined): boolean {
  if (/\.cjs$/i.test(fileName)) return true;
  if (!/\.js$/i.test(fileName) || moduleType === 'module') return false;
  const esm = sourceFile.statements.some(
    (s) => ts.isImportDeclaration(s) || ts.isExportDeclaration(s) || ts.isExportAssignment(s) || (ts.canHaveModifiers(s) && (ts.getModifiers(s) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)),
  );
  if (esm) return false;
  // The engine's CommonJS signs (src/rewrite/plan-import.ts), read from the text.
  return moduleType === 'commonjs' || /\brequire\s*\(|\bmodule\.exports\b|\bexports\.\w|\b__dirname\b|\b__filename\b|^\s*['"]use strict['"]/.test(sourceFile.text);
}

function hasUseStrict(ts: Ts, statements: readonly TypeScript.Statement[], text: string): boolean {
  for (const statement of statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) return false;
    // The directive must be spelled exactly, without escapes.
    const raw = text.slice(statement.expression.getStart(), statement.expression.getEnd());
    if (raw === "'use strict'" || raw === '"use strict"') return true;
  }
  return false;
}

/** The chain of nodes from the file down to the innermost one that holds `position`. */
function ancestorsAt(ts: Ts, sourceFile: TsSourceFile, position: number): Node[] {
  const chain: Node[] = [sourceFile];
  for (;;) {
    const parent = chain[chain.length - 1] as Node;
    const child = ts.forEachChild(parent, (node) => (node.getStart(sourceFile) <= position && position < node.getEnd() ? node : undefined));
    if (child === undefined) return chain;
    chain.push(child);
  }
}

/** Whether the code at `position` is strict in a script: under a 'use strict' prologue or in a class. */
function isStrictAt(ts: Ts, sourceFile: TsSourceFile, position: number): boolean {
  const text = sourceFile.text;
  return ancestorsAt(ts, sourceFile, position).some(
    (node) =>
      ts.isClassLike(node) ||
      (ts.isSourceFile(node) && hasUseStrict(ts, node.statements, text)) ||
      (ts.isFunctionLike(node) && 'body' in node && node.body !== undefined && ts.isBlock(node.body) && hasUseStrict(ts, node.body.statements, text)),
  );
}

function isInTemplate(ts: Ts, sourceFile: TsSourceFile, position: number): boolean {
  return ancestorsAt(ts, sourceFile, position).some((node) => ts.isTemplateLiteral(node) || ts.isTemplateLiteralToken(node));
}

/**
 * Whether `diagnostic` is one Node would not raise here: a strict-mode-only rule, in sloppy code of
 * a CommonJS script. An octal escape in a template literal is an error in every mode.
 */
export function isSloppyModeOnly(ts: Ts, sourceFile: TsSourceFile, diagnostic: TypeScript.DiagnosticWithLocation): boolean {
  if (!STRICT_ONLY_DIAGNOSTICS.has(diagnostic.code)) return false;
  return !isStrictAt(ts, sourceFile, diagnostic.start) && !isInTemplate(ts, sourceFile, diagnostic.start);
}
