// The target file's own style, so inserted code reads as if its author wrote it: semicolons or
// none, an import below the file's header comments, and no comment about a mechanism that is gone.
import { fileFacts } from '../analysis/file-facts.js';
import type { AnalysisSource } from '../analysis/source.js';

/** Whether the file ends its statements with `;` (most statements that may omit one have one; yes when unknown). */
export function usesSemicolons(source: AnalysisSource): boolean {
  const facts = fileFacts(source);
  return facts.withSemicolon >= facts.withoutSemicolon;
}

/** The first character of code at or after `position`, past whitespace and comments. */
function nextCodeCharacter(text: string, position: number): string | undefined {
  let i = position;
  while (i < text.length) {
    if (/\s/.test(text.charAt(i))) i++;
    else if (text.startsWith('//', i)) i = text.includes('\n', i) ? text.indexOf('\n', i) + 1 : text.length;
    else if (text.startsWith('/*', i)) i = text.includes('*/', i + 2) ? text.indexOf('*/', i + 2) + 2 : text.length;
    else return text.charAt(i);
  }
  return undefined;
}

/**
 * How an inserted statement that ends at `position` is terminated: `;` in a file that uses them,
 * else nothing, unless the code that follows would continue the statement (a line that starts with
 * `(`, `[`, a template, `+`, `-` or `/`), where a `;` is what keeps the meaning.
 */
export function statementTerminator(semicolons: boolean, text: string, position: number): string {
  if (semicolons) return ';';
  const next = nextCodeCharacter(text, position);
  return next !== undefined && '([`+-/'.includes(next) ? ';' : '';
}

/**
 * Comments that belong to the file rather than to the statement below them, even with no blank line
 * after: type-check and linter directives, licence and copyright headers, file overviews.
 * (`eslint-disable-next-line` is not one: it must stay right above its line.)
 */
const FILE_HEADER_COMMENT = /^\/\/\s*@(?:ts-(?:check|nocheck)|flow)\b|^\/\*\s*(?:eslint(?:-disable|-env)?|global|globals|jshint|jslint|exported)\s|^\/\*!|@(?:license|preserve|copyright|file|fileoverview|overview|module)\b|\bcopyright\b|\(c\)\s*\d{4}|SPDX-License-Identifier/i;

export function isFileHeaderComment(comment: string): boolean {
  return FILE_HEADER_COMMENT.test(comment);
}

/** Words that only make sense next to `process.kill(pid, 0)`: its signal, and the error codes its catch read. */
const MECHANISM = /\bE(?:SRCH|PERM)\b|\bsig(?:nal)?\s*(?:0|zero)\b|\bkill\s*\([^()]*,\s*0\s*\)|\bno such process\b/i;
/** Comments a person or a tool still needs, whatever else they say. */
const KEEP_ALWAYS = /\b(?:TODO|FIXME|XXX|HACK|BUG)\b|eslint|@ts-|istanbul|\bc8\b|prettier|https?:\/\//i;

/**
 * Whether a comment from a removed try/catch only explains the mechanism the rewrite replaced
 * (signal 0, ESRCH, EPERM): every sentence of it names that mechanism. Such a comment would be
 * untrue above `pidIsAlive(...)`, whose flag now states the EPERM decision; it is dropped. Any
 * other comment is kept, moved unchanged next to the new call.
 */
export function onlyExplainsMechanism(comment: string): boolean {
  if (KEEP_ALWAYS.test(comment)) return false;
  const body = comment.replace(/^\/\/|^\/\*+|\*+\/$/g, '').replace(/^\s*\*/gm, '');
  const sentences = body
    .split(/(?<=[.;!?])\s+|\r?\n/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => /\w/.test(sentence));
  return sentences.length > 0 && sentences.every((sentence) => MECHANISM.test(sentence));
}
