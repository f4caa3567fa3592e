// The text of one site's rewrite: the helper call, the branches kept, the comments moved with it, in
// the file's own style. What is replaced was decided by the analysis (SiteRewrite).
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import type { GoneBranch, SiteRewrite } from '../analysis/classify-probe-site.js';
import type { AnalysisSource } from '../analysis/source.js';
import type { TextEdit } from '../analysis/types.js';
import { commentGroups, commentsWithin, leadingComments, trailingComments } from './comments.js';
import { walk } from '../analysis/walk.js';
import { afterKillRemoved, onlyExplainsMechanism, statementTerminator } from './house-style.js';

export interface EditContext {
  readonly source: AnalysisSource;
  readonly eol: string;
  /** How the rewritten code calls the helper: `pidIsAlive`, an alias, or `ns.pidIsAlive`. */
  readonly callee: string;
  /** The file ends its statements with `;` (else inserted statements get none, where that is safe). */
  readonly semicolons: boolean;
}

const NOT_RUNNING = "throw new Error('process is not running')";

function slice(text: string, node: TSESTree.Node): string {
  return text.slice(node.range[0], node.range[1]);
}

function lineIndent(text: string, position: number): string {
  const lineStart = text.lastIndexOf('\n', position - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, position))?.[0] ?? '';
}

/** The catch clause of the try that holds `call` in its block, when it binds the error. */
function boundCatchOf(call: TSESTree.Node): TSESTree.CatchClause | undefined {
  for (let node: TSESTree.Node | undefined = call; node?.parent !== undefined; node = node.parent) {
    const parent: TSESTree.Node = node.parent;
    if (parent.type === AST_NODE_TYPES.TryStatement && parent.block === node) return parent.handler?.param ? parent.handler : undefined;
  }
  return undefined;
}

const DISABLE_FOR_LINE = /^(?:\/\/|\/\*)\s*eslint-disable-(next-)?line\b/;

/** The \n between `low` and `high`, counted up to `most`: a comment far from the binding is settled without reading what lies between (a bundle's thousands of directives, megabytes apart). */
function breaksUpTo(text: string, low: number, high: number, most: number): number {
  let breaks = 0;
  for (let at = text.indexOf('\n', low); at !== -1 && at < high && breaks < most; at = text.indexOf('\n', at + 1)) breaks++;
  return breaks;
}

/**
 * The `eslint-disable-line` / `-next-line` directives aimed at the line of `clause`'s binding
 * (`// eslint-disable-next-line no-unused-vars` above `} catch (err) {`): the rewrite removes that line
 * and the binding with it, so the directive would disable nothing wherever it landed.
 */
function directivesForBinding(source: AnalysisSource, clause: TSESTree.CatchClause | undefined): (readonly [number, number])[] {
  const param = clause?.param;
  if (param == null) return [];
  const { text } = source;
  return (source.ast.comments ?? [])
    .filter((comment) => {
      const match = DISABLE_FOR_LINE.exec(text.slice(comment.range[0], comment.range[1]));
      if (match === null) return false;
      const [low, high] = comment.range[1] <= param.range[0] ? [comment.range[1], param.range[0]] : [param.range[1], comment.range[0]];
      const breaks = breaksUpTo(text, low, high, 2);
      return match[1] === undefined ? breaks === 0 : comment.range[1] <= param.range[0] && breaks === 1;
    })
    .map((comment) => comment.range);
}

/** What removing the comment at `start..end` takes away: its whole line when it stands alone there, else it and the blanks before it. */
function commentSpan(text: string, start: number, end: number): readonly [number, number] {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = text.indexOf('\n', end);
  if (lineEnd !== -1 && /^[ \t]*$/.test(text.slice(lineStart, start)) && /^[ \t]*\r?$/.test(text.slice(end, lineEnd))) return [Math.max(lineStart - 1, 0), lineEnd];
  return [start - (/[ \t]*$/.exec(text.slice(lineStart, start))?.[0].length ?? 0), end];
}

/**
 * The text of `node` less `spans` (disjoint), its lines re-indented from `from` to `to`: a branch that
 * moves out of a nested `if` takes the indentation of the statement it replaces. Lines that start
 * inside a template literal keep theirs (that whitespace is the string's).
 */
function moved(source: AnalysisSource, node: TSESTree.Node, spans: readonly (readonly [number, number])[], from: string, to: string): string {
  const { text } = source;
  const [low, high] = node.range;
  const edits: { start: number; end: number; text: string }[] = spans.filter(([start, end]) => start > low && end < high).map(([start, end]) => ({ start, end, text: '' }));
  if (from !== to) {
    const templates: (readonly [number, number])[] = [];
    walk(node, (child) => {
      if (child.type === AST_NODE_TYPES.TemplateLiteral) templates.push(child.range);
      return true;
    });
    for (let at = text.indexOf('\n', low) + 1; at > 0 && at < high; at = text.indexOf('\n', at) + 1) {
      const inside = (ranges: readonly (readonly [number, number])[]): boolean => ranges.some(([start, end]) => at > start && at < end);
      if (text.startsWith(from, at) && !inside(templates) && !inside(spans)) edits.push({ start: at, end: at + from.length, text: to });
    }
  }
  let result = text.slice(low, high);
  for (const edit of edits.sort((x, y) => y.start - x.start)) result = result.slice(0, edit.start - low) + edit.text + result.slice(edit.end - low);
  return result;
}

/** `statement` below the comments from the code it replaces, less those about the replaced mechanism and directives only for the kill. */
function withComments(comments: readonly string[], statement: string, indent: string, eol: string): string {
  return comments
    .filter((comment) => !onlyExplainsMechanism(comment))
    .map((comment) => {
      // A group of `//` lines is re-indented, and judged for directives, line by line.
      const lines = comment.startsWith('//') ? comment.split(/\r?\n[ \t]*/) : [comment];
      return lines.map(afterKillRemoved).filter((line) => line !== undefined);
    })
    .filter((lines) => lines.length > 0)
    .map((lines) => `${lines.join(`${eol}${indent}`)}${eol}${indent}`)
    .join('') + statement;
}

/**
 * The gone branch as a block's text, at `indent` (the try's): a statement that is not a block is
 * wrapped one level deeper; `dropped` comments (directives for the removed binding) are left out.
 */
function goneText(context: EditContext, gone: GoneBranch, indent: string, dropped: readonly (readonly [number, number])[]): string {
  const { source } = context;
  const { text } = source;
  const spans = dropped.map(([start, end]) => commentSpan(text, start, end));
  if (gone.kind === 'cut') return moved(source, gone.block, [gone.cut, ...spans], indent, indent);
  const node = gone.statement;
  const from = lineIndent(text, node.range[0]);
  if (node.type === AST_NODE_TYPES.BlockStatement) return moved(source, node, spans, from, indent);
  const unit = indent.startsWith('\t') ? '\t' : '  ';
  return `{${context.eol}${indent}${unit}${moved(source, node, spans, from, indent + unit)}${context.eol}${indent}}`;
}

/** The edits that rewrite the probe `call` as `rewrite` says (without the import). */
export function siteEdits(context: EditContext, call: TSESTree.CallExpression, rewrite: SiteRewrite): TextEdit[] {
  const { source, eol } = context;
  const { text } = source;
  const pidText = slice(text, call.arguments[0] as TSESTree.Node);
  const callRange = [call.range[0], call.range[1]] as const;
  const helperCall = (flag: boolean): string => `${context.callee}(${pidText}, { treatPermissionDeniedAsAlive: ${flag} })`;
  switch (rewrite.kind) {
    case 'return': {
      const replacement = `return ${helperCall(rewrite.flag)}${statementTerminator(context.semicolons, text, rewrite.end)}`;
      const edits: TextEdit[] = [];
      if (rewrite.commentsFrom === undefined) edits.push({ start: rewrite.start, end: rewrite.end, text: replacement });
      else edits.push({ start: rewrite.start, end: rewrite.end, text: withComments(commentsWithin(source, rewrite.commentsFrom, [callRange, ...directivesForBinding(source, boundCatchOf(call))]), replacement, lineIndent(text, rewrite.start), eol) });
      if (rewrite.remove !== undefined) edits.push({ start: rewrite.remove[0], end: rewrite.remove[1], text: '' });
      return edits;
    }
    case 'if': {
      const { tryNode, probeStatement, previousEnd } = rewrite;
      const indent = lineIndent(text, tryNode.range[0]);
      const trailing = trailingComments(source, probeStatement.range[1]);
      const probeEnd = trailing.reduce((end, comment) => Math.max(end, comment.range[1]), probeStatement.range[1]);
      const probeComments = commentGroups(source, [...leadingComments(source, previousEnd, probeStatement.range[0]), ...trailing]);
      const leading = [...probeComments, ...commentsWithin(source, [probeStatement], [callRange])];
      const block = tryNode.block;
      const dropped = directivesForBinding(source, tryNode.handler ?? undefined);
      const spans = dropped.map(([start, end]) => commentSpan(text, start, end));
      const aliveBlock = moved(source, block, [[previousEnd, probeEnd], ...spans], indent, indent);
      const gone = goneText(context, rewrite.gone, indent, dropped);
      let replacement: string;
      if (rewrite.goneEmpty) replacement = `if (${helperCall(rewrite.flag)}) ${aliveBlock}`;
      else if (rewrite.aliveEmpty) replacement = `if (!${helperCall(rewrite.flag)}) ${gone}`;
      else replacement = `if (!${helperCall(rewrite.flag)}) ${gone} else ${aliveBlock}`;
      return [{ start: tryNode.range[0], end: tryNode.range[1], text: withComments(leading, replacement, indent, eol) }];
    }
    case 'throw-if-dead': {
      const { statement } = rewrite;
      return [{ start: statement.range[0], end: statement.range[1], text: `if (!${helperCall(false)}) ${NOT_RUNNING}${statementTerminator(context.semicolons, text, statement.range[1])}` }];
    }
  }
}
