// Syntactic recognition of liveness probes: which calls send signal 0 through process.kill.
// Mirrors the lint rule's scope analysis where that is possible without a type checker.
import type { Ts, TsNode } from './parse.js';
import type * as TsMorph from 'ts-morph';

type Node = TsMorph.ts.Node;
type Expression = TsMorph.ts.Expression;
type CallExpression = TsMorph.ts.CallExpression;
type Identifier = TsMorph.ts.Identifier;

export type ProbeKind = 'probe' | 'process-group-probe' | 'maybe-signal-zero' | 'dynamic-callee' | 'child-process-kill-zero';

export interface FoundProbe {
  readonly call: CallExpression;
  readonly kind: ProbeKind;
}

const PROCESS_MODULES = new Set(['process', 'node:process']);

export function unwrapExpression(ts: Ts, node: Expression): Expression {
  let current = node;
  for (;;) {
    if (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isNonNullExpression(current) || ts.isSatisfiesExpression(current) || ts.isTypeAssertionExpression(current)) {
      current = current.expression;
    } else {
      return current;
    }
  }
}

function bindingNames(ts: Ts, name: TsMorph.ts.BindingName, out: Identifier[]): void {
  if (ts.isIdentifier(name)) {
    out.push(name);
    return;
  }
  for (const element of name.elements) {
    if (!ts.isOmittedExpression(element)) bindingNames(ts, element.name, out);
  }
}

function declaredInStatements(ts: Ts, statements: readonly TsMorph.ts.Statement[], name: string): Identifier | undefined {
  for (const statement of statements) {
    const names: Identifier[] = [];
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) bindingNames(ts, declaration.name, names);
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name !== undefined) {
      names.push(statement.name);
    } else if (ts.isImportDeclaration(statement) && statement.importClause !== undefined) {
      const clause = statement.importClause;
      if (clause.name !== undefined) names.push(clause.name);
      const bindings = clause.namedBindings;
      if (bindings !== undefined) {
        if (ts.isNamespaceImport(bindings)) names.push(bindings.name);
        else for (const element of bindings.elements) names.push(element.name);
      }
    } else if (ts.isImportEqualsDeclaration(statement)) {
      names.push(statement.name);
    }
    const found = names.find((identifier) => identifier.text === name);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The identifier that declares `name` as seen from `from`, or undefined for a global. */
export function resolveBinding(ts: Ts, name: string, from: Node): Identifier | undefined {
  for (let scope: Node | undefined = from.parent; scope !== undefined; scope = scope.parent) {
    let found: Identifier | undefined;
    if (ts.isSourceFile(scope) || ts.isBlock(scope) || ts.isModuleBlock(scope)) {
      found = declaredInStatements(ts, scope.statements, name);
    } else if (ts.isCaseBlock(scope)) {
      found = declaredInStatements(ts, scope.clauses.flatMap((clause) => [...clause.statements]), name);
    } else if (ts.isFunctionLike(scope)) {
      const names: Identifier[] = [];
      for (const parameter of scope.parameters) bindingNames(ts, parameter.name, names);
      if ((ts.isFunctionExpression(scope) || ts.isClassExpression(scope)) && scope.name !== undefined) names.push(scope.name);
      found = names.find((identifier) => identifier.text === name);
    } else if (ts.isCatchClause(scope) && scope.variableDeclaration !== undefined) {
      const names: Identifier[] = [];
      bindingNames(ts, scope.variableDeclaration.name, names);
      found = names.find((identifier) => identifier.text === name);
    } else if ((ts.isForStatement(scope) || ts.isForInStatement(scope) || ts.isForOfStatement(scope)) && scope.initializer !== undefined && ts.isVariableDeclarationList(scope.initializer)) {
      const names: Identifier[] = [];
      for (const declaration of scope.initializer.declarations) bindingNames(ts, declaration.name, names);
      found = names.find((identifier) => identifier.text === name);
    }
    if (found !== undefined) return found;
  }
  return undefined;
}

function isProcessModule(ts: Ts, node: Node | undefined): boolean {
  return node !== undefined && ts.isStringLiteralLike(node) && PROCESS_MODULES.has(node.text);
}

/** `require('process')` / `require('node:process')` with the global require. */
function isRequireOfProcess(ts: Ts, node: Expression): boolean {
  return (
    ts.isCallExpression(node) &&
    ts.isIdentifier(node.expression) &&
    node.expression.text === 'require' &&
    node.arguments.length === 1 &&
    isProcessModule(ts, node.arguments[0]) &&
    resolveBinding(ts, 'require', node) === undefined
  );
}

function importDeclarationOf(ts: Ts, node: Node): TsMorph.ts.ImportDeclaration | undefined {
  for (let current: Node | undefined = node; current !== undefined; current = current.parent) {
    if (ts.isImportDeclaration(current)) return current;
    if (ts.isSourceFile(current)) return undefined;
  }
  return undefined;
}

/** Whether `node` evaluates to Node's `process` object. */
export function isProcessObject(ts: Ts, node: Expression, depth = 0): boolean {
  if (depth > 8) return false;
  const expression = unwrapExpression(ts, node);
  if (ts.isIdentifier(expression)) {
    const declaration = resolveBinding(ts, expression.text, expression);
    if (declaration === undefined) return expression.text === 'process';
    const parent = declaration.parent;
    if (ts.isImportClause(parent) || ts.isNamespaceImport(parent)) {
      return isProcessModule(ts, importDeclarationOf(ts, parent)?.moduleSpecifier);
    }
    if (ts.isImportEqualsDeclaration(parent)) {
      return ts.isExternalModuleReference(parent.moduleReference) && isProcessModule(ts, parent.moduleReference.expression);
    }
    if (ts.isVariableDeclaration(parent) && parent.name === declaration && parent.initializer !== undefined) {
      return isRequireOfProcess(ts, unwrapExpression(ts, parent.initializer)) || isProcessObject(ts, parent.initializer, depth + 1);
    }
    return false;
  }
  if (ts.isPropertyAccessExpression(expression)) {
    const object = unwrapExpression(ts, expression.expression);
    return (
      expression.name.text === 'process' &&
      ts.isIdentifier(object) &&
      (object.text === 'globalThis' || object.text === 'global') &&
      resolveBinding(ts, object.text, object) === undefined
    );
  }
  return isRequireOfProcess(ts, expression);
}

function memberName(ts: Ts, node: Expression): string | undefined {
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) return node.argumentExpression.text;
  return undefined;
}

/** `process.kill` (any spelling), or `kill` imported or destructured from process. */
function isKillFunction(ts: Ts, node: Expression): boolean {
  const expression = unwrapExpression(ts, node);
  if (ts.isPropertyAccessExpression(expression) || ts.isElementAccessExpression(expression)) {
    return memberName(ts, expression) === 'kill' && isProcessObject(ts, expression.expression);
  }
  if (!ts.isIdentifier(expression)) return false;
  const declaration = resolveBinding(ts, expression.text, expression);
  if (declaration === undefined) return false;
  const parent = declaration.parent;
  if (ts.isImportSpecifier(parent)) {
    return (parent.propertyName ?? parent.name).text === 'kill' && isProcessModule(ts, importDeclarationOf(ts, parent)?.moduleSpecifier);
  }
  if (ts.isBindingElement(parent) && ts.isObjectBindingPattern(parent.parent)) {
    const key = parent.propertyName ?? parent.name;
    const holder = parent.parent.parent;
    return (
      ts.isIdentifier(key) &&
      key.text === 'kill' &&
      ts.isVariableDeclaration(holder) &&
      holder.initializer !== undefined &&
      isProcessObject(ts, holder.initializer)
    );
  }
  return false;
}

/** A callee that is process.kill only at run time: `(fn ?? process.kill)`, a stored alias or `.bind`. */
function isDynamicKill(ts: Ts, node: Expression, depth = 0): boolean {
  if (depth > 4) return false;
  const expression = unwrapExpression(ts, node);
  if (ts.isBinaryExpression(expression)) {
    return isKillFunction(ts, expression.left) || isKillFunction(ts, expression.right) || isDynamicKill(ts, expression.left, depth + 1) || isDynamicKill(ts, expression.right, depth + 1);
  }
  if (ts.isConditionalExpression(expression)) {
    return isKillFunction(ts, expression.whenTrue) || isKillFunction(ts, expression.whenFalse);
  }
  if (ts.isCallExpression(expression)) {
    // process.kill.bind(process)
    const callee = unwrapExpression(ts, expression.expression);
    return memberName(ts, callee) === 'bind' && (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) && isKillFunction(ts, callee.expression);
  }
  if (ts.isIdentifier(expression)) {
    const declaration = resolveBinding(ts, expression.text, expression);
    const parent = declaration?.parent;
    if (parent !== undefined && ts.isVariableDeclaration(parent) && parent.name === declaration && parent.initializer !== undefined) {
      return isKillFunction(ts, parent.initializer) || isDynamicKill(ts, parent.initializer, depth + 1);
    }
  }
  return false;
}

function isConstDeclaration(ts: Ts, declaration: TsMorph.ts.VariableDeclaration): boolean {
  const list = declaration.parent;
  return ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) !== 0;
}

/** The initializer of `const name = init` that `identifier` reads, or undefined for anything else. */
function constInitializer(ts: Ts, identifier: Identifier): Expression | undefined {
  const declaration = resolveBinding(ts, identifier.text, identifier);
  const parent = declaration?.parent;
  if (parent === undefined || !ts.isVariableDeclaration(parent) || parent.name !== declaration || !isConstDeclaration(ts, parent)) return undefined;
  return parent.initializer;
}

/** `'zero'` for 0, -0, casts of 0 and consts bound to 0; `'maybe'` for `sig || 0`, `sig ?? 0`, `c ? 0 : sig`. */
export function signalZero(ts: Ts, node: Expression, depth = 0): 'zero' | 'maybe' | undefined {
  if (depth > 8) return undefined;
  const expression = unwrapExpression(ts, node);
  if (ts.isNumericLiteral(expression)) return Number(expression.text) === 0 ? 'zero' : undefined;
  if (ts.isPrefixUnaryExpression(expression) && (expression.operator === ts.SyntaxKind.MinusToken || expression.operator === ts.SyntaxKind.PlusToken)) {
    return signalZero(ts, expression.operand, depth + 1);
  }
  if (ts.isConditionalExpression(expression)) {
    const branches = [signalZero(ts, expression.whenTrue, depth + 1), signalZero(ts, expression.whenFalse, depth + 1)];
    if (branches[0] === 'zero' && branches[1] === 'zero') return 'zero';
    return branches.some((b) => b !== undefined) ? 'maybe' : undefined;
  }
  if (ts.isBinaryExpression(expression)) {
    const operator = expression.operatorToken.kind;
    if ((operator === ts.SyntaxKind.BarBarToken || operator === ts.SyntaxKind.QuestionQuestionToken) && signalZero(ts, expression.right, depth + 1) !== undefined) {
      return 'maybe';
    }
    return undefined;
  }
  const initializer = ts.isIdentifier(expression) ? constInitializer(ts, expression) : undefined;
  return initializer === undefined ? undefined : signalZero(ts, initializer, depth + 1);
}

/**
 * Whether a pid argument names a process group rather than one process, as `process.kill` reads it:
 * `0` (this process's own group), a negative literal (`-1`: every process we may signal), any unary
 * minus (`-child.pid`), or a `const` bound to one of those. Other expressions are taken as one pid.
 */
export function isGroupOrSelfPid(ts: Ts, node: Expression, depth = 0): boolean {
  if (depth > 8) return false;
  const expression = unwrapExpression(ts, node);
  if (ts.isNumericLiteral(expression)) return Number(expression.text) === 0;
  if (ts.isPrefixUnaryExpression(expression)) {
    if (expression.operator === ts.SyntaxKind.MinusToken) return true;
    return expression.operator === ts.SyntaxKind.PlusToken && isGroupOrSelfPid(ts, expression.operand, depth + 1);
  }
  const initializer = ts.isIdentifier(expression) ? constInitializer(ts, expression) : undefined;
  return initializer !== undefined && isGroupOrSelfPid(ts, initializer, depth + 1);
}

function classifyCall(ts: Ts, call: CallExpression): ProbeKind | undefined {
  const args = call.arguments;
  const callee = call.expression;
  if (args.length >= 2) {
    const signal = args[1];
    if (signal === undefined || ts.isSpreadElement(signal)) return undefined;
    const zero = signalZero(ts, signal);
    if (zero === undefined) return undefined;
    if (isKillFunction(ts, callee)) {
      if (zero !== 'zero') return 'maybe-signal-zero';
      const pid = args[0];
      return pid !== undefined && !ts.isSpreadElement(pid) && isGroupOrSelfPid(ts, pid) ? 'process-group-probe' : 'probe';
    }
    if (isDynamicKill(ts, callee)) return 'dynamic-callee';
    return undefined;
  }
  if (args.length === 1) {
    // ChildProcess#kill(0): one literal 0 argument, receiver not process.
    const only = args[0];
    const target = unwrapExpression(ts, callee);
    if (
      only !== undefined &&
      ts.isNumericLiteral(unwrapExpression(ts, only)) &&
      signalZero(ts, only) === 'zero' &&
      (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) &&
      memberName(ts, target) === 'kill' &&
      !isProcessObject(ts, target.expression)
    ) {
      return 'child-process-kill-zero';
    }
  }
  return undefined;
}

/** Every probe-like call in the file, in source order. */
export function findProbes(ts: Ts, root: TsNode): FoundProbe[] {
  const found: FoundProbe[] = [];
  const visit = (node: Node): void => {
    if (ts.isCallExpression(node)) {
      const kind = classifyCall(ts, node);
      if (kind !== undefined) found.push({ call: node, kind });
    }
    ts.forEachChild(node, visit);
  };
  visit(root);
  return found;
}
