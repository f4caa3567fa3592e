// Decides, for one probe, its shape, the permission flag its catch implies, and the edits (or why not).
import type * as TsMorph from 'ts-morph';
import { catchCall, codeAliases, ERROR_CODES, evalCondition, evalStatements, isStatefulEpermCatch, mentionsName, type CatchNames, type ErrorCode, type Outcome } from './catch-outcome.js';
import { unwrapExpression, type FoundProbe } from './find-probes.js';
import { onlyExplainsMechanism, statementTerminator } from './house-style.js';
import type { Ts, TsSourceFile } from './parse.js';
import type { EpermBehaviour, ProbeShape, ProbeSite, TextEdit } from './types.js';

type Node = TsMorph.ts.Node;
type Expression = TsMorph.ts.Expression;
type Statement = TsMorph.ts.Statement;
type TryStatement = TsMorph.ts.TryStatement;

export interface SiteContext {
  readonly ts: Ts;
  readonly sourceFile: TsSourceFile;
  readonly text: string;
  readonly eol: string;
  readonly strict: boolean;
  /** How the rewritten code calls the helper: `pidIsAlive`, an alias, or `ns.pidIsAlive`. */
  readonly callee: string;
  /** The file ends its statements with `;` (else inserted statements get none, where that is safe). */
  readonly semicolons: boolean;
}

/** A site as the engine reports it, less where it stands (the caller knows that). */
export type SiteAnalysis = Omit<ProbeSite, 'start' | 'end' | 'line' | 'column'>;

const PROCESS_GROUP_REASON =
  "pid 0 or a negative pid probes a process group (0: this process's own, always alive), not one process: pidIsAlive reads it as not running, and Windows has no process groups; keep process.kill behind a process.platform !== 'win32' guard, or probe the group leader's pid";

const NOT_RUNNING = "throw new Error('process is not running')";

function skip(shape: ProbeShape, reason: string, eperm: EpermBehaviour = 'unknown', flag: boolean | undefined = undefined): SiteAnalysis {
  return { shape, eperm, flag, action: 'skip', reason, behaviourChange: false, edits: [] };
}

/** Reads of variables and property chains, and literals: evaluating them cannot throw. */
function isSafeExpression(ts: Ts, node: Expression): boolean {
  const expression = unwrapExpression(ts, node);
  if (ts.isIdentifier(expression) || ts.isLiteralExpression(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) return true;
  const kind = expression.kind;
  if (kind === ts.SyntaxKind.ThisKeyword || kind === ts.SyntaxKind.TrueKeyword || kind === ts.SyntaxKind.FalseKeyword || kind === ts.SyntaxKind.NullKeyword) return true;
  if (ts.isPropertyAccessExpression(expression) && expression.questionDotToken === undefined) return isSafeExpression(ts, expression.expression);
  if (ts.isPrefixUnaryExpression(expression) && expression.operator === ts.SyntaxKind.ExclamationToken) return isSafeExpression(ts, expression.operand);
  return false;
}

/** Statements that cannot throw: jumps, returns of safe values, assignments of safe values to variables. */
function isSafeStatement(ts: Ts, statement: Statement): boolean {
  if (ts.isEmptyStatement(statement) || ts.isBreakStatement(statement) || ts.isContinueStatement(statement)) return true;
  if (ts.isReturnStatement(statement)) return statement.expression === undefined || isSafeExpression(ts, statement.expression);
  if (ts.isExpressionStatement(statement)) {
    const expression = unwrapExpression(ts, statement.expression);
    return (
      ts.isBinaryExpression(expression) &&
      expression.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isIdentifier(expression.left) &&
      isSafeExpression(ts, expression.right)
    );
  }
  return false;
}

function isReturnTrue(ts: Ts, statement: Statement | undefined): boolean {
  return statement !== undefined && ts.isReturnStatement(statement) && statement.expression !== undefined && unwrapExpression(ts, statement.expression).kind === ts.SyntaxKind.TrueKeyword;
}

function nextStatement(ts: Ts, statement: Statement): Statement | undefined {
  const parent = statement.parent;
  if (!ts.isBlock(parent) && !ts.isSourceFile(parent) && !ts.isModuleBlock(parent)) return undefined;
  const index = parent.statements.indexOf(statement);
  return parent.statements[index + 1];
}

const TEST_CALLEES = /^(expect|assert|it|test|describe|t|tap|should|chai)$/;

/** Inside `expect(...)`, `assert...(...)`, or a callback of `it`/`test`: a probe used as an assertion. */
function isInTestContext(ts: Ts, node: Node): boolean {
  for (let current: Node | undefined = node.parent; current !== undefined; current = current.parent) {
    if (ts.isCallExpression(current)) {
      let callee: Expression = current.expression;
      while (ts.isPropertyAccessExpression(callee) || ts.isCallExpression(callee)) callee = callee.expression;
      if (ts.isIdentifier(callee) && TEST_CALLEES.test(callee.text)) return true;
    }
  }
  return false;
}

function lineIndent(text: string, position: number): string {
  const lineStart = text.lastIndexOf('\n', position - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, position))?.[0] ?? '';
}

/** Comments inside `nodes` (in source order), except those inside `excluded`. */
function commentsWithin(context: SiteContext, nodes: readonly Node[], excluded: readonly (readonly [number, number])[]): string[] {
  const { ts, text } = context;
  const seen = new Map<number, string>();
  const collect = (ranges: readonly TsMorph.ts.CommentRange[] | undefined, low: number, high: number): void => {
    for (const range of ranges ?? []) {
      if (range.pos < low || range.end > high) continue;
      if (excluded.some(([start, end]) => range.pos >= start && range.end <= end)) continue;
      seen.set(range.pos, text.slice(range.pos, range.end));
    }
  };
  for (const root of nodes) {
    const low = root.getStart();
    const high = root.getEnd();
    const visit = (node: Node): void => {
      collect(ts.getLeadingCommentRanges(text, node.getFullStart()), low, high);
      collect(ts.getTrailingCommentRanges(text, node.getEnd()), low, high);
      if (ts.isBlock(node)) collect(ts.getLeadingCommentRanges(text, node.statements.end), low, high);
      ts.forEachChild(node, visit);
    };
    visit(root);
  }
  return [...seen.entries()].sort((a, b) => a[0] - b[0]).map(([, comment]) => comment);
}

/** `statement` below the comments from the code it replaces, less those about the replaced mechanism. */
function withComments(comments: readonly string[], statement: string, indent: string, eol: string): string {
  return comments.filter((comment) => !onlyExplainsMechanism(comment)).map((comment) => `${comment}${eol}${indent}`).join('') + statement;
}

function describeChange(eperm: Outcome, other: Outcome): string | undefined {
  const parts: string[] = [];
  if (eperm.kind === 'throw') parts.push('EPERM used to be rethrown (a crash); it now reads as alive');
  if (other.kind === 'throw') parts.push('other error codes used to be rethrown; they now read as dead');
  if (other.kind === 'return' && other.value === true) parts.push('other error codes, which used to read as alive, now read as dead');
  return parts.length > 0 ? parts.join('; ') : undefined;
}

function unrecognisedCatch(context: SiteContext, block: Node, outcomes: readonly (Outcome | undefined)[]): SiteAnalysis {
  if (outcomes.some((o) => o?.kind === 'return' && typeof o.value === 'string')) {
    return skip('tri-state', 'the catch answers more than alive/dead (a tri-state result); pidState() fits, by hand');
  }
  if (isStatefulEpermCatch(context.ts, block, context.text)) {
    return skip('eperm-counter', 'the catch keeps state about EPERM (a counter or flag); rewrite by hand');
  }
  return skip('unrecognised-catch', 'the catch does not map each error code to a plain alive/dead answer; rewrite by hand');
}

interface Gone {
  /** The "gone" branch as a block's text. */
  readonly text: string;
  /** The branch has no statements: a gone process just leaves the try. */
  readonly empty: boolean;
  /** The old catch rethrew some errors (the `esrch-rethrow` shape). */
  readonly rethrows: boolean;
  readonly flag: boolean;
  readonly eperm: EpermBehaviour;
  readonly change: string | undefined;
}

/** A statement as a block: its own text when it is one, else wrapped one level deeper than `indent`. */
function blockText(context: SiteContext, statement: Statement, indent: string): string {
  const text = context.text.slice(statement.getStart(), statement.getEnd());
  if (context.ts.isBlock(statement)) return text;
  const unit = indent.startsWith('\t') ? '\t' : '  ';
  return `{${context.eol}${indent}${unit}${text}${context.eol}${indent}}`;
}

function isThrowOnly(ts: Ts, statement: Statement | undefined): boolean {
  if (statement === undefined) return false;
  if (ts.isThrowStatement(statement)) return true;
  return ts.isBlock(statement) && statement.statements.length === 1 && ts.isThrowStatement(statement.statements[0] as Statement);
}

/**
 * A statement-position catch that tells errors apart: `if (e.code === 'ESRCH') { gone } else throw e`,
 * `if (e.code === 'ESRCH') { gone } throw e`, `if (e.code !== 'ESRCH') throw e; gone`, or, when
 * nothing follows the probe in the try, `if (e.code === 'ESRCH') { gone }` (the rest carry on as alive).
 */
function narrowGoneBranch(context: SiteContext, clause: TsMorph.ts.CatchClause, binding: string, indent: string, aliveIsFallthrough: boolean): Gone | undefined {
  const { ts } = context;
  // Leading `const code = e.code` / `const { code } = e` declarations name the code.
  let names: CatchNames = { error: binding, codes: new Set() };
  let skipped = 0;
  for (const statement of clause.block.statements) {
    const aliases = ts.isVariableStatement(statement) ? codeAliases(ts, statement, names) : undefined;
    if (aliases === undefined) break;
    names = { error: binding, codes: new Set([...names.codes, ...aliases]) };
    skipped++;
  }
  const statements = clause.block.statements.slice(skipped);
  const first = statements[0];
  if (first === undefined || !ts.isIfStatement(first)) return undefined;
  const cutFrom = (clause.block.statements[0] ?? first).getFullStart();
  const conditions = ERROR_CODES.map((code) => evalCondition(ts, first.expression, code, names));
  if (conditions.some((c) => c === undefined)) return undefined;
  const [esrch, eperm, other] = conditions as [boolean, boolean, boolean];
  let goneText: string;
  let empty: boolean;
  /** What the old code did for an error whose condition is `c`. */
  let before: (c: boolean) => Outcome;
  const gone: Outcome = { kind: 'return', value: false };
  if (isThrowOnly(ts, first.thenStatement) && first.elseStatement === undefined && !esrch) {
    // if (not gone) throw e; <gone statements>
    const block = clause.block;
    const whole = context.text.slice(block.getStart(), block.getEnd());
    goneText = whole.slice(0, cutFrom - block.getStart()) + whole.slice(first.getEnd() - block.getStart());
    empty = statements.length === 1;
    before = (c) => (c ? { kind: 'throw' } : gone);
  } else if (esrch && ((statements.length === 1 && isThrowOnly(ts, first.elseStatement)) || (statements.length === 2 && first.elseStatement === undefined && isThrowOnly(ts, statements[1])))) {
    goneText = blockText(context, first.thenStatement, indent);
    empty = ts.isBlock(first.thenStatement) && first.thenStatement.statements.length === 0;
    before = (c) => (c ? gone : { kind: 'throw' });
  } else if (esrch && aliveIsFallthrough && statements.length === 1 && first.elseStatement === undefined) {
    goneText = blockText(context, first.thenStatement, indent);
    empty = ts.isBlock(first.thenStatement) && first.thenStatement.statements.length === 0;
    before = (c) => (c ? gone : { kind: 'return', value: true });
  } else {
    return undefined;
  }
  const epermBefore = before(eperm);
  const flag = epermBefore !== gone;
  const epermBehaviour: EpermBehaviour = epermBefore === gone ? 'dead' : epermBefore.kind === 'throw' ? 'throws' : 'alive';
  const rethrows = epermBefore.kind === 'throw' || before(other).kind === 'throw';
  // The gone branch moves out of the catch: it must not need the error or its code.
  if ([binding, ...names.codes].some((name) => new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(goneText))) return undefined;
  return { text: goneText, empty, rethrows, flag, eperm: epermBehaviour, change: describeChange(epermBefore, before(other)) };
}

function finish(context: SiteContext, base: Omit<SiteAnalysis, 'action' | 'reason' | 'behaviourChange'>, change: string | undefined): SiteAnalysis {
  if (change !== undefined && context.strict) {
    return { ...base, action: 'skip', reason: `behaviour change, skipped under --strict: ${change}`, behaviourChange: true, edits: [] };
  }
  return { ...base, action: 'rewrite', reason: change, behaviourChange: change !== undefined };
}

export function classifyProbeSite(context: SiteContext, probe: FoundProbe): SiteAnalysis {
  const { ts, text, eol } = context;
  switch (probe.kind) {
    case 'dynamic-callee':
      return skip('dynamic-callee', 'the callee is process.kill only at run time (a stored alias, .bind or a fallback); rewrite by hand');
    case 'child-process-kill-zero':
      return skip('child-process-kill-zero', "ChildProcess#kill(0) reports EPERM as an 'error' event and terminated the child on Windows with Node 23.4-23.x; use pidIsAlive(child.pid) by hand");
    case 'process-group-probe':
      return skip('process-group-probe', PROCESS_GROUP_REASON);
    case 'maybe-signal-zero':
      return skip('maybe-signal-zero', 'sends signal 0 only in one branch and a real signal otherwise; rewrite by hand');
    case 'probe':
      break;
  }
  const call = probe.call;
  const pid = call.arguments[0] as Expression;
  const pidText = text.slice(pid.getStart(), pid.getEnd());
  const statement = call.parent;
  const isStatement = ts.isExpressionStatement(statement);
  const isReturn = ts.isReturnStatement(statement);
  if (!isStatement && !isReturn) {
    if (isInTestContext(ts, call)) return skip('test-assertion', 'the probe is a test assertion (it throws when the process is gone); use assert.ok(pidIsAlive(pid)) by hand');
    return skip('probe-in-expression', "the probe's value is used inside an expression; rewrite by hand");
  }
  const block = statement.parent;
  const tryStatement = block.parent;
  if (!ts.isBlock(block) || tryStatement === undefined || !ts.isTryStatement(tryStatement) || tryStatement.tryBlock !== block) {
    let guarded = false;
    for (let current: Node | undefined = statement.parent; current !== undefined && !ts.isFunctionLike(current); current = current.parent) {
      if (ts.isTryStatement(current)) guarded = true;
    }
    if (guarded) return skip('unrecognised-catch', 'the probe sits in a nested statement of its try; rewrite by hand');
    if (isInTestContext(ts, call)) return skip('test-assertion', 'the probe is a test assertion (it throws when the process is gone); use assert.ok(pidIsAlive(pid)) by hand');
    return skip('no-try', 'no try/catch around the probe: it throws when the process is gone or not ours; rewrite by hand');
  }
  const tryNode: TryStatement = tryStatement;
  const clause = tryNode.catchClause;
  if (tryNode.finallyBlock !== undefined || clause === undefined) {
    return skip('try-finally', 'the try has a finally block, whose order of effects a rewrite could change; rewrite by hand');
  }
  const declaration = clause.variableDeclaration;
  if (declaration !== undefined && !ts.isIdentifier(declaration.name)) return unrecognisedCatch(context, clause.block, []);
  const binding = declaration !== undefined && ts.isIdentifier(declaration.name) ? declaration.name.text : undefined;
  const catchNames: CatchNames = { error: binding, codes: new Set() };
  const statements = block.statements;
  const index = statements.indexOf(statement as Statement);
  const prefix = statements.slice(0, index);
  const rest = statements.slice(index + 1);
  const indent = lineIndent(text, tryNode.getStart());
  const callRange = [call.getStart(), call.getEnd()] as const;
  const helperCall = (flag: boolean): string => `${context.callee}(${pidText}, { treatPermissionDeniedAsAlive: ${flag} })`;
  const removable = prefix.length === 0 && isSafeExpression(ts, pid);

  // Boolean helpers: the try answers true (or returns the probe), the catch answers per error code;
  // a catch that falls through answers with the `return true|false` after the try.
  const next = nextStatement(ts, tryNode);
  const nextAnswer = next !== undefined && ts.isReturnStatement(next) && next.expression !== undefined ? unwrapExpression(ts, next.expression).kind : undefined;
  const fallthroughAnswer = nextAnswer === ts.SyntaxKind.TrueKeyword ? true : nextAnswer === ts.SyntaxKind.FalseKeyword ? false : undefined;
  const aliveInTry = isReturn ? undefined : rest.length === 1 && isReturnTrue(ts, rest[0]) ? rest[0] : undefined;
  const aliveAfter = !isReturn && rest.length === 0 && fallthroughAnswer === true ? next : undefined;
  if (isReturn || aliveInTry !== undefined || aliveAfter !== undefined) {
    const raw = ERROR_CODES.map((code) => evalStatements(ts, clause.block.statements, code, catchNames));
    const fellThrough = raw.some((o) => o?.kind === 'fallthrough');
    const outcomes = raw.map((o): Outcome | undefined => (o?.kind === 'fallthrough' && fallthroughAnswer !== undefined ? { kind: 'return', value: fallthroughAnswer } : o));
    const [esrch, eperm, other] = outcomes;
    const answers = (o: Outcome | undefined): boolean => o !== undefined && (o.kind === 'throw' || (o.kind === 'return' && typeof o.value === 'boolean'));
    if (!outcomes.every(answers) || esrch === undefined || eperm === undefined || other === undefined || esrch.kind !== 'return' || esrch.value !== false) {
      return unrecognisedCatch(context, clause.block, outcomes);
    }
    // The statement after the try is part of the helper when the try or the catch ends up there.
    const consumed = aliveAfter !== undefined || fellThrough ? next : undefined;
    const flag = eperm.kind === 'throw' || (eperm.kind === 'return' && eperm.value === true);
    const epermBehaviour: EpermBehaviour = eperm.kind === 'throw' ? 'throws' : flag ? 'alive' : 'dead';
    let shape: ProbeShape;
    if (other.kind === 'throw' || eperm.kind === 'throw') shape = 'esrch-rethrow';
    else if (other.kind === 'return' && other.value === true) shape = 'not-esrch';
    else if (flag) shape = 'eperm-alive';
    else shape = isReturn ? 'return-probe' : 'bare-catch-boolean';
    // A log call in the catch reads as no decision, but the rewrite would drop it (or, with the try
    // kept, never reach it for a dead process): leave it to a person rather than lose an effect.
    const called = catchCall(ts, clause.block, text);
    if (called !== undefined) {
      return skip('unrecognised-catch', `the catch calls ${called}(...), which the rewrite would drop; rewrite by hand`, epermBehaviour, flag);
    }
    const replacement = (end: number): string => `return ${helperCall(flag)}${statementTerminator(context.semicolons, text, end)}`;
    const edits: TextEdit[] = [];
    if (removable) {
      const end = consumed?.getEnd() ?? tryNode.getEnd();
      const comments = commentsWithin(context, consumed === undefined ? [tryNode] : [tryNode, consumed], [callRange]);
      edits.push({ start: tryNode.getStart(), end, text: withComments(comments, replacement(end), indent, eol) });
    } else {
      // Other work in the try may throw: keep the try so its errors still reach the catch (and,
      // when the catch falls through, the statement after it).
      const last = aliveInTry ?? statement;
      edits.push({ start: statement.getStart(), end: last.getEnd(), text: replacement(last.getEnd()) });
      if (aliveAfter !== undefined && !fellThrough) edits.push({ start: tryNode.getEnd(), end: aliveAfter.getEnd(), text: '' });
    }
    return finish(context, { shape, eperm: epermBehaviour, flag, edits }, describeChange(eperm, other));
  }

  const answer = rest.length === 1 && rest[0] !== undefined && ts.isReturnStatement(rest[0]) ? rest[0].expression : undefined;
  if (answer !== undefined && ts.isStringLiteralLike(unwrapExpression(ts, answer))) {
    return skip('tri-state', 'the probe answers more than alive/dead (a tri-state result); pidState() fits, by hand');
  }
  if (isReturn) return unrecognisedCatch(context, clause.block, []);
  // Statement position: the catch is the "gone" branch.
  const catchUsesError = binding !== undefined && mentionsName(ts, clause.block, binding);
  let gone: Gone | undefined;
  if (!catchUsesError) {
    gone = { text: text.slice(clause.block.getStart(), clause.block.getEnd()), empty: clause.block.statements.length === 0, rethrows: false, flag: false, eperm: 'dead', change: undefined };
  } else if (binding !== undefined) {
    gone = narrowGoneBranch(context, clause, binding, indent, rest.length === 0);
  }
  if (gone === undefined) {
    const outcomes = ERROR_CODES.map((code: ErrorCode) => evalStatements(ts, clause.block.statements, code, catchNames));
    return unrecognisedCatch(context, clause.block, outcomes);
  }
  if (gone.empty && rest.length === 0) {
    return skip('unrecognised-catch', "the probe's answer is not used (nothing happens either way but a rethrow); rewrite by hand", gone.eperm, gone.flag);
  }
  if (removable && rest.every((s) => isSafeStatement(ts, s))) {
    // Nothing else in the try can throw, so unwrapping changes no other error's route.
    const trailingComments = ts.getTrailingCommentRanges(text, statement.getEnd()) ?? [];
    const probeEnd = trailingComments.reduce((end, r) => Math.max(end, r.end), statement.getEnd());
    const probeComments = [...(ts.getLeadingCommentRanges(text, statement.getFullStart()) ?? []), ...trailingComments].map((r) => text.slice(r.pos, r.end));
    const leading = [...probeComments, ...commentsWithin(context, [statement], [callRange])];
    const whole = text.slice(block.getStart(), block.getEnd());
    const aliveBlock = whole.slice(0, statement.getFullStart() - block.getStart()) + whole.slice(probeEnd - block.getStart());
    let replacement: string;
    if (gone.empty) replacement = `if (${helperCall(gone.flag)}) ${aliveBlock}`;
    else if (rest.length === 0) replacement = `if (!${helperCall(gone.flag)}) ${gone.text}`;
    else replacement = `if (!${helperCall(gone.flag)}) ${gone.text} else ${aliveBlock}`;
    const edit = { start: tryNode.getStart(), end: tryNode.getEnd(), text: withComments(leading, replacement, indent, eol) };
    return finish(context, { shape: gone.rethrows ? 'esrch-rethrow' : 'gone-branch', eperm: gone.eperm, flag: gone.flag, edits: [edit] }, gone.change);
  }
  if (catchUsesError) {
    return skip('shared-try', 'the try holds other throwing work and the catch tells errors apart by code; rewrite by hand', gone.eperm, gone.flag);
  }
  // Keep the try: errors from the other work still reach the catch; a dead process still does too.
  const edit = { start: statement.getStart(), end: statement.getEnd(), text: `if (!${helperCall(false)}) ${NOT_RUNNING}${statementTerminator(context.semicolons, text, statement.getEnd())}` };
  return finish(context, { shape: 'shared-try', eperm: 'dead', flag: false, edits: [edit] }, undefined);
}
