// A JavaScript/TypeScript token scan, just precise enough to tell a `kill` in code from one in a
// comment, a string or template text, without a parser. Where the grammar is ambiguous without one,
// it errs towards code: an unterminated one-line string or regular expression is re-read as code,
// and a `<` where an expression starts (JSX, a type assertion, a generic arrow) gives up (`undefined`:
// treat every `kill` as code).

export interface KillToken {
  /** Offset of the `kill` identifier, or of the string literal's opening quote. */
  readonly index: number;
  /** A string or template literal whose whole text is `kill` (`process['kill']`, `import { 'kill' as k }`). */
  readonly string: boolean;
}

/** Keywords after which `/` starts a regular expression and `<` an expression (JSX). */
const EXPRESSION_KEYWORDS = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await', 'extends']);
const CONTROL_KEYWORDS = new Set(['if', 'while', 'for', 'with']);
/** Keywords after which `{` opens an object literal. */
const VALUE_KEYWORDS = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'yield', 'await']);
/** The length and first character (`length * 0x10000 + code`) of every word in the three sets above. */
const KEYWORD_SHAPES = new Set([...EXPRESSION_KEYWORDS, ...CONTROL_KEYWORDS, ...VALUE_KEYWORDS].map((word) => word.length * 0x10000 + word.charCodeAt(0)));
/** `= ( [ , : ? ! & | + - * % ^ ~`: after these, `{` opens an object literal (after `=>` a body). */
const BEFORE_OBJECT = new Set([61, 40, 91, 44, 58, 63, 33, 38, 124, 43, 45, 42, 37, 94, 126]);

/** What the previous token lets follow: an expression (a regex, JSX), or an operator (division, comparison). */
type Previous = 'expression' | 'operator';

function isIdentifierPart(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36 || code === 92 || code >= 128;
}

/** End of a quoted string starting at `start`, or -1 when a line ends first (then it was no string). */
function stringEnd(text: string, start: number): number {
  const quote = text.charCodeAt(start);
  for (let i = start + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 92) i++;
    else if (code === quote) return i + 1;
    else if (code === 10 || code === 13) return -1;
  }
  return -1;
}

/** End of a regular expression literal starting at `start` (with flags), or -1 when a line ends first. */
function regexEnd(text: string, start: number): number {
  let inClass = false;
  for (let i = start + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 92) i++;
    else if (code === 10 || code === 13) return -1;
    else if (code === 91) inClass = true;
    else if (code === 93) inClass = false;
    else if (code === 47 && !inClass) {
      let end = i + 1;
      while (end < text.length && isIdentifierPart(text.charCodeAt(end))) end++;
      return end;
    }
  }
  return -1;
}

/** Offset after whitespace and comments from `start`. */
function skipTrivia(text: string, start: number): number {
  let i = start;
  for (;;) {
    const code = text.charCodeAt(i);
    if (code === 32 || code === 9 || code === 10 || code === 13) i++;
    else if (code === 47 && text.charCodeAt(i + 1) === 47) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else if (code === 47 && text.charCodeAt(i + 1) === 42) {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 2;
    } else return i;
  }
}

/** A literal whose text is `kill` matters only as a member name (`x['kill']`) or an import name (`'kill' as k`). */
function namesAMember(text: string, after: number): boolean {
  const next = skipTrivia(text, after);
  return text.charCodeAt(next) === 93 || (text.startsWith('as', next) && !isIdentifierPart(text.charCodeAt(next + 2)));
}

/** A `kill` the scan found, with string literals that name no member or import kept too (`name: false`). */
export interface FoundKill extends KillToken {
  readonly name: boolean;
}

/**
 * The last text scanned and its answer: the CLI asks about one bundle several times (its text test on
 * the main thread, transformSource's, the large-file path's cross-check), and a scan of 16 MB costs
 * 0.2-0.3 s. Only large texts are kept (the cost of holding one is one more copy at most, on a thread
 * that is handling it anyway); comparing a string with itself is one pointer test.
 */
let last: { readonly text: string; readonly found: readonly FoundKill[] | undefined } | undefined;
const MEMO_FROM = 256 * 1024;

/** One text's scan as a worker is handed it (structured-cloned): opaque to all but this module. */
export interface KillScan {
  readonly found: readonly FoundKill[] | undefined;
}

/**
 * The scan of `text` when it is the one this thread remembers (a large text scanned last), else
 * undefined: the CLI hands it to the worker that transforms the text, which would scan it again.
 */
export function rememberedKillScan(text: string): KillScan | undefined {
  return last !== undefined && text.length >= MEMO_FROM && last.text === text ? { found: last.found } : undefined;
}

/** Takes `scan` (rememberedKillScan's, from another thread) as the scan of `text`. */
export function rememberKillScan(text: string, scan: KillScan): void {
  if (text.length >= MEMO_FROM) last = { text, found: scan.found };
}

function scanKills(text: string): readonly FoundKill[] | undefined {
  if (last !== undefined && last.text === text) return last.found;
  const found = scanText(text);
  if (text.length >= MEMO_FROM) last = { text, found };
  return found;
}

/**
 * Every `kill` that may be code, in order: identifiers and property names, and string literals that
 * are exactly `kill` used as a member or import name. `undefined` when the scan cannot tell (JSX and
 * the like): the caller then treats every `kill` in the text as code.
 */
export function killTokens(text: string): KillToken[] | undefined {
  return scanKills(text)
    ?.filter((token) => token.name)
    .map(({ index, string }) => ({ index, string }));
}

/**
 * killTokens, plus the string literals whose whole text is `kill` that name no member (`f("kill")`),
 * each with `string: true`: every place a full tokenizer also reports a `kill` token, for the large-file
 * path's cross-check of its own token scan.
 */
export function killTokensWithStrings(text: string): KillToken[] | undefined {
  return scanKills(text)?.map(({ index, string }) => ({ index, string }));
}

function scanText(text: string): FoundKill[] | undefined {
  const found: FoundKill[] = [];
  // Per open `{`: a template substitution, an object literal (a value when closed) or a block.
  const braces: ('template' | 'object' | 'block')[] = [];
  // Per open `(`: whether it holds the condition of if/while/for/with (a statement follows it).
  const parens: boolean[] = [];
  let previous: Previous = 'expression';
  let lastWord = '';
  let afterDot = false;
  // The last punctuator's character code, 0 after a word, number or literal.
  let lastPunctuator = 0;
  let i = text.startsWith('#!') ? text.indexOf('\n') : 0;
  if (i === -1) return found;

  /** Scans template text from `start` (after the backtick or `}`); returns the offset after it. */
  const template = (start: number): number => {
    for (let j = start; j < text.length; j++) {
      const code = text.charCodeAt(j);
      if (code === 92) j++;
      else if (code === 96) {
        // A whole template literal `kill`: a member name only (import names cannot be templates).
        if (start > 0 && text.charCodeAt(start - 1) === 96 && text.slice(start, j) === 'kill' && text.charCodeAt(skipTrivia(text, j + 1)) === 93) found.push({ index: start - 1, string: true, name: true });
        previous = 'operator';
        return j + 1;
      } else if (code === 36 && text.charCodeAt(j + 1) === 123) {
        braces.push('template');
        previous = 'expression';
        return j + 2;
      }
    }
    return text.length;
  };

  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 32 || code === 9 || code === 10 || code === 13) {
      i++;
      continue;
    }
    const dot = afterDot;
    afterDot = false;
    const punctuator = lastPunctuator;
    lastPunctuator = isIdentifierPart(code) || code === 39 || code === 34 || code === 96 ? 0 : code;
    if (isIdentifierPart(code) && !(code >= 48 && code <= 57)) {
      let end = i + 1;
      let escaped = code === 92;
      for (let next = text.charCodeAt(end); end < text.length && isIdentifierPart(next); next = text.charCodeAt(++end)) if (next === 92) escaped = true;
      // An escaped identifier (`\u006bill`) may spell kill: count it as one.
      if (escaped || (end - i === 4 && text.startsWith('kill', i))) found.push({ index: i, string: false, name: true });
      // Only a word shaped like a keyword is sliced and looked up (the sets below hold nothing else):
      // a string and a hash per identifier were most of the scan.
      const word = KEYWORD_SHAPES.has((end - i) * 0x10000 + code) ? text.slice(i, end) : '';
      previous = !dot && EXPRESSION_KEYWORDS.has(word) ? 'expression' : 'operator';
      lastWord = dot ? '' : word;
      i = end;
      continue;
    }
    const word = lastWord;
    lastWord = '';
    if (code >= 48 && code <= 57) {
      i++;
      while (i < text.length && (isIdentifierPart(text.charCodeAt(i)) || text.charCodeAt(i) === 46)) i++;
      previous = 'operator';
      continue;
    }
    switch (code) {
      case 39: // '
      case 34: {
        // "
        const end = stringEnd(text, i);
        if (end === -1) {
          i++; // no string after all (JSX text, say): read on as code
          previous = 'expression';
          continue;
        }
        if (end - i === 6 && text.startsWith('kill', i + 1)) found.push({ index: i, string: true, name: namesAMember(text, end) });
        previous = 'operator';
        i = end;
        continue;
      }
      case 96: // `
        i = template(i + 1);
        continue;
      case 47: {
        // /
        const next = text.charCodeAt(i + 1);
        if (next === 47 || next === 42) {
          i = skipTrivia(text, i);
          continue;
        }
        if (previous === 'expression') {
          const end = regexEnd(text, i);
          if (end !== -1) {
            i = end;
            previous = 'operator';
            continue;
          }
        }
        i++;
        previous = 'expression';
        continue;
      }
      case 60: // <, <<, <=, <<=
        if (previous === 'expression') return undefined;
        i++;
        while (text.charCodeAt(i) === 60 || text.charCodeAt(i) === 61) i++;
        previous = 'expression';
        continue;
      case 43: // + and -; a postfix ++ or -- ends a value (`i++ / 2` divides)
      case 45:
        if (text.charCodeAt(i + 1) === code) {
          i += 2;
          if (previous === 'operator') continue;
        } else i++;
        previous = 'expression';
        continue;
      case 123: // {
        braces.push(BEFORE_OBJECT.has(punctuator) || (punctuator === 0 && VALUE_KEYWORDS.has(word)) ? 'object' : 'block');
        i++;
        previous = 'expression';
        continue;
      case 125: {
        // }
        const kind = braces.pop();
        if (kind === 'template') i = template(i + 1);
        else {
          i++;
          previous = kind === 'object' ? 'operator' : 'expression';
        }
        continue;
      }
      case 40: // (
        parens.push(CONTROL_KEYWORDS.has(word));
        i++;
        previous = 'expression';
        continue;
      case 41: // )
        previous = parens.pop() === true ? 'expression' : 'operator';
        i++;
        continue;
      case 93: // ]
        previous = 'operator';
        i++;
        continue;
      case 46: // .
        if (text.startsWith('...', i)) {
          i += 3;
          previous = 'expression';
        } else {
          afterDot = true;
          i++;
        }
        continue;
      case 63: // ?
        if (text.charCodeAt(i + 1) === 46 && !(text.charCodeAt(i + 2) >= 48 && text.charCodeAt(i + 2) <= 57)) {
          afterDot = true;
          i += 2;
          continue;
        }
        i++;
        previous = 'expression';
        continue;
      case 35: // # (a private name is never `kill`: its text keeps the #)
        i++;
        while (i < text.length && isIdentifierPart(text.charCodeAt(i))) i++;
        previous = 'operator';
        continue;
      default:
        i++;
        previous = 'expression';
    }
  }
  return found;
}
