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

/**
 * Words that only make sense next to `process.kill(pid, 0)`: its signal, in either order ("signal 0",
 * "Sending 0 signal", "a zero signal", `kill -0`), and the error codes its catch read.
 */
const MECHANISM = /\bE(?:SRCH|PERM)\b|\bsig(?:nal)?\s*(?:of\s+)?[`'"]?(?:0|zero)\b|\b(?:0|zero)\s+sig(?:nal)?\b|\bkill\s*\([^()]*,\s*0\s*\)|\bkill\s+-0\b|\bno such process\b/i;
/** A line break after a word or mark that cannot end a sentence: the sentence goes on below. */
const CONTINUED_LINE = /([,;:\u2013\u2014-]|\b(?:and|or|but|nor|that|which|to|the|a|an|of|with|if|it|we|just|only|not|for|is|are|be|by|as|so|than|whether|because))[ \t]*\r?\n\s*/gi;
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
  // A group of `//` lines is judged as one comment. A line break ends a sentence unless the line
  // plainly stops mid-sentence (`... only checks that it exists and` / `// that this user may signal it.`);
  // a clause after `;` or a dash belongs to its sentence.
  const body = comment.replace(/^[ \t]*\/\/|^\/\*+|\*+\/$/gm, '').replace(/^\s*\*/gm, '');
  const sentences = body
    .replace(CONTINUED_LINE, '$1 ')
    .split(/(?<=[.!?])\s+|\r?\n/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => /\w/.test(sentence));
  return sentences.length > 0 && sentences.every((sentence) => MECHANISM.test(sentence));
}

/** `// eslint-disable-next-line a, b -- why` (or `-line`, or a block comment): its rules and its description. */
const DISABLE_DIRECTIVE = /^(\/\/|\/\*)(\s*)(eslint-disable-(?:next-)?line)(\s+)([^\n]*?)(\s+--\s[\s\S]*?)?(\s*\*\/)?$/;
/** Rules that only ever report the kill the rewrite removed (n/no-process-kill, hermes-pid's own, ...). */
const KILL_RULE = /(?:^|\/)no-process-kill$|(?:^|\/)no-(?:raw-liveness-probe|narrow-kill-catch|unverified-pid-kill)$/;

/**
 * A comment moved from the removed probe, as it should read above the new call: a disable directive
 * whose every rule was about the kill goes with it (else `--report-unused-disable-directives` flags
 * it); one naming other rules too keeps only those; anything else stays as it is.
 */
export function afterKillRemoved(comment: string): string | undefined {
  const match = DISABLE_DIRECTIVE.exec(comment);
  if (match === null) return comment;
  const [, opener = '', space = '', keyword = '', gap = '', list = '', description = '', closer = ''] = match;
  const rules = list.split(',').map((rule) => rule.trim()).filter((rule) => rule !== '');
  // A bare directive silences every rule: what it was for is not ours to guess.
  if (rules.length === 0) return comment;
  const kept = rules.filter((rule) => !KILL_RULE.test(rule));
  if (kept.length === rules.length) return comment;
  if (kept.length === 0) return undefined;
  return `${opener}${space}${keyword}${gap}${kept.join(', ')}${description}${closer}`;
}
