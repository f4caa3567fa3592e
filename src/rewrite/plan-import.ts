// Where `pidIsAlive` comes from in the rewritten file: an existing import, a merged one, or a new one.
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { leadingComments } from './comments.js';
import { fileFacts } from '../analysis/file-facts.js';
import { stringLiteral } from './string-literal.js';
import { isFileHeaderComment, statementTerminator } from './house-style.js';
import type { AnalysisSource } from '../analysis/source.js';
import type { TextEdit } from '../analysis/types.js';
import { unwrapExpression } from '../analysis/unwrap-expression.js';
import { isPresent } from '../analysis/is-present.js';

export interface ImportPlan {
  /** How rewritten code calls the helper. */
  readonly callee: string;
  /** The import to add or merge; undefined when the file already has it. */
  readonly edit: TextEdit | undefined;
}

const HELPER = 'pidIsAlive';

const COMMONJS_GLOBALS = ['__dirname', '__filename', 'module', 'exports', 'require'];

/** A read of CommonJS' module-scope names (`__dirname`, `module`, `require`, ...) that the file does not declare itself. */
function usesCommonJsGlobals(source: AnalysisSource): boolean {
  const globalScope = source.scopeManager?.globalScope;
  if (globalScope === null || globalScope === undefined) return false;
  if (globalScope.through.some((reference) => COMMONJS_GLOBALS.includes(reference.identifier.name))) return true;
  // Globals the host configured (ESLint's `globals`) resolve to a variable without a declaration.
  return COMMONJS_GLOBALS.some((name) => {
    const variable = globalScope.set.get(name);
    return variable !== undefined && variable.defs.length === 0 && variable.references.length > 0;
  });
}

function isModuleSyntax(statement: TSESTree.ProgramStatement): boolean {
  switch (statement.type) {
    case AST_NODE_TYPES.ImportDeclaration:
    case AST_NODE_TYPES.ExportNamedDeclaration:
    case AST_NODE_TYPES.ExportDefaultDeclaration:
    case AST_NODE_TYPES.ExportAllDeclaration:
    case AST_NODE_TYPES.TSExportAssignment:
      return true;
    default:
      return false;
  }
}

function isDirective(statement: TSESTree.ProgramStatement): statement is TSESTree.ExpressionStatement {
  return statement.type === AST_NODE_TYPES.ExpressionStatement && statement.expression.type === AST_NODE_TYPES.Literal && typeof statement.expression.value === 'string';
}

/**
 * ESM or CommonJS, decided as Node does: the extension (.mjs/.mts, .cjs), then the file's own syntax
 * (import/export: ESM; require, module.exports, exports.x, 'use strict': CommonJS), then free uses of
 * `__dirname`, `__filename`, `module`, `exports` or `require` (CommonJS), then .cts, and last, for
 * .js/.jsx, `moduleType` (the nearest package.json "type"; the CLI fills it in); otherwise ESM.
 */
export function usesRequire(source: AnalysisSource, fileName: string, moduleType?: 'module' | 'commonjs'): boolean {
  if (/\.m[jt]s$/i.test(fileName)) return false;
  if (/\.cjs$/i.test(fileName)) return true;
  const statements = source.ast.body;
  if (statements.some(isModuleSyntax)) return false;
  if (/\brequire\s*\(|\bmodule\.exports\b|\bexports\.\w/.test(source.text)) return true;
  // 'use strict' is a script's directive: ES modules are strict already.
  const first = statements[0];
  if (first !== undefined && isDirective(first) && (first.expression as TSESTree.StringLiteral).value === 'use strict') return true;
  if (usesCommonJsGlobals(source)) return true;
  if (/\.cts$/i.test(fileName)) return true;
  return /\.jsx?$/i.test(fileName) && moduleType === 'commonjs';
}

function requiredModule(statement: TSESTree.ProgramStatement): { declarator: TSESTree.VariableDeclarator; source: string } | undefined {
  if (statement.type !== AST_NODE_TYPES.VariableDeclaration || statement.declarations.length !== 1) return undefined;
  const declarator = statement.declarations[0];
  const init = isPresent(declarator?.init) ? unwrapExpression(declarator.init) : undefined;
  if (declarator === undefined || init?.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const [argument] = init.arguments;
  if (init.callee.type !== AST_NODE_TYPES.Identifier || init.callee.name !== 'require' || init.arguments.length !== 1) return undefined;
  const value = argument === undefined ? undefined : stringValue(argument);
  return value === undefined ? undefined : { declarator, source: value };
}

/** A `require(...)` call, or a value made from one: `require('debug')('app')`, `require('x').y`, `__importDefault(require('x'))`. */
function isFromRequire(node: TSESTree.Node): boolean {
  const value = unwrapExpression(node);
  if (value.type === AST_NODE_TYPES.MemberExpression) return isFromRequire(value.object);
  if (value.type !== AST_NODE_TYPES.CallExpression) return false;
  if (value.callee.type === AST_NODE_TYPES.Identifier && value.callee.name === 'require') return true;
  const [first] = value.arguments;
  return isFromRequire(value.callee) || (value.callee.type === AST_NODE_TYPES.Identifier && first !== undefined && isFromRequire(first));
}

/** A declaration whose every value comes from a require: part of the requires that open a file. */
function isRequireDeclaration(statement: TSESTree.ProgramStatement): boolean {
  return statement.type === AST_NODE_TYPES.VariableDeclaration && statement.declarations.every((declarator) => declarator.init !== null && isFromRequire(declarator.init));
}

function stringValue(node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value;
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** A free local name for the helper: `pidIsAlive`, else `hermesPidIsAlive`, `hermesPidIsAlive2`, ... */
function freeName(source: AnalysisSource): string {
  const used = fileFacts(source).names;
  return used.has(HELPER) ? numbered(used, 'hermesPidIsAlive') : HELPER;
}

/** `base`, `base2`, `base3`, ...: the first the file does not use. */
function numbered(used: Pick<ReadonlySet<string>, 'has'>, base: string): string {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}${n}`;
    if (!used.has(candidate)) return candidate;
  }
}

/** `import x = require('source')`: the declaration and the module it names. */
function importEqualsModule(statement: TSESTree.ProgramStatement): { declaration: TSESTree.TSImportEqualsDeclaration; source: string } | undefined {
  if (statement.type !== AST_NODE_TYPES.TSImportEqualsDeclaration || statement.moduleReference.type !== AST_NODE_TYPES.TSExternalModuleReference) return undefined;
  const value = stringValue(statement.moduleReference.expression);
  return value === undefined ? undefined : { declaration: statement, source: value };
}

/** Whether `name` is declared anywhere in the file other than by `binding` (scope-blind, so safe). */
function declaredElsewhere(source: AnalysisSource, name: string, binding: TSESTree.Node): boolean {
  for (const scope of source.scopeManager?.scopes ?? []) {
    const variable = scope.set.get(name);
    if (variable?.defs.some((def) => def.name !== binding) === true) return true;
  }
  return false;
}

function lineEndAfter(text: string, position: number): number {
  const newline = text.indexOf('\n', position);
  return newline === -1 ? text.length : newline + 1;
}

function spec(local: string, separator: ' as ' | ': '): string {
  return local === HELPER ? HELPER : `${HELPER}${separator}${local}`;
}

/** The plan for an `import ... from source` of the helper's module; undefined to keep looking. */
function fromImport(source: AnalysisSource, statement: TSESTree.ImportDeclaration): ImportPlan | undefined {
  const { text } = source;
  const namespace = statement.specifiers.find((s) => s.type === AST_NODE_TYPES.ImportNamespaceSpecifier);
  // An existing binding is reused only when no other declaration of its name could shadow it
  // at a rewritten call; otherwise a fresh aliased import follows.
  if (namespace !== undefined) {
    if (declaredElsewhere(source, namespace.local.name, namespace.local)) return undefined;
    return { callee: `${namespace.local.name}.${HELPER}`, edit: undefined };
  }
  const named = statement.specifiers.filter((s): s is TSESTree.ImportSpecifier => s.type === AST_NODE_TYPES.ImportSpecifier);
  const clause = text.slice(statement.range[0], statement.source.range[0]);
  const open = clause.indexOf('{');
  if (open !== -1) {
    const existing = named.find((s) => s.importKind !== 'type' && (s.imported.type === AST_NODE_TYPES.Identifier ? s.imported.name : s.imported.value) === HELPER);
    if (existing !== undefined && declaredElsewhere(source, existing.local.name, existing.local)) return undefined;
    if (existing !== undefined) return { callee: existing.local.name, edit: undefined };
    const local = freeName(source);
    const last = named.at(-1);
    if (last === undefined) {
      const start = statement.range[0] + open + 1;
      return { callee: local, edit: { start, end: statement.range[0] + clause.lastIndexOf('}'), text: ` ${spec(local, ' as ')} ` } };
    }
    return { callee: local, edit: { start: last.range[1], end: last.range[1], text: `, ${spec(local, ' as ')}` } };
  }
  const defaultImport = statement.specifiers.find((s) => s.type === AST_NODE_TYPES.ImportDefaultSpecifier);
  if (defaultImport !== undefined) {
    const local = freeName(source);
    return { callee: local, edit: { start: defaultImport.range[1], end: defaultImport.range[1], text: `, { ${spec(local, ' as ')} }` } };
  }
  return undefined;
}

/** The plan for a `const ... = require(source)` of the helper's module; undefined to keep looking. */
function fromRequire(source: AnalysisSource, declarator: TSESTree.VariableDeclarator): ImportPlan | undefined {
  const name = declarator.id;
  if (name.type === AST_NODE_TYPES.Identifier) {
    if (declaredElsewhere(source, name.name, name)) return undefined;
    return { callee: `${name.name}.${HELPER}`, edit: undefined };
  }
  if (name.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
  const existing = name.properties.find(
    (p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && source.text.slice(p.key.range[0], p.key.range[1]) === HELPER,
  );
  if (existing !== undefined && existing.value.type === AST_NODE_TYPES.Identifier) {
    if (declaredElsewhere(source, existing.value.name, existing.value)) return undefined;
    return { callee: existing.value.name, edit: undefined };
  }
  if (name.properties.some((p) => p.type === AST_NODE_TYPES.RestElement)) return undefined;
  const last = name.properties.at(-1);
  if (last === undefined) return undefined;
  const local = freeName(source);
  return { callee: local, edit: { start: last.range[1], end: last.range[1], text: `, ${spec(local, ': ')}` } };
}

/** The file's quote: its imports' and requires' (the line an import joins), else most of its string literals, else `'`. */
function quoteOf(source: AnalysisSource): string {
  const fromImports = /^\s*(?:import|const|let|var)\b[^\n]*?(["'])/m.exec(source.text)?.[1];
  if (fromImports !== undefined) return fromImports;
  const { singleQuoted, doubleQuoted } = fileFacts(source);
  return doubleQuoted > singleQuoted ? '"' : "'";
}

export function planImport(source: AnalysisSource, fileName: string, importSource: string, eol: string, moduleType?: 'module' | 'commonjs', semicolons = true, importEquals = false): ImportPlan {
  const { text } = source;
  const statements = source.ast.body;
  const cjs = usesRequire(source, fileName, moduleType);
  const quote = quoteOf(source);
  // `{Cache}` or `{ Cache }`: as the file's first destructuring import or require writes it.
  const pad = /\b(?:import|const|let|var)\s*\{([ \t]?)[\w$]/.exec(text)?.[1] === '' ? '' : ' ';
  // The import goes below the last import (imports are hoisted), but a require only below the
  // requires that open the file: one further down (in a bundle, thousands of lines down) runs after
  // code above it that may already call the helper.
  let lastModuleStatement: TSESTree.ProgramStatement | undefined;
  let leading = true;
  for (const statement of statements) {
    if (isDirective(statement)) continue;
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
      lastModuleStatement = statement;
      if (statement.source.value !== importSource || statement.importKind === 'type') continue;
      const plan = fromImport(source, statement);
      if (plan !== undefined) return plan;
      continue;
    }
    const equals = importEqualsModule(statement);
    if (equals !== undefined) {
      lastModuleStatement = statement;
      const { id } = equals.declaration;
      if (equals.source !== importSource || equals.declaration.importKind === 'type' || declaredElsewhere(source, id.name, id)) continue;
      return { callee: `${id.name}.${HELPER}`, edit: undefined };
    }
    leading &&= isRequireDeclaration(statement);
    if (leading) lastModuleStatement = statement;
    const required = requiredModule(statement);
    if (required === undefined) continue;
    if (required.source !== importSource) continue;
    const plan = fromRequire(source, required.declarator);
    if (plan !== undefined) return plan;
  }
  const quoted = stringLiteral(importSource, quote);
  const namespace = importEquals ? numbered(fileFacts(source).names, 'hermesPid') : undefined;
  const local = namespace === undefined ? freeName(source) : `${namespace}.${HELPER}`;
  const line = (semi: string): string =>
    namespace !== undefined
      ? `import ${namespace} = require(${quoted})${semi}`
      : cjs
        ? `const {${pad}${spec(local, ': ')}${pad}} = require(${quoted})${semi}`
        : `import {${pad}${spec(local, ' as ')}${pad}} from ${quoted}${semi}`;
  // The import ends as the import above it does, else as the file's statements do.
  const terminate = (at: number): string =>
    lastModuleStatement === undefined ? statementTerminator(semicolons, text, at) : statementTerminator(text.slice(0, lastModuleStatement.range[1]).endsWith(';'), text, at);
  if (lastModuleStatement !== undefined) {
    const at = lastModuleStatement.range[1];
    return { callee: local, edit: { start: at, end: at, text: `${eol}${line(terminate(at))}` } };
  }
  // After a shebang and the directive prologue ('use strict'), else above the first statement
  // but below the file's header comments: any followed by a blank line, and directives, licences
  // and overviews (`// @ts-check`, `/*! ... */`, `@license`, `@file`) even without one.
  let position = text.startsWith('#!') ? lineEndAfter(text, 0) : 0;
  let prologueEnd: number | undefined;
  for (const statement of statements) {
    if (isDirective(statement)) prologueEnd = statement.range[1];
    else break;
  }
  if (prologueEnd !== undefined) return { callee: local, edit: { start: prologueEnd, end: prologueEnd, text: `${eol}${line(terminate(prologueEnd))}` } };
  const first = statements[0];
  if (first !== undefined) {
    for (const comment of leadingComments(source, 0, first.range[0])) {
      if (text.startsWith('#!', comment.range[0])) continue;
      const blankLine = /^[ \t]*\r?\n[ \t]*\r?\n/.exec(text.slice(comment.range[1]));
      if (blankLine !== null) position = comment.range[1] + blankLine[0].length;
      else if (isFileHeaderComment(text.slice(comment.range[0], comment.range[1])) && /^[ \t]*\r?\n/.test(text.slice(comment.range[1]))) position = lineEndAfter(text, comment.range[1]);
    }
  }
  return { callee: local, edit: { start: position, end: position, text: `${line(terminate(position))}${eol}${first === undefined ? '' : eol}` } };
}
