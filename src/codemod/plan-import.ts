// Where `pidIsAlive` comes from in the rewritten file: an existing import, a merged one, or a new one.
import type * as TsMorph from 'ts-morph';
import { unwrapExpression } from './find-probes.js';
import { isFileHeaderComment, statementTerminator } from './house-style.js';
import type { Ts, TsSourceFile } from './parse.js';
import { stringLiteral } from './string-literal.js';
import type { TextEdit } from './types.js';

type Statement = TsMorph.ts.Statement;

export interface ImportPlan {
  /** How rewritten code calls the helper. */
  readonly callee: string;
  /** The import to add or merge; undefined when the file already has it. */
  readonly edit: TextEdit | undefined;
}

const HELPER = 'pidIsAlive';

const COMMONJS_GLOBALS = new Set(['__dirname', '__filename', 'module', 'exports', 'require']);

/** A read of CommonJS' module-scope names (`__dirname`, `module`, `require`, ...) that the file does not declare itself. */
function usesCommonJsGlobals(ts: Ts, sourceFile: TsSourceFile): boolean {
  const declared = new Set<string>();
  const used = new Set<string>();
  const visit = (node: TsMorph.ts.Node): void => {
    if (ts.isIdentifier(node) && COMMONJS_GLOBALS.has(node.text)) {
      const parent = node.parent;
      if (isDeclarationName(ts, node)) declared.add(node.text);
      else if (!((ts.isPropertyAccessExpression(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isMethodDeclaration(parent)) && parent.name === node)) used.add(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return [...used].some((name) => !declared.has(name));
}

/**
 * ESM or CommonJS, decided as Node does: the extension (.mjs/.mts, .cjs), then the file's own syntax
 * (import/export: ESM; require, module.exports, exports.x, 'use strict': CommonJS), then free uses of
 * `__dirname`, `__filename`, `module`, `exports` or `require` (CommonJS), then .cts, and last, for
 * .js/.jsx, `moduleType` (the nearest package.json "type"; the CLI fills it in); otherwise ESM.
 */
export function usesRequire(ts: Ts, sourceFile: TsSourceFile, fileName: string, moduleType?: 'module' | 'commonjs'): boolean {
  if (/\.m[jt]s$/i.test(fileName)) return false;
  if (/\.cjs$/i.test(fileName)) return true;
  const statements = sourceFile.statements;
  const esm = statements.some(
    (s) =>
      ts.isImportDeclaration(s) ||
      ts.isExportDeclaration(s) ||
      ts.isExportAssignment(s) ||
      (ts.canHaveModifiers(s) && (ts.getModifiers(s) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)),
  );
  if (esm) return false;
  if (/\brequire\s*\(|\bmodule\.exports\b|\bexports\.\w/.test(sourceFile.text)) return true;
  // 'use strict' is a script's directive: ES modules are strict already.
  const first = statements[0];
  if (first !== undefined && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === 'use strict') return true;
  if (usesCommonJsGlobals(ts, sourceFile)) return true;
  if (/\.cts$/i.test(fileName)) return true;
  return /\.jsx?$/i.test(fileName) && moduleType === 'commonjs';
}

function requiredModule(ts: Ts, statement: Statement): { declaration: TsMorph.ts.VariableDeclaration; source: string } | undefined {
  if (!ts.isVariableStatement(statement) || statement.declarationList.declarations.length !== 1) return undefined;
  const declaration = statement.declarationList.declarations[0];
  const init = declaration?.initializer === undefined ? undefined : unwrapExpression(ts, declaration.initializer);
  if (declaration === undefined || init === undefined || !ts.isCallExpression(init)) return undefined;
  const [argument] = init.arguments;
  if (!ts.isIdentifier(init.expression) || init.expression.text !== 'require' || init.arguments.length !== 1 || argument === undefined || !ts.isStringLiteralLike(argument)) return undefined;
  return { declaration, source: argument.text };
}

/** A free local name for the helper: `pidIsAlive`, else `hermesPidIsAlive`, `hermesPidIsAlive2`, ... */
function freeName(ts: Ts, sourceFile: TsSourceFile): string {
  const used = new Set<string>();
  const visit = (node: TsMorph.ts.Node): void => {
    if (ts.isIdentifier(node)) used.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  if (!used.has(HELPER)) return HELPER;
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? 'hermesPidIsAlive' : `hermesPidIsAlive${n}`;
    if (!used.has(candidate)) return candidate;
  }
}

/** Whether `name` is declared anywhere in the file other than by `binding` (scope-blind, so safe). */
function declaredElsewhere(ts: Ts, sourceFile: TsSourceFile, name: string, binding: TsMorph.ts.Node): boolean {
  let found = false;
  const visit = (node: TsMorph.ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(node) && node.text === name && node !== binding && isDeclarationName(ts, node)) found = true;
    else ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

function isDeclarationName(ts: Ts, node: TsMorph.ts.Identifier): boolean {
  const parent = node.parent;
  const named =
    ts.isVariableDeclaration(parent) ||
    ts.isParameter(parent) ||
    ts.isBindingElement(parent) ||
    ts.isFunctionDeclaration(parent) ||
    ts.isFunctionExpression(parent) ||
    ts.isClassDeclaration(parent) ||
    ts.isClassExpression(parent) ||
    ts.isEnumDeclaration(parent) ||
    ts.isModuleDeclaration(parent) ||
    ts.isImportSpecifier(parent) ||
    ts.isImportClause(parent) ||
    ts.isNamespaceImport(parent) ||
    ts.isImportEqualsDeclaration(parent);
  return named && (parent as TsMorph.ts.NamedDeclaration).name === node;
}

function lineEndAfter(text: string, position: number): number {
  const newline = text.indexOf('\n', position);
  return newline === -1 ? text.length : newline + 1;
}

export function planImport(ts: Ts, sourceFile: TsSourceFile, fileName: string, source: string, eol: string, moduleType?: 'module' | 'commonjs', semicolons = true): ImportPlan {
  const text = sourceFile.text;
  const statements = sourceFile.statements;
  const cjs = usesRequire(ts, sourceFile, fileName, moduleType);
  const quote = /^\s*(?:import|const|let|var)\b[^\n]*?(["'])/m.exec(text)?.[1] ?? "'";
  let lastModuleStatement: Statement | undefined;
  for (const statement of statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      lastModuleStatement = statement;
      const clause = statement.importClause;
      if (statement.moduleSpecifier.text !== source || clause === undefined || clause.isTypeOnly) continue;
      const bindings = clause.namedBindings;
      // An existing binding is reused only when no other declaration of its name could shadow it
      // at a rewritten call; otherwise a fresh aliased import follows.
      if (bindings !== undefined && ts.isNamespaceImport(bindings)) {
        if (declaredElsewhere(ts, sourceFile, bindings.name.text, bindings.name)) continue;
        return { callee: `${bindings.name.text}.${HELPER}`, edit: undefined };
      }
      if (bindings !== undefined) {
        const existing = bindings.elements.find((e) => !e.isTypeOnly && (e.propertyName ?? e.name).text === HELPER);
        if (existing !== undefined && declaredElsewhere(ts, sourceFile, existing.name.text, existing.name)) continue;
        if (existing !== undefined) return { callee: existing.name.text, edit: undefined };
        const local = freeName(ts, sourceFile);
        const last = bindings.elements[bindings.elements.length - 1];
        const spec = local === HELPER ? HELPER : `${HELPER} as ${local}`;
        if (last === undefined) return { callee: local, edit: { start: bindings.getStart() + 1, end: bindings.getEnd() - 1, text: ` ${spec} ` } };
        return { callee: local, edit: { start: last.getEnd(), end: last.getEnd(), text: `, ${spec}` } };
      }
      if (clause.name !== undefined) {
        const local = freeName(ts, sourceFile);
        const spec = local === HELPER ? HELPER : `${HELPER} as ${local}`;
        return { callee: local, edit: { start: clause.name.getEnd(), end: clause.name.getEnd(), text: `, { ${spec} }` } };
      }
      continue;
    }
    const required = requiredModule(ts, statement);
    if (required !== undefined) {
      lastModuleStatement = statement;
      if (required.source !== source) continue;
      const name = required.declaration.name;
      if (ts.isIdentifier(name)) {
        if (declaredElsewhere(ts, sourceFile, name.text, name)) continue;
        return { callee: `${name.text}.${HELPER}`, edit: undefined };
      }
      if (ts.isObjectBindingPattern(name)) {
        const existing = name.elements.find((e) => !e.dotDotDotToken && ((e.propertyName ?? e.name) as TsMorph.ts.Node).getText(sourceFile) === HELPER);
        if (existing !== undefined && ts.isIdentifier(existing.name) && declaredElsewhere(ts, sourceFile, existing.name.text, existing.name)) continue;
        if (existing !== undefined && ts.isIdentifier(existing.name)) return { callee: existing.name.text, edit: undefined };
        if (name.elements.some((e) => e.dotDotDotToken !== undefined)) continue;
        const local = freeName(ts, sourceFile);
        const spec = local === HELPER ? HELPER : `${HELPER}: ${local}`;
        const last = name.elements[name.elements.length - 1];
        if (last !== undefined) return { callee: local, edit: { start: last.getEnd(), end: last.getEnd(), text: `, ${spec}` } };
      }
    }
  }
  const local = freeName(ts, sourceFile);
  const quoted = stringLiteral(source, quote);
  const line = (semi: string): string =>
    cjs ? `const { ${local === HELPER ? HELPER : `${HELPER}: ${local}`} } = require(${quoted})${semi}` : `import { ${local === HELPER ? HELPER : `${HELPER} as ${local}`} } from ${quoted}${semi}`;
  // The import ends as the import above it does, else as the file's statements do.
  const terminate = (at: number): string =>
    lastModuleStatement === undefined ? statementTerminator(semicolons, text, at) : statementTerminator(text.slice(0, lastModuleStatement.getEnd()).endsWith(';'), text, at);
  if (lastModuleStatement !== undefined) {
    const at = lastModuleStatement.getEnd();
    return { callee: local, edit: { start: at, end: at, text: `${eol}${line(terminate(at))}` } };
  }
  // After a shebang and the directive prologue ('use strict'), else above the first statement
  // but below the file's header comments: any followed by a blank line, and directives, licences
  // and overviews (`// @ts-check`, `/*! ... */`, `@license`, `@file`) even without one.
  let position = text.startsWith('#!') ? lineEndAfter(text, 0) : 0;
  let prologueEnd: number | undefined;
  for (const statement of statements) {
    if (ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression)) prologueEnd = statement.getEnd();
    else break;
  }
  if (prologueEnd !== undefined) return { callee: local, edit: { start: prologueEnd, end: prologueEnd, text: `${eol}${line(terminate(prologueEnd))}` } };
  const first = statements[0];
  if (first !== undefined) {
    for (const range of ts.getLeadingCommentRanges(text, first.getFullStart()) ?? []) {
      const blankLine = /^[ \t]*\r?\n[ \t]*\r?\n/.exec(text.slice(range.end));
      if (blankLine !== null) position = range.end + blankLine[0].length;
      else if (isFileHeaderComment(text.slice(range.pos, range.end)) && /^[ \t]*\r?\n/.test(text.slice(range.end))) position = lineEndAfter(text, range.end);
    }
  }
  return { callee: local, edit: { start: position, end: position, text: `${line(terminate(position))}${eol}${first === undefined ? '' : eol}` } };
}
