// The text of one site's rewrite: the helper call, the branches kept, the comments moved with it, in
// the file's own style. What is replaced was decided by the analysis (SiteRewrite).
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import type { GoneBranch, SiteRewrite } from '../analysis/classify-probe-site.js';
import type { AnalysisSource } from '../analysis/source.js';
import type { TextEdit } from '../analysis/types.js';
import { commentsWithin, leadingComments, trailingComments } from './comments.js';
import { onlyExplainsMechanism, statementTerminator } from './house-style.js';

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

/** `statement` below the comments from the code it replaces, less those about the replaced mechanism. */
function withComments(comments: readonly string[], statement: string, indent: string, eol: string): string {
  return comments.filter((comment) => !onlyExplainsMechanism(comment)).map((comment) => `${comment}${eol}${indent}`).join('') + statement;
}

/** The gone branch as a block's text: a statement that is not a block is wrapped one level deeper than `indent`. */
function goneText(context: EditContext, gone: GoneBranch, indent: string): string {
  const { text } = context.source;
  if (gone.kind === 'cut') {
    const { block, cut } = gone;
    const whole = slice(text, block);
    return whole.slice(0, cut[0] - block.range[0]) + whole.slice(cut[1] - block.range[0]);
  }
  const statement = slice(text, gone.statement);
  if (gone.statement.type === AST_NODE_TYPES.BlockStatement) return statement;
  const unit = indent.startsWith('\t') ? '\t' : '  ';
  return `{${context.eol}${indent}${unit}${statement}${context.eol}${indent}}`;
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
      else edits.push({ start: rewrite.start, end: rewrite.end, text: withComments(commentsWithin(source, rewrite.commentsFrom, [callRange]), replacement, lineIndent(text, rewrite.start), eol) });
      if (rewrite.remove !== undefined) edits.push({ start: rewrite.remove[0], end: rewrite.remove[1], text: '' });
      return edits;
    }
    case 'if': {
      const { tryNode, probeStatement, previousEnd } = rewrite;
      const indent = lineIndent(text, tryNode.range[0]);
      const trailing = trailingComments(source, probeStatement.range[1]);
      const probeEnd = trailing.reduce((end, comment) => Math.max(end, comment.range[1]), probeStatement.range[1]);
      const probeComments = [...leadingComments(source, previousEnd, probeStatement.range[0]), ...trailing].map((c) => text.slice(c.range[0], c.range[1]));
      const leading = [...probeComments, ...commentsWithin(source, [probeStatement], [callRange])];
      const block = tryNode.block;
      const whole = slice(text, block);
      const aliveBlock = whole.slice(0, previousEnd - block.range[0]) + whole.slice(probeEnd - block.range[0]);
      const gone = goneText(context, rewrite.gone, indent);
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
