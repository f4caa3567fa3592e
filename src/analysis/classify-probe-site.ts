// Decides, for one probe, its shape, the permission flag its catch implies, and what its rewrite
// replaces (or why there is none). The rewrite's text is src/rewrite/'s: see site-edits.ts there.
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { catchAnswers, catchCall, ERROR_CODES, isCodeAlias, isStatefulEpermCatch, mentionsName, type Outcome } from './catch-answers.js';
import { evaluateCondition } from './evaluate-catch.js';
import type { FoundProbe } from './find-probes.js';
import { isFunctionNode } from './is-function-node.js';
import type { AnalysisSource } from './source.js';
import type { EpermBehaviour, ProbeShape, ProbeSite } from './types.js';
import { unwrapExpression } from './unwrap-expression.js';

type Node = TSESTree.Node;
type Statement = TSESTree.Statement;

export interface SiteContext {
  readonly source: AnalysisSource;
  readonly strict: boolean;
}

/** The "gone" branch of a statement-position catch, as source: a statement (a block, or wrapped in one), or a block less a range. */
export type GoneBranch =
  | { readonly kind: 'statement'; readonly statement: Statement }
  | { readonly kind: 'cut'; readonly block: TSESTree.BlockStatement; readonly cut: readonly [number, number] };

/** What the rewrite of a site replaces, in the tree's terms; src/rewrite/site-edits.ts writes its text. */
export type SiteRewrite =
  | {
      /** `return pidIsAlive(pid, ...)` over `start..end`. */
      readonly kind: 'return';
      readonly flag: boolean;
      readonly start: number;
      readonly end: number;
      /** The nodes whose comments move above the new statement (the whole try goes); undefined when the try stays. */
      readonly commentsFrom: readonly Node[] | undefined;
      /** A range emptied too: the `return true` after a kept try, now answered inside it. */
      readonly remove: readonly [number, number] | undefined;
    }
  | {
      /** The try becomes `if (!pidIsAlive(..)) gone else alive`, `if (!pidIsAlive(..)) gone` or `if (pidIsAlive(..)) alive`. */
      readonly kind: 'if';
      readonly flag: boolean;
      readonly tryNode: TSESTree.TryStatement;
      readonly probeStatement: Statement;
      /** Where the token before the probe statement ends: its leading comments start after it. */
      readonly previousEnd: number;
      readonly gone: GoneBranch;
      readonly goneEmpty: boolean;
      /** Nothing follows the probe in the try. */
      readonly aliveEmpty: boolean;
    }
  | {
      /** The probe statement becomes `if (!pidIsAlive(pid, ...)) throw ...`; the try stays. */
      readonly kind: 'throw-if-dead';
      readonly statement: Statement;
    };

/** A site as the analysis reports it, less where it stands (the caller knows that) and with what its rewrite replaces instead of edits. */
export type SiteAnalysis = Omit<ProbeSite, 'start' | 'end' | 'line' | 'column' | 'edits'> & { readonly rewrite: SiteRewrite | undefined };

const PROCESS_GROUP_REASON =
  "pid 0 or a negative pid probes a process group (0: this process's own, always alive), not one process: pidIsAlive reads it as not running, and Windows has no process groups; keep process.kill behind a process.platform !== 'win32' guard, or probe the group leader's pid";

function skip(shape: ProbeShape, reason: string, eperm: EpermBehaviour = 'unknown', flag: boolean | undefined = undefined): SiteAnalysis {
  return { shape, eperm, flag, action: 'skip', reason, behaviourChange: false, rewrite: undefined };
}

function slice(context: SiteContext, node: Node): string {
  return context.source.text.slice(node.range[0], node.range[1]);
}

/** Reads of variables and property chains, and literals: evaluating them cannot throw. */
function isSafeExpression(node: Node): boolean {
  const expression = unwrapExpression(node);
  switch (expression.type) {
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.ThisExpression:
      return true;
    case AST_NODE_TYPES.TemplateLiteral:
      return expression.expressions.length === 0;
    case AST_NODE_TYPES.MemberExpression:
      return !expression.optional && !expression.computed && isSafeExpression(expression.object);
    case AST_NODE_TYPES.UnaryExpression:
      return expression.operator === '!' && isSafeExpression(expression.argument);
    default:
      return false;
  }
}

/** Statements that cannot throw: jumps, returns of safe values, assignments of safe values to variables. */
function isSafeStatement(statement: Statement): boolean {
  switch (statement.type) {
    case AST_NODE_TYPES.EmptyStatement:
    case AST_NODE_TYPES.BreakStatement:
    case AST_NODE_TYPES.ContinueStatement:
      return true;
    case AST_NODE_TYPES.ReturnStatement:
      return statement.argument === null || isSafeExpression(statement.argument);
    case AST_NODE_TYPES.ExpressionStatement: {
      const expression = unwrapExpression(statement.expression);
      return (
        expression.type === AST_NODE_TYPES.AssignmentExpression &&
        expression.operator === '=' &&
        expression.left.type === AST_NODE_TYPES.Identifier &&
        isSafeExpression(expression.right)
      );
    }
    default:
      return false;
  }
}

function isBooleanLiteral(node: Node | null | undefined, value: boolean): boolean {
  if (node === null || node === undefined) return false;
  const expression = unwrapExpression(node);
  return expression.type === AST_NODE_TYPES.Literal && expression.value === value;
}

function isReturnTrue(statement: Statement | undefined): boolean {
  return statement?.type === AST_NODE_TYPES.ReturnStatement && isBooleanLiteral(statement.argument, true);
}

function statementsOf(parent: Node): readonly Statement[] | undefined {
  if (parent.type === AST_NODE_TYPES.BlockStatement || parent.type === AST_NODE_TYPES.Program || parent.type === AST_NODE_TYPES.TSModuleBlock) {
    return parent.body as readonly Statement[];
  }
  return undefined;
}

function nextStatement(statement: Statement): Statement | undefined {
  const statements = statementsOf(statement.parent as Node);
  return statements?.[statements.indexOf(statement) + 1];
}

/** Where the token before `statement` ends: the previous statement, or the opening brace of its block. */
function previousEnd(statement: Statement): number {
  const parent = statement.parent as Node;
  const statements = statementsOf(parent) ?? [];
  const index = statements.indexOf(statement);
  const previous = statements[index - 1];
  if (previous !== undefined) return previous.range[1];
  return parent.type === AST_NODE_TYPES.Program ? 0 : parent.range[0] + 1;
}

const TEST_CALLEES = /^(expect|assert|it|test|describe|t|tap|should|chai)$/;

/** Inside `expect(...)`, `assert...(...)`, or a callback of `it`/`test`: a probe used as an assertion. */
function isInTestContext(node: Node): boolean {
  for (let current = node.parent; current !== undefined && current !== null; current = current.parent) {
    if (current.type === AST_NODE_TYPES.CallExpression) {
      let callee: Node = current.callee;
      while (callee.type === AST_NODE_TYPES.MemberExpression || callee.type === AST_NODE_TYPES.CallExpression || callee.type === AST_NODE_TYPES.ChainExpression) {
        callee = callee.type === AST_NODE_TYPES.MemberExpression ? callee.object : callee.type === AST_NODE_TYPES.CallExpression ? callee.callee : callee.expression;
      }
      if (callee.type === AST_NODE_TYPES.Identifier && TEST_CALLEES.test(callee.name)) return true;
    }
  }
  return false;
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
  if (isStatefulEpermCatch(block, context.source.text)) {
    return skip('eperm-counter', 'the catch keeps state about EPERM (a counter or flag); rewrite by hand');
  }
  return skip('unrecognised-catch', 'the catch does not map each error code to a plain alive/dead answer; rewrite by hand');
}

interface Gone {
  readonly branch: GoneBranch;
  /** The branch has no statements: a gone process just leaves the try. */
  readonly empty: boolean;
  /** The old catch rethrew some errors (the `esrch-rethrow` shape). */
  readonly rethrows: boolean;
  readonly flag: boolean;
  readonly eperm: EpermBehaviour;
  readonly change: string | undefined;
}

function isThrowOnly(statement: Statement | null | undefined): boolean {
  if (statement === null || statement === undefined) return false;
  if (statement.type === AST_NODE_TYPES.ThrowStatement) return true;
  return statement.type === AST_NODE_TYPES.BlockStatement && statement.body.length === 1 && statement.body[0]?.type === AST_NODE_TYPES.ThrowStatement;
}

function isEmptyBlock(statement: Statement): boolean {
  return statement.type === AST_NODE_TYPES.BlockStatement && statement.body.length === 0;
}

/**
 * A statement-position catch that tells errors apart: `if (e.code === 'ESRCH') { gone } else throw e`,
 * `if (e.code === 'ESRCH') { gone } throw e`, `if (e.code !== 'ESRCH') throw e; gone`, or, when
 * nothing follows the probe in the try, `if (e.code === 'ESRCH') { gone }` (the rest carry on as alive).
 */
function narrowGoneBranch(context: SiteContext, clause: TSESTree.CatchClause, binding: string, aliveIsFallthrough: boolean): Gone | undefined {
  const { text } = context.source;
  const all = clause.body.body;
  // Leading `const code = e.code` / `const { code } = e` declarations name the code.
  let skipped = 0;
  while (skipped < all.length && isCodeAlias(all[skipped] as Statement, binding)) skipped++;
  const aliases = all.slice(0, skipped);
  const aliasNames = aliases.flatMap((statement) =>
    statement.type === AST_NODE_TYPES.VariableDeclaration
      ? statement.declarations.flatMap((d) =>
          d.id.type === AST_NODE_TYPES.Identifier ? [d.id.name] : d.id.type === AST_NODE_TYPES.ObjectPattern ? d.id.properties.flatMap((p) => (p.type === AST_NODE_TYPES.Property && p.value.type === AST_NODE_TYPES.Identifier ? [p.value.name] : [])) : [],
        )
      : [],
  );
  const statements = all.slice(skipped);
  const first = statements[0];
  if (first?.type !== AST_NODE_TYPES.IfStatement) return undefined;
  const cutFrom = clause.body.range[0] + 1;
  const conditions = ERROR_CODES.map((code) => evaluateCondition(clause, aliases, first.test, code));
  if (conditions.some((c) => c === undefined)) return undefined;
  const [esrch, eperm, other] = conditions as [boolean, boolean, boolean];
  let branch: GoneBranch;
  let goneText: string;
  let empty: boolean;
  /** What the old code did for an error whose condition is `c`. */
  let before: (c: boolean) => Outcome;
  const gone: Outcome = { kind: 'return', value: false };
  if (isThrowOnly(first.consequent) && first.alternate === null && !esrch) {
    // if (not gone) throw e; <gone statements>
    const block = clause.body;
    const whole = text.slice(block.range[0], block.range[1]);
    branch = { kind: 'cut', block, cut: [cutFrom, first.range[1]] };
    goneText = whole.slice(0, cutFrom - block.range[0]) + whole.slice(first.range[1] - block.range[0]);
    empty = statements.length === 1;
    before = (c) => (c ? { kind: 'throw' } : gone);
  } else if (esrch && ((statements.length === 1 && isThrowOnly(first.alternate)) || (statements.length === 2 && first.alternate === null && isThrowOnly(statements[1])))) {
    branch = { kind: 'statement', statement: first.consequent };
    goneText = slice(context, first.consequent);
    empty = isEmptyBlock(first.consequent);
    before = (c) => (c ? gone : { kind: 'throw' });
  } else if (esrch && aliveIsFallthrough && statements.length === 1 && first.alternate === null) {
    branch = { kind: 'statement', statement: first.consequent };
    goneText = slice(context, first.consequent);
    empty = isEmptyBlock(first.consequent);
    before = (c) => (c ? gone : { kind: 'return', value: true });
  } else {
    return undefined;
  }
  const epermBefore = before(eperm);
  const flag = epermBefore !== gone;
  const epermBehaviour: EpermBehaviour = epermBefore === gone ? 'dead' : epermBefore.kind === 'throw' ? 'throws' : 'alive';
  const rethrows = epermBefore.kind === 'throw' || before(other).kind === 'throw';
  // The gone branch moves out of the catch: it must not need the error or its code.
  if ([binding, ...aliasNames].some((name) => new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(goneText))) return undefined;
  return { branch, empty, rethrows, flag, eperm: epermBehaviour, change: describeChange(epermBefore, before(other)) };
}

function finish(context: SiteContext, base: Omit<SiteAnalysis, 'action' | 'reason' | 'behaviourChange'>, change: string | undefined): SiteAnalysis {
  if (change !== undefined && context.strict) {
    return { ...base, action: 'skip', reason: `behaviour change, skipped under --strict: ${change}`, behaviourChange: true, rewrite: undefined };
  }
  return { ...base, action: 'rewrite', reason: change, behaviourChange: change !== undefined };
}

const TEST_ASSERTION = 'the probe is a test assertion (it throws when the process is gone); use assert.ok(pidIsAlive(pid)) by hand';

export function classifyProbeSite(context: SiteContext, probe: FoundProbe): SiteAnalysis {
  const { source } = context;
  const { text } = source;
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
  const pid = call.arguments[0] as TSESTree.Expression;
  // `process.kill?.(pid, 0);` stands in a chain expression; the chain is the statement's expression.
  const statement = (call.parent?.type === AST_NODE_TYPES.ChainExpression ? call.parent.parent : call.parent) as Node;
  const isStatement = statement.type === AST_NODE_TYPES.ExpressionStatement;
  const isReturn = statement.type === AST_NODE_TYPES.ReturnStatement;
  if (!isStatement && !isReturn) {
    if (isInTestContext(call)) return skip('test-assertion', TEST_ASSERTION);
    return skip('probe-in-expression', "the probe's value is used inside an expression; rewrite by hand");
  }
  const block = statement.parent as Node;
  const tryStatement = block.parent;
  if (block.type !== AST_NODE_TYPES.BlockStatement || tryStatement?.type !== AST_NODE_TYPES.TryStatement || tryStatement.block !== block) {
    let guarded = false;
    for (let current: Node | undefined = statement.parent; current !== undefined && current !== null && !isFunctionNode(current); current = current.parent) {
      if (current.type === AST_NODE_TYPES.TryStatement) guarded = true;
    }
    if (guarded) return skip('unrecognised-catch', 'the probe sits in a nested statement of its try; rewrite by hand');
    if (isInTestContext(call)) return skip('test-assertion', TEST_ASSERTION);
    return skip('no-try', 'no try/catch around the probe: it throws when the process is gone or not ours; rewrite by hand');
  }
  const tryNode = tryStatement;
  const clause = tryNode.handler;
  if (tryNode.finalizer !== null || clause === null) {
    return skip('try-finally', 'the try has a finally block, whose order of effects a rewrite could change; rewrite by hand');
  }
  if (clause.param !== null && clause.param.type !== AST_NODE_TYPES.Identifier) return unrecognisedCatch(context, clause.body, []);
  const binding = clause.param?.type === AST_NODE_TYPES.Identifier ? clause.param.name : undefined;
  const statements = block.body;
  const index = statements.indexOf(statement as Statement);
  const prefix = statements.slice(0, index);
  const rest = statements.slice(index + 1);
  const removable = prefix.length === 0 && isSafeExpression(pid);

  // Boolean helpers: the try answers true (or returns the probe), the catch answers per error code;
  // a catch that falls through answers with the `return true|false` after the try.
  const next = nextStatement(tryNode);
  const nextArgument = next?.type === AST_NODE_TYPES.ReturnStatement ? next.argument : null;
  const fallthroughAnswer = isBooleanLiteral(nextArgument, true) ? true : isBooleanLiteral(nextArgument, false) ? false : undefined;
  const aliveInTry = isReturn ? undefined : rest.length === 1 && isReturnTrue(rest[0]) ? rest[0] : undefined;
  const aliveAfter = !isReturn && rest.length === 0 && fallthroughAnswer === true ? next : undefined;
  if (isReturn || aliveInTry !== undefined || aliveAfter !== undefined) {
    const raw = catchAnswers(clause);
    const fellThrough = raw.some((o) => o?.kind === 'fallthrough');
    const outcomes = raw.map((o): Outcome | undefined => (o?.kind === 'fallthrough' && fallthroughAnswer !== undefined ? { kind: 'return', value: fallthroughAnswer } : o));
    const [esrch, eperm, other] = outcomes;
    const answers = (o: Outcome | undefined): boolean => o !== undefined && (o.kind === 'throw' || (o.kind === 'return' && typeof o.value === 'boolean'));
    if (!outcomes.every(answers) || esrch === undefined || eperm === undefined || other === undefined || esrch.kind !== 'return' || esrch.value !== false) {
      return unrecognisedCatch(context, clause.body, outcomes);
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
    const called = catchCall(clause.body, text);
    if (called !== undefined) {
      return skip('unrecognised-catch', `the catch calls ${called}(...), which the rewrite would drop; rewrite by hand`, epermBehaviour, flag);
    }
    let rewrite: SiteRewrite;
    if (removable) {
      rewrite = { kind: 'return', flag, start: tryNode.range[0], end: consumed?.range[1] ?? tryNode.range[1], commentsFrom: consumed === undefined ? [tryNode] : [tryNode, consumed], remove: undefined };
    } else {
      // Other work in the try may throw: keep the try so its errors still reach the catch (and,
      // when the catch falls through, the statement after it).
      const last = aliveInTry ?? statement;
      const remove = aliveAfter !== undefined && !fellThrough ? ([tryNode.range[1], aliveAfter.range[1]] as const) : undefined;
      rewrite = { kind: 'return', flag, start: statement.range[0], end: last.range[1], commentsFrom: undefined, remove };
    }
    return finish(context, { shape, eperm: epermBehaviour, flag, rewrite }, describeChange(eperm, other));
  }

  const answer = rest.length === 1 && rest[0]?.type === AST_NODE_TYPES.ReturnStatement ? rest[0].argument : null;
  if (answer !== null && isStringLiteral(answer)) {
    return skip('tri-state', 'the probe answers more than alive/dead (a tri-state result); pidState() fits, by hand');
  }
  if (isReturn) return unrecognisedCatch(context, clause.body, []);
  // Statement position: the catch is the "gone" branch.
  const catchUsesError = binding !== undefined && mentionsName(clause.body, binding);
  let gone: Gone | undefined;
  if (!catchUsesError) {
    gone = { branch: { kind: 'statement', statement: clause.body }, empty: clause.body.body.length === 0, rethrows: false, flag: false, eperm: 'dead', change: undefined };
  } else if (binding !== undefined) {
    gone = narrowGoneBranch(context, clause, binding, rest.length === 0);
  }
  if (gone === undefined) return unrecognisedCatch(context, clause.body, catchAnswers(clause));
  if (gone.empty && rest.length === 0) {
    return skip('unrecognised-catch', "the probe's answer is not used (nothing happens either way but a rethrow); rewrite by hand", gone.eperm, gone.flag);
  }
  const probeStatement = statement as Statement;
  if (removable && rest.every(isSafeStatement)) {
    // Nothing else in the try can throw, so unwrapping changes no other error's route.
    const rewrite: SiteRewrite = { kind: 'if', flag: gone.flag, tryNode, probeStatement, previousEnd: previousEnd(probeStatement), gone: gone.branch, goneEmpty: gone.empty, aliveEmpty: rest.length === 0 };
    return finish(context, { shape: gone.rethrows ? 'esrch-rethrow' : 'gone-branch', eperm: gone.eperm, flag: gone.flag, rewrite }, gone.change);
  }
  if (catchUsesError) {
    return skip('shared-try', 'the try holds other throwing work and the catch tells errors apart by code; rewrite by hand', gone.eperm, gone.flag);
  }
  // Keep the try: errors from the other work still reach the catch; a dead process still does too.
  return finish(context, { shape: 'shared-try', eperm: 'dead', flag: false, rewrite: { kind: 'throw-if-dead', statement: probeStatement } }, undefined);
}

function isStringLiteral(node: Node): boolean {
  const value = unwrapExpression(node);
  return (value.type === AST_NODE_TYPES.Literal && typeof value.value === 'string') || (value.type === AST_NODE_TYPES.TemplateLiteral && value.expressions.length === 0);
}
