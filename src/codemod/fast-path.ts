// The large-file path (bundles): instead of parsing and scope-analysing every function of a 16 MB
// file, one token scan (acorn's tokenizer: no tree) finds the function bodies that hold no `kill`;
// those are blanked to spaces (offsets and line breaks kept) and the rest, the skeleton, is parsed
// and analysed as usual. A blanked body's own declarations are local to it, so the skeleton resolves
// every name outside it as the whole file does; what the body could still change is checked from its
// tokens, and anything the tokens cannot prove sends the file to the full parse (undefined):
// - the function holding a probe, and the declarations of the outer names it uses, stay whole;
// - a blanked body may name such an outer variable only to read a member (`process.env`) or in `typeof`;
// - the whole-file facts (names, quotes, semicolons) are counted from the tokens of the blanked bodies;
// - the whole text, and the rewritten text, must compile as a CommonJS function body in V8 (whose
//   parser checks a 16 MB file in a fraction of a second), since espree only reads the skeleton.
// test/codemod/fast-path.test.ts runs this path and the full one over every fixture and the public corpus.
import type * as AcornModule from 'acorn';
import { NameIndex } from './name-index.js';
import { compileFunction, Script } from 'node:vm';
import type { TSESTree } from '@typescript-eslint/types';
import type { Scope, Variable } from '@typescript-eslint/scope-manager';
import { fileFacts, provideFileFacts } from '../analysis/file-facts.js';
import { lastAtOrBefore } from '../analysis/line-starts.js';
import type { TextEdit } from '../analysis/types.js';
import { nodeRequire } from '../internal/node-require.js';
import { killTokensWithStrings } from './kill-tokens.js';
import { applyEdits, type LargeFileParse, type LargeFilePath } from './transform.js';
import { hasSyntaxErrors, parseJavaScript } from './parse.js';
import { usesRequire } from '../rewrite/plan-import.js';
import { findVariable, type AnalysisSource } from '../analysis/source.js';
import { getPropertyName } from '../analysis/get-property-name.js';
import { isPresent } from '../analysis/is-present.js';
import { outermostWrapper, unwrapExpression } from '../analysis/unwrap-expression.js';

/** The free names that make a file CommonJS for the import plan (plan-import.ts's COMMONJS_GLOBALS). */
const COMMONJS_NAMES = ['__dirname', '__filename', 'module', 'exports', 'require'];

/** Files at least this large (UTF-16 units) take the large-file path when it applies. */
export const LARGE_FILE = 1024 * 1024;

let acorn: typeof AcornModule | undefined;

/** Calls that make a child process: a body naming one is kept, for the file's child-process members. */
const SPAWNISH = new Set(['spawn', 'fork', 'exec', 'execFile', 'execa', 'execaNode', 'execaCommand', 'crossSpawn', 'ChildProcess', 'spawnSync', 'execSync', 'execFileSync']);
/** Keywords whose `(` holds a condition or a loop's head. */
/** Their lengths and first characters, as numbers: most names are settled without hashing them (a name's first hash was the scan's costliest step). */
const SPAWNISH_SHAPES = new Set([...SPAWNISH].map((name) => name.length * 0x10000 + name.charCodeAt(0)));
const CONTROL = new Set(['if', 'for', 'while', 'with']);
/**
 * The guesses' bound on their work (declarations looked at, scopes searched, characters tokenized),
 * plus a quarter of the text's length; aws-cdk's bundle takes 14,000.
 */
const GUESS_BUDGET = 1_000_000;
/** Tokens after which a name is read, never written or bound. */
const READ_AFTER = new Set(['.', '?.', '[', '(', '`', '==/!=/===/!==', '&&', '||', '??', '?', ':', ';', '+/-', '*', '/', '%', '**', '</>/<=/>=', '<</>>/>>>', '|', '^', '&', 'instanceof']);
/**
 * After a name and the `)`s closing on it, tokens that may make it an assignment target: `(x) = 1`,
 * `(x)++`, `[(x), y] = z`, `({ a: (x) } = z)`, `for ((x) in o)`, `for ((x) of a)` (or a parameter).
 */
const WRITE_AFTER_PAREN = new Set(['=', '_=', '++/--', '=>', ',', ']', '}', 'in']);
/** Tokens after which `{` surely opens an object literal or pattern, never a block. */
const OBJECT_AFTER = new Set(['=', '_=', '(', '[', ',', '?', '??', '||', '&&', '!/~', '+/-', '*', '%', '==/!=/===/!==', '</>/<=/>=', 'typeof', 'void', 'delete', 'in', 'instanceof', '...', '${']);
/** Tokens that may end a statement left without `;`. */
const MAY_END = new Set(['name', 'num', 'string', 'regexp', '`', ')', ']', '}', '++/--', 'this', 'null', 'true', 'false', 'super', 'break', 'continue', 'return', 'debugger']);

/** An occurrence of a name: 0 may write or bind it, 1 only reads it, 2 reads a member of it or its type, 3 a property name. */
type Use = 0 | 1 | 2 | 3;

interface Body {
  readonly open: number;
  close: number;
  readonly parent: number;
  kills: number;
  directKills: number;
  /** Lower bound of `;`-ended statements; upper bound of `;`-ended ones; upper bound of statements ended without. */
  semicolons: number;
  semicolonTokens: number;
  unterminated: number;
}

interface Scan {
  readonly bodies: Body[];
  /** A `kill` outside every function body: the whole file is the probe's function. */
  readonly topLevelKill: boolean;
  /** Each identifier's occurrences (`start * 4 + Use`), by name. */
  readonly uses: NameIndex;
  /** String literals that are a name (`obj['proc']`), as property names (Use 3). */
  readonly stringUses: NameIndex;
  readonly singleQuoted: number;
  readonly doubleQuoted: number;
  readonly killAt: readonly number[];
  /** Where a name that makes a child process stands (`spawn`, `fork`, ...). */
  readonly spawnAt: readonly number[];
  /** Where each name stands just after `var`, `let`, `const`, `function` or `class`: the first round's guess. */
  readonly declaredAt: NameIndex;
}

/** `/^[\w$]+$/` without a regular expression per string token. */
function isWord(value: string): boolean {
  if (value.length === 0) return false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (!((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36)) return false;
  }
  return true;
}

function isLineBreak(code: number): boolean {
  return code === 10 || code === 13 || code === 0x2028 || code === 0x2029;
}

function breakBetween(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (isLineBreak(text.charCodeAt(i))) return true;
  return false;
}

interface Open {
  readonly kind: '{' | '(' | '[' | '${';
  readonly body: number;
  readonly control: boolean;
  readonly classBody: boolean;
  /** A `{` that surely opens an object literal (or pattern): no statement ends inside it, a `;` after it ends one. */
  readonly object?: boolean;
  /** For `(`: the kinds of the token before it and of the one before that (`function f (`). */
  readonly callee: string | undefined;
  readonly before: string | undefined;
}

/** The tokenizer's state after `next()`: what getToken() copies into a new Token, read in place (no object per token). */
interface TokenizerState {
  next(): void;
  readonly type: AcornModule.TokenType;
  readonly start: number;
  readonly end: number;
  readonly value: unknown;
}

/** One pass of acorn's tokenizer over `text`: the function bodies, the `kill`s, what the whole-file facts need. */
function scan(text: string, sourceType: 'script' | 'module'): Scan | undefined {
  try {
    acorn ??= nodeRequire('acorn') as typeof AcornModule; // espree's own parser; absent (a strict pnpm layout): the full parse
  } catch {
    return undefined;
  }
  const bodies: Body[] = [];
  // (About one name per 28 characters in bundles: aws-cdk has 575,000 in 16 MB.)
  const uses = new NameIndex(text, Math.ceil(text.length / 24));
  const stringUses = new NameIndex(text, Math.ceil(text.length / 256));
  const killAt: number[] = [];
  const spawnAt: number[] = [];
  const declaredAt = new NameIndex(text, Math.ceil(text.length / 256));
  const stack: Open[] = [];
  let singleQuoted = 0;
  let doubleQuoted = 0;
  let topLevelKill = false;
  let kills = 0;
  let semicolons = 0;
  let semicolonTokens = 0;
  let unterminated = 0;
  // The token before the current one and the kind of the one before that, as scalars.
  let prev: string | undefined;
  let prevEnd = 0;
  let prevValue: unknown;
  let beforePrev: string | undefined;
  // The `(` whose `)` came last, and where that `)` ends.
  let lastClosedOpener: Open | undefined;
  let lastClosedEnd = -1;
  // The name last seen and not yet classified (what follows it says how it is used): scalars, not an
  // object per identifier.
  let pendingName: string | undefined;
  let pendingStart = 0;
  let pendingEnd = 0;
  let pendingTypeof = false;
  let pendingClosed = false;
  let classDepth = -1;
  let lastClosedObject = -1;
  const addUse = (name: string, start: number, end: number, use: Use): void => uses.add(name, start, end - start, start * 4 + use);
  const currentBody = (): number => {
    for (let i = stack.length - 1; i >= 0; i--) if ((stack[i] as Open).body >= 0) return (stack[i] as Open).body;
    return -1;
  };
  try {
    const tokens = acorn.tokenizer(text, { ecmaVersion: 'latest', sourceType, allowHashBang: true, allowReturnOutsideFunction: sourceType === 'script', allowAwaitOutsideFunction: sourceType === 'module' }) as unknown as TokenizerState;
    if (typeof tokens.next !== 'function') return undefined;
    // A regular expression's syntax is V8's to check (the whole-file compile of the input or the
    // output), not the scan's, whose tokens it does not change: acorn's validation was a twentieth of it.
    Object.assign(tokens, { validateRegExpFlags: () => undefined, validateRegExpPattern: () => undefined });
    // next() and the state rather than getToken(): no Token per token (a tenth of the scan, and its
    // garbage); the end comes as a token (the iterator stops before it), which ends the last statement
    // and the last name's use.
    for (;;) {
      tokens.next();
      const token = tokens;
      const label = token.type.label;
      if (pendingName !== undefined) {
        if (pendingClosed) {
          // `f(x)`, `g(h(x));`: a name in parentheses is written only by what follows them.
          if (label !== ')') {
            addUse(pendingName, pendingStart, pendingEnd, WRITE_AFTER_PAREN.has(label) || (label === 'name' && (token as { value?: unknown }).value === 'of') ? 0 : 1);
            pendingName = undefined;
          }
        } else if (label === ')' && !pendingTypeof) {
          pendingClosed = true;
        } else {
          const use: Use = pendingTypeof || label === '.' ? 2 : READ_AFTER.has(label) ? 1 : 0;
          addUse(pendingName, pendingStart, pendingEnd, use);
          pendingName = undefined;
        }
      }
      // A statement that may end without `;` ends before `}`, a line break or the end.
      const top = stack[stack.length - 1];
      const insideExpression = label === '}' && (top?.kind === '${' || top?.object === true);
      if (prev !== undefined && label !== ';' && !insideExpression && MAY_END.has(prev) && (label === '}' || label === 'eof' || breakBetween(text, prevEnd, token.start))) unterminated++;
      if (label === 'eof') break;
      switch (label) {
        case 'name': {
          const name = token.value as string;
          if (name === 'kill') {
            kills++;
            killAt.push(token.start);
            const body = currentBody();
            if (body < 0) topLevelKill = true;
            else (bodies[body] as Body).directKills++;
          } else if (SPAWNISH_SHAPES.has(name.length * 0x10000 + name.charCodeAt(0)) && SPAWNISH.has(name)) spawnAt.push(token.start);
          const head = prev;
          if (head === 'var' || head === 'const' || head === 'function' || head === 'class' || (head === 'name' && prevValue === 'let')) {
            declaredAt.add(name, token.start, token.end - token.start, token.start);
          }
          if (prev !== '.' && prev !== '?.') {
            pendingName = name;
            pendingStart = token.start;
            pendingEnd = token.end;
            pendingTypeof = prev === 'typeof';
            pendingClosed = false;
          }
          else addUse(name, token.start, token.end, 3);
          break;
        }
        case 'string':
        case 'template':
          if (label === 'string') {
            if (text.charCodeAt(token.start) === 39) singleQuoted++;
            else doubleQuoted++;
            const value = token.value;
            if (typeof value === 'string' && isWord(value)) {
              // obj['proc']: the name's characters stand inside the quotes
              stringUses.add(value, token.start + 1, token.end - token.start - 2, token.start * 4 + 3);
            }
          }
          if (token.value === 'kill') {
            kills++;
            killAt.push(token.start);
            const body = currentBody();
            if (body < 0) topLevelKill = true;
            else (bodies[body] as Body).directKills++;
          }
          break;
        case 'class':
          if (classDepth < 0) classDepth = stack.length;
          break;
        case '(':
          stack.push({ kind: '(', body: -1, control: prev !== undefined && CONTROL.has(prev), classBody: false, callee: prev, before: beforePrev });
          break;
        case '[':
        case '${':
          stack.push({ kind: label, body: -1, control: false, classBody: false, callee: undefined, before: undefined });
          break;
        case '{': {
          const classBody = classDepth === stack.length;
          if (classBody) classDepth = -1;
          let fn = prev === '=>';
          if (!fn && prev === ')' && lastClosedOpener !== undefined && lastClosedEnd === prevEnd) {
            const calleeLabel = lastClosedOpener.callee;
            const before = lastClosedOpener.before;
            if (calleeLabel === 'function') fn = true;
            else if (calleeLabel === '*') fn = before === 'function';
            else if (calleeLabel === 'name' || calleeLabel === 'string' || calleeLabel === 'num' || calleeLabel === ']' || calleeLabel === 'privateId') {
              // function f(...) {, or a method on the same line (elsewhere a call then `{` does not parse).
              fn = before === 'function' || before === '*' || !breakBetween(text, prevEnd, token.start);
            }
          }
          let body = -1;
          if (fn) {
            body = bodies.length;
            bodies.push({ open: token.start, close: -1, parent: currentBody(), kills, directKills: 0, semicolons, semicolonTokens, unterminated });
          }
          const object = body < 0 && !classBody && prev !== undefined && (OBJECT_AFTER.has(prev) || (prev === 'return' && !breakBetween(text, prevEnd, token.start)));
          stack.push({ kind: '{', body, control: false, classBody, object, callee: undefined, before: undefined });
          break;
        }
        case ')':
        case ']':
        case '}': {
          const opener = stack.pop();
          if (opener === undefined) return undefined;
          if (label === ')') {
            lastClosedOpener = opener;
            lastClosedEnd = token.end;
          }
          if (label === '}') lastClosedObject = opener.object === true ? token.end : -1;
          if (opener.body >= 0) {
            const body = bodies[opener.body] as Body;
            body.close = token.end;
            body.kills = kills - body.kills;
            body.semicolons = semicolons - body.semicolons;
            body.semicolonTokens = semicolonTokens - body.semicolonTokens;
            body.unterminated = unterminated - body.unterminated;
          }
          break;
        }
        case ';': {
          if (top?.kind === '(') break; // a for loop's head
          semicolonTokens++;
          const before = prev;
          const closedControl = before === ')' && lastClosedOpener !== undefined && lastClosedEnd === prevEnd && lastClosedOpener.control;
          const afterObject = before === '}' && lastClosedObject === prevEnd;
          if (!(top?.classBody ?? false) && before !== ';' && before !== '{' && (before !== '}' || afterObject) && before !== ':' && before !== 'debugger' && !closedControl) semicolons++;
          break;
        }
        default:
      }
      beforePrev = prev;
      prev = label;
      prevEnd = token.end;
      prevValue = token.value;
    }
  } catch {
    return undefined;
  }
  if (stack.length > 0) return undefined;
  // (A set of its own cost a second hash per identifier.)
  return { bodies, topLevelKill, uses, stringUses, singleQuoted, doubleQuoted, killAt, spawnAt, declaredAt };
}

/** The file's whole-file check: V8 compiles `text` as Node compiles a CommonJS module. */
function compilesAsCommonJs(text: string): boolean {
  try {
    compileFunction(text.replace(/^#![^\r\n\u2028\u2029]*/, (line) => ' '.repeat(line.length)), ['exports', 'require', 'module', '__filename', '__dirname']);
    return true;
  } catch {
    return false;
  }
}

/**
 * The check for a module (Node's vm compiles modules only behind a flag): V8 compiles the text as the
 * body of a strict async function, with the module declarations (checked by espree in the skeleton,
 * where they all stand) turned into plain statements or blanked.
 */
function compilesAsModule(text: string, program: TSESTree.Program): boolean {
  const edits: TextEdit[] = [];
  for (const statement of program.body) {
    const [start, end] = statement.range;
    if (statement.type === 'ImportDeclaration' || statement.type === 'ExportAllDeclaration' || (statement.type === 'ExportNamedDeclaration' && statement.declaration === null)) {
      edits.push({ start, end, text: ' '.repeat(end - start) });
    } else if (statement.type === 'ExportNamedDeclaration' && statement.declaration !== null) {
      edits.push({ start, end: statement.declaration.range[0], text: ' '.repeat(statement.declaration.range[0] - start) });
    } else if (statement.type === 'ExportDefaultDeclaration') {
      edits.push({ start, end: statement.declaration.range[0], text: 'void (' });
      edits.push({ start: statement.declaration.range[1], end: statement.declaration.range[1], text: ')' });
    }
  }
  const body = applyEdits(text.replace(/^#![^\r\n\u2028\u2029]*/, (line) => ' '.repeat(line.length)), edits);
  try {
    new Script(`(async function () {'use strict';\n${body}\n})`);
    return true;
  } catch {
    return false;
  }
}

/**
 * The skeleton: the text with each blanked body's inside left out (`{0;}` or `{}`), and the table that
 * maps its offsets back to the text's. Building it from the kept code alone (about 0.5 MB of a 16 MB
 * bundle) spares espree and eslint-scope a skip over the blanked space on every round, and a 32 MB
 * UTF-16 copy of the text per round when kept code holds a character past latin1.
 */
export interface Skeleton {
  readonly text: string;
  /** Blanked bodies that stand as `0;` (a statement: an empty `{}` could read as an object): the semicolon count less them. */
  readonly stood: number;
  /** Where each `0;` stands in the text. */
  readonly stoodAt: readonly number[];
  /** Segment i starts at `at[i]` in the skeleton and `from[i]` in the text, and runs on in both alike. */
  readonly at: readonly number[];
  readonly from: readonly number[];
}

/**
 * `text` with the inside of each of `ranges` (sorted, disjoint) left out. A body whose first line
 * holds two or more characters stands as `0;`, mapped to where the old same-length blanking put it.
 */
export function buildSkeleton(text: string, ranges: readonly (readonly [number, number])[]): Skeleton {
  const parts: string[] = [];
  const at: number[] = [];
  const from: number[] = [];
  let length = 0;
  const stoodAt: number[] = [];
  let kept = 0;
  const segment = (origin: number, piece: string): void => {
    if (piece.length === 0) return;
    at.push(length);
    from.push(origin);
    parts.push(piece);
    length += piece.length;
  };
  for (const [start, end] of ranges) {
    segment(kept, text.slice(kept, start));
    kept = end;
    let first = start;
    while (first < end && isLineBreak(text.charCodeAt(first))) first++;
    if (first + 1 < end && !isLineBreak(text.charCodeAt(first + 1))) {
      segment(first, '0;');
      stoodAt.push(first);
    }
  }
  segment(kept, text.slice(kept));
  if (at.length === 0) {
    at.push(0);
    from.push(0);
  }
  return { text: parts.join(''), stood: stoodAt.length, stoodAt, at, from };
}

/** A skeleton offset in the text: a start (`end` false) or an end (the offset after its last unit). */
export function toTextOffset(skeleton: Skeleton, offset: number, end = false): number {
  if (end && offset > 0) return toTextOffset(skeleton, offset - 1) + 1;
  const i = lastAtOrBefore(skeleton.at, offset);
  return (skeleton.from[i] as number) + offset - (skeleton.at[i] as number);
}

/** A text offset in kept code in the skeleton: a start or an end. */
export function toSkeletonOffset(skeleton: Skeleton, offset: number, end = false): number {
  if (end && offset > 0) return toSkeletonOffset(skeleton, offset - 1) + 1;
  const i = lastAtOrBefore(skeleton.from, offset);
  return (skeleton.at[i] as number) + offset - (skeleton.from[i] as number);
}

/** Moves every range (and start/end) in the skeleton's tree and its comments to text offsets, in place. */
function toTextRanges(skeleton: Skeleton, program: TSESTree.Program): void {
  const { at, from } = skeleton;
  // The segment of the last offset moved: a node's neighbours in the walk are mostly in the same
  // segment, so most offsets need no binary search (toTextOffset's, for each start and end).
  let segment = 0;
  const textOffset = (offset: number): number => {
    if (offset < (at[segment] as number) || (segment + 1 < at.length && offset >= (at[segment + 1] as number))) segment = lastAtOrBefore(at, offset);
    return (from[segment] as number) + offset - (at[segment] as number);
  };
  const move = (node: { range: [number, number]; start?: number; end?: number }): void => {
    const [start, end] = node.range;
    const textStart = textOffset(start);
    // An end is the offset after its last unit (toTextOffset's `end`).
    const range: [number, number] = [textStart, Math.max(textStart, end > 0 ? textOffset(end - 1) + 1 : textOffset(end))];
    node.range = range;
    if (typeof node.start === 'number') node.start = range[0];
    if (typeof node.end === 'number') node.end = range[1];
  };
  // The children by espree's visitor keys (setParents walked the same); a type they do not know has
  // its every key looked at. A node stands twice only under one parent (acorn's `export { a }` and
  // `import { a }` share the specifier's two names), and is moved once.
  const keys = (nodeRequire('espree') as { VisitorKeys: Readonly<Record<string, readonly string[] | undefined>> }).VisitorKeys;
  const stack: Record<string, unknown>[] = [program as unknown as Record<string, unknown>];
  /** The node's children taken so far (at most a few). */
  const taken: unknown[] = [];
  const isNode = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
  while (stack.length > 0) {
    const node = stack.pop() as Record<string, unknown>;
    if (Array.isArray(node.range)) move(node as unknown as { range: [number, number] });
    const children = keys[node.type as string] ?? Object.keys(node).filter((key) => key !== 'parent' && key !== 'range' && key !== 'loc');
    taken.length = 0;
    for (const key of children) {
      const value = node[key];
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) stack.push(item);
      } else if (isNode(value) && !taken.includes(value)) {
        stack.push(value);
        taken.push(value);
      }
    }
  }
  for (const comment of program.comments ?? []) move(comment as unknown as { range: [number, number] });
}

/** A syntax error's `line:column` in the skeleton, given in the text's lines. */
function errorInText(skeleton: Skeleton, text: string, error: string): string {
  const match = /^(\d+):(\d+) /.exec(error);
  if (match === null) return error;
  let offset = 0;
  for (let line = 1; line < Number(match[1]); line++) {
    const next = skeleton.text.indexOf('\n', offset);
    if (next < 0) return error;
    offset = next + 1;
  }
  // (espree's columns count from 1.)
  const at = toTextOffset(skeleton, offset + Math.max(0, Number(match[2]) - 1));
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `${line}:${at - lineStart + 1} ${error.slice(match[0].length)}`;
}

/** `x` in `x.kill` / `x?.kill`: isChildProcessKill's receiver. */
function isKillReceiver(identifier: TSESTree.Node): boolean {
  const member = outermostWrapper(identifier).parent;
  return member?.type === 'MemberExpression' && unwrapExpression(member.object) === identifier && getPropertyName(member) === 'kill';
}

/** Whether `start..end` overlaps one of `ranges`: merged and sorted once, then a binary search. */
function overlapTest(ranges: readonly (readonly [number, number])[]): (start: number, end: number) => boolean {
  const merged: [number, number][] = [];
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return (start, end) => {
    // The last merged range starting before `end`: it overlaps when it ends after `start`.
    let low = 0;
    let high = merged.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((merged[middle] as [number, number])[0] < end) low = middle + 1;
      else high = middle;
    }
    const candidate = merged[low - 1];
    return candidate !== undefined && start < candidate[1];
  };
}

/**
 * Before the first round, a guess from the tokens alone at what it would keep (each round parses the
 * whole skeleton): the bodies of the declarations the probes' functions name, and the bodies those
 * name in turn, where a declaration (`var`, `let`, `const`, `function`, `class` and the name) stands
 * in a function around the one naming it, or at the top level: the first function body after it
 * there; then the bodies that make a child process and name a member the kept code names. A wrong
 * guess costs only size or a round: the rounds check every region as before.
 */
function guessFirstRound(text: string, goal: 'script' | 'module', scanned: Scan, bodyAt: (at: number) => number, blocked: boolean[], keep: (index: number) => void): void {
  const { bodies, declaredAt } = scanned;
  /** The first body opening after `at`, by binary search. */
  const firstAfter = (at: number): number => {
    let low = 0;
    let high = bodies.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((bodies[middle] as Body).open <= at) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  // Spans of text to read names from, each with the body its names are seen from.
  interface Span {
    readonly start: number;
    readonly end: number;
    readonly from: number;
  }
  const kept: Span[] = [];
  let fresh: Span[] = [];
  for (let index = 0; index < bodies.length; index++) {
    const body = bodies[index] as Body;
    if (body.directKills > 0) fresh.push({ start: body.open, end: body.close, from: index });
  }
  const done = new Set<number>();
  // A bound on the guess's work (a minified bundle declares `e` thousands of times): past it, what is
  // kept so far stays kept and the rounds find the rest.
  let budget = GUESS_BUDGET + text.length / 4;
  for (let depth = 0; fresh.length > 0 && depth < 16 && budget > 0; depth++) {
    const next: Span[] = [];
    for (const span of fresh) {
      if (budget <= 0) break;
      kept.push(span);
      budget -= span.end - span.start;
      const around = new Set<number>([-1]);
      for (let up = span.from; up >= 0; up = (bodies[up] as Body).parent) around.add(up);
      for (const name of namesIn(text, span.start, span.end, goal) ?? []) {
        const declarations = declaredAt.get(name);
        budget -= declarations.length;
        for (const at of declarations) {
          if (done.has(at) || (at >= span.start && at < span.end)) continue;
          const owner = bodyAt(at);
          if (!around.has(owner)) continue;
          done.add(at);
          // The declaration up to the first `;` after the name or after a function it holds (a
          // guess: `x = a ? function () {} : function () {};`), its text and its functions.
          // A function or class declaration: its first body (a class's other methods are the rounds'
          // to find); a variable's: each function after it up to the first `;`, then on while only
          // spaces and operators stand between them on one line (`x = a ? function () {} : function () {};`).
          const single = /\b(?:function|class)\s+$/.test(text.slice(Math.max(0, at - 16), at));
          let from = at;
          let index = firstAfter(at);
          for (let count = 0; ; count++) {
            const semicolon = text.indexOf(';', from);
            let end = Math.min(semicolon < 0 ? text.length : semicolon, from + 4096);
            while (index < bodies.length && (bodies[index] as Body).parent !== owner) index++;
            const declared = bodies[index];
            if (declared !== undefined && count > 0 && (single || /[;\n\r\u2028\u2029]/.test(text.slice(from, declared.open)))) end = from;
            if (declared === undefined || declared.open >= end) {
              next.push({ start: from, end, from: owner });
              break;
            }
            next.push({ start: from, end: declared.open, from: owner }, { start: declared.open, end: declared.close, from: index });
            // With every body inside it, as a round keeps every body a region overlaps.
            for (let inner = index; inner < bodies.length && (bodies[inner] as Body).open < declared.close; inner++) keep(inner);
            from = declared.close;
            index++;
          }
        }
      }
    }
    fresh = next;
  }
  // Child processes bound to a member the kept code names (the rounds' `risky`).
  const properties = new Set<string>();
  for (const { start, end } of kept) {
    for (const match of text.slice(start, end).matchAll(/\.\s*([\w$]+)|['"`]([\w$]+)['"`]/g)) properties.add(match[1] ?? match[2] ?? '');
  }
  for (const at of scanned.spawnAt) {
    const index = bodyAt(at);
    if (index < 0 || (blocked[index] ?? false)) continue;
    // The body a round would leave out: the outermost around `at` not kept.
    let outer = index;
    while ((bodies[outer] as Body).parent >= 0 && !(blocked[(bodies[outer] as Body).parent] ?? false)) outer = (bodies[outer] as Body).parent;
    const { open, close } = bodies[outer] as Body;
    const names = [...properties].some((name) => someMemberUse(scanned, name, (packed) => packed % 4 === 3 && Math.floor(packed / 4) > open && Math.floor(packed / 4) < close));
    if (names) keep(index);
  }
}

/** Whether some use of `name`, as an identifier or a string literal (`obj['proc']`), passes `test`. */
function someMemberUse(scanned: Scan, name: string, test: (packed: number) => boolean): boolean {
  return scanned.uses.get(name).some(test) || scanned.stringUses.get(name).some(test);
}

/** The innermost scope of `scopes` whose block holds `at` (the global scope at least). */
function scopeAround(scopes: readonly Scope[], at: number): Scope | undefined {
  let best: Scope | undefined;
  for (const scope of scopes) {
    const [start, end] = scope.block.range;
    if (start <= at && at < end && (best === undefined || start >= best.block.range[0])) best = scope;
  }
  return best;
}

/** The variable `name` names from `scope` outwards. */
function lookUp(scope: Scope | undefined, name: string): Variable | undefined {
  for (let current: Scope | null | undefined = scope; current !== null && current !== undefined; current = current.upper) {
    const variable = current.set.get(name);
    if (variable !== undefined) return variable;
  }
  return undefined;
}

/** The names `text` says between `start` and `end` (a function body), not as a member; undefined when its tokens do not scan. */
function namesIn(text: string, start: number, end: number, sourceType: 'script' | 'module'): Set<string> | undefined {
  const names = new Set<string>();
  let afterDot = false;
  try {
    for (const token of (acorn as typeof AcornModule).tokenizer(text.slice(start, end), { ecmaVersion: 'latest', sourceType, allowReturnOutsideFunction: true, allowAwaitOutsideFunction: true })) {
      if (token.type.label === 'name' && !afterDot) names.add((token as { value?: unknown }).value as string);
      afterDot = token.type.label === '.' || token.type.label === '?.';
    }
  } catch {
    return undefined;
  }
  return names;
}

function within(range: readonly [number, number], outer: readonly [number, number]): boolean {
  return range[0] >= outer[0] && range[1] <= outer[1];
}

/** parseLargeFile's answer: with how many times it parsed a skeleton (each round parses the whole of it). */
export interface LargeFileParseRounds extends LargeFileParse {
  readonly rounds: number;
}

/** A round's left-out bodies: the outermost with no `kill` that are neither in a probe's function nor kept. */
function roundRanges(bodies: readonly Body[], insideProbeFunction: readonly boolean[], blocked: readonly boolean[]): { ranges: [number, number][]; blankedBodies: Body[] } {
  const covered: boolean[] = bodies.map(() => false);
  const ranges: [number, number][] = [];
  const blankedBodies: Body[] = [];
  for (let i = 0; i < bodies.length; i++) {
    const body = bodies[i] as Body;
    if (body.parent >= 0 && (covered[body.parent] ?? false)) {
      covered[i] = true;
      continue;
    }
    if (body.kills > 0 || (insideProbeFunction[i] ?? false) || (blocked[i] ?? false)) continue;
    covered[i] = true;
    ranges.push([body.open + 1, body.close - 1]);
    blankedBodies.push(body);
  }
  return { ranges, blankedBodies };
}

/**
 * The regions the analysis reads (each probe's function, then the declarations of the outer names they
 * use, and theirs), the variables they name from outside themselves, and those isChildProcess may ask about.
 */
function readRegions(source: AnalysisSource, manager: NonNullable<AnalysisSource['scopeManager']>, text: string, scanned: Scan): { regions: [number, number][]; relevant: Set<Variable>; seen: Set<Variable>; questioned: Set<Variable> } {
  const { bodies } = scanned;
  // The regions the analysis reads: each probe's function, then the declarations of the outer names they use.
  const regions: [number, number][] = [];
  if (scanned.topLevelKill) regions.push([0, text.length]);
  for (const body of bodies) if (body.directKills > 0) regions.push([body.open, body.close]);
  const relevant = new Set<Variable>();
  const seen = new Set<Variable>();
  // The variables isChildProcess may ask about (`x` of `x.kill(...)`, then the names its initializer
  // and assignments are): the analysis reads their writes (`x = spawn()`) all over the file.
  const questioned = new Set<Variable>();
  const questionChild = (variable: Variable): void => {
    if (questioned.has(variable)) return;
    questioned.add(variable);
    const follow = (node: TSESTree.Node): void => {
      const value = unwrapExpression(node);
      if (value.type !== 'Identifier') return;
      const next = findVariable(source, value);
      if (next !== undefined) questionChild(next as Variable);
    };
    for (const def of variable.defs) if (def.node.type === 'VariableDeclarator' && isPresent(def.node.init)) follow(def.node.init);
    for (const reference of variable.references) if (isPresent(reference.writeExpr)) follow(reference.writeExpr);
  };
  // Every reference, in text order: each region reads its own by binary search (a scan of all of
  // them per region cost 0.1-0.4 s a round on aws-cdk's bundle).
  const references = (manager.scopes as Scope[]).flatMap((scope) => scope.references).sort((a, b) => a.identifier.range[0] - b.identifier.range[0]);
  // (An array's iterator also visits what is pushed while it runs: the declarations' regions.)
  for (const region of regions) {
    let first = 0;
    for (let high = references.length; first < high; ) {
      const middle = (first + high) >> 1;
      if ((references[middle] as (typeof references)[number]).identifier.range[0] < region[0]) first = middle + 1;
      else high = middle;
    }
    for (let r = first; r < references.length; r++) {
      const reference = references[r] as (typeof references)[number];
      if (reference.identifier.range[0] >= region[1]) break;
      if (!within(reference.identifier.range, region)) continue;
      const variable = reference.resolved;
      // A global (`process`, `require`, `globalThis`): its uses in a blanked body, reads or writes,
      // are followed only up their own expression (find-process-kill-calls.ts), so they add a
      // site only through a `kill`, which keeps the body; CommonJS' names are checked below.
      if (variable === null) continue;
      if (isKillReceiver(reference.identifier)) questionChild(variable);
      if (within(variable.scope.block.range, region)) continue;
      relevant.add(variable);
      if (seen.has(variable)) continue;
      seen.add(variable);
      for (const def of variable.defs) {
        if (def.type === 'Variable' || def.type === 'FunctionName' || def.type === 'ClassName') regions.push([...def.node.range]);
      }
    }
  }
  return { regions, relevant, seen, questioned };
}

/**
 * Keeps every body a region overlaps, not only the outermost left out (else each round uncovered one more
 * level of functions nested in a declaration: aws-cdk's `__importStar`, four rounds), and guesses the next
 * round's regions now, so that it is likely the last: the declarations of the outer names each newly kept
 * body says (from its tokens), looked up from the scope around it, and the bodies they overlap, until
 * none is new. The next round checks the guess.
 */
function keepRegionsAndGuess(
  text: string,
  goal: 'script' | 'module',
  bodies: readonly Body[],
  manager: NonNullable<AnalysisSource['scopeManager']>,
  inRegions: (start: number, end: number) => boolean,
  seen: ReadonlySet<Variable>,
  blocked: readonly boolean[],
  keep: (index: number) => void,
): void {
  let fresh: number[] = [];
  for (let i = 0; i < bodies.length; i++) {
    const body = bodies[i] as Body;
    if (!inRegions(body.open, body.close)) continue;
    if (!(blocked[i] ?? false)) fresh.push(i);
    keep(i);
  }
  const guessed = new Set<Variable>(seen);
  let budget = GUESS_BUDGET + text.length / 4; // as guessFirstRound's
  for (let depth = 0; fresh.length > 0 && depth < 16 && budget > 0; depth++) {
    const declared: [number, number][] = [];
    const freshSet = new Set(fresh);
    for (const index of fresh) {
      const body = bodies[index] as Body;
      if (body.parent >= 0 && freshSet.has(body.parent)) continue; // its tokens are the parent's
      budget -= manager.scopes.length + body.close - body.open;
      if (budget <= 0) break;
      const around = scopeAround(manager.scopes as Scope[], body.open);
      for (const name of namesIn(text, body.open, body.close, goal) ?? []) {
        const variable = lookUp(around, name);
        if (variable === undefined || guessed.has(variable)) continue;
        guessed.add(variable);
        for (const def of variable.defs) {
          if (def.type === 'Variable' || def.type === 'FunctionName' || def.type === 'ClassName') declared.push([...def.node.range]);
        }
      }
    }
    const inDeclared = overlapTest(declared);
    fresh = [];
    for (let i = 0; i < bodies.length && declared.length > 0; i++) {
      const body = bodies[i] as Body;
      if ((blocked[i] ?? false) || !inDeclared(body.open, body.close)) continue;
      fresh.push(i);
      keep(i);
    }
  }
}

/**
 * Whether the left-out bodies use the regions' outer variables only as the analysis may miss: any may be
 * read (an alias of `kill` not even that) and written unless it is an alias of `process`, `kill` or
 * `platform`, or what a kept `x.kill(...)` could be a child process through.
 */
function leftOutUsesAreSafe(text: string, scanned: Scan, relevant: ReadonlySet<Variable>, questioned: ReadonlySet<Variable>, blankedAt: (at: number) => boolean): boolean {
  /** Uses up to `worst` (0: may write, 1: also reads) of `name` in `scope` inside a blanked body. */
  const unsafe = (name: string, scope: readonly [number, number], worst: Use): boolean =>
    scanned.uses.get(name).some((packed) => {
      const at = Math.floor(packed / 4);
      return packed % 4 <= worst && at >= scope[0] && at < scope[1] && blankedAt(at);
    });
  for (const variable of relevant) {
    const scopeRange = variable.scope.type === 'global' ? ([0, text.length] as const) : variable.scope.block.range;
    // A read is followed further only from an alias of `kill` (`const k = process.kill`: `const j = k`,
    // `k(p, 0)`), whose declaration says `kill`; a read of any other name (`p3.catch(noop)`) adds no site.
    // (The declaration's text: `require('node:process')`, an import's whole statement; and `q = p`,
    // which may be an alias of one.)
    const aliasOfProcess = variable.defs.some(
      (def) => /process|platform/.test(text.slice(...declaredBy(def))) || (def.node.type === 'VariableDeclarator' && isPresent(def.node.init) && unwrapExpression(def.node.init).type === 'Identifier'),
    );
    const saysKill = (range: readonly [number, number]): boolean => scanned.killAt.some((at) => at >= range[0] && at < range[1]);
    // (Assigned one too, `probe = process.kill.bind(process)`, though the analysis follows declarations only.)
    const aliasOfKill = variable.defs.some((def) => saysKill(declaredBy(def))) || variable.references.some((reference) => isPresent(reference.writeExpr) && saysKill(reference.writeExpr.range));
    // A write counts for an alias of `process` or its `platform` (isNeverReassigned) and for what
    // isChildProcess asks about; a write of any other name (`_done = value`) adds no site.
    const writesCount = aliasOfKill || aliasOfProcess || questioned.has(variable);
    if (writesCount && unsafe(variable.name, scopeRange, aliasOfKill ? 1 : 0)) return false;
  }
  return true;
}

/**
 * The file's statements with and without `;`, as far as the house style needs them: the skeleton's
 * counts (each `0;` taken out) bounded by the left-out bodies' from their tokens; undefined when the
 * bounds cannot tell which is more.
 */
function semicolonCounts(facts: ReturnType<typeof fileFacts>, skeleton: Skeleton, text: string, blankedBodies: readonly Body[]): { withSemicolon: number; withoutSemicolon: number } | undefined {
  const stoodWith = skeleton.stoodAt.filter((at) => text.charCodeAt(at + 1) === 59).length;
  const skeletonWith = facts.withSemicolon - stoodWith;
  const skeletonWithout = facts.withoutSemicolon - (skeleton.stood - stoodWith);
  let lowerWith = skeletonWith;
  let upperWith = skeletonWith;
  let upperWithout = skeletonWithout;
  for (const body of blankedBodies) {
    lowerWith += body.semicolons;
    upperWith += body.semicolonTokens;
    upperWithout += body.unterminated;
  }
  if (lowerWith >= upperWithout) return { withSemicolon: lowerWith, withoutSemicolon: upperWithout };
  if (upperWith < skeletonWithout) return { withSemicolon: upperWith, withoutSemicolon: skeletonWithout };
  return undefined;
}

/**
 * `text` (JavaScript, no BOM) parsed with its probe-free function bodies left out, with the whole-file
 * facts of the full text; undefined when the tokens cannot prove the analysis would be the same.
 * `always`: take the path whatever the gain (the differential test).
 */
export function parseLargeFile(fileName: string, text: string, moduleType: 'module' | 'commonjs' | undefined, always = false): LargeFileParseRounds | undefined {
  // Scripts only (what V8 can check without a flag), JavaScript without JSX (killTokens gives up on it).
  if (!/\.[cm]?js$/i.test(fileName)) return undefined;
  const goal = /\.mjs$/i.test(fileName) || (moduleType === 'module' && !/\.cjs$/i.test(fileName)) ? 'module' : 'script';
  // (With every string `kill`: acorn reports `__name(kill, "kill")`'s string too.)
  const killTokensFound = killTokensWithStrings(text);
  if (killTokensFound === undefined) return undefined;
  const scanned = scan(text, goal);
  if (scanned === undefined) return undefined;
  // Both scans must agree on where `kill` stands in code (acorn also counts template text).
  const expected = new Set(killTokensFound.map((token) => token.index));
  if (scanned.killAt.some((at) => !expected.has(at) && text.charCodeAt(at) !== 96 && text.charCodeAt(at - 1) !== 96)) return undefined;
  let compiles: boolean | undefined;
  const { bodies } = scanned;
  // Bodies inside a function holding a `kill` stay whole (the catch, its callbacks, its comments).
  const insideProbeFunction: boolean[] = bodies.map(() => false);
  for (let i = 0; i < bodies.length; i++) {
    const parent = (bodies[i] as Body).parent;
    insideProbeFunction[i] = scanned.topLevelKill || (parent >= 0 && ((bodies[parent] as Body).directKills > 0 || (insideProbeFunction[parent] ?? false)));
  }
  // Bodies to keep whole, and with them every body around them.
  const blocked: boolean[] = bodies.map(() => false);
  const keep = (index: number): void => {
    for (let i = index; i >= 0 && !(blocked[i] ?? false); i = (bodies[i] as Body).parent) blocked[i] = true;
  };
  /** The innermost body holding `at`, or -1. */
  const bodyAt = (at: number): number => {
    let low = 0;
    let high = bodies.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if ((bodies[middle] as Body).open <= at) low = middle + 1;
      else high = middle - 1;
    }
    let index = high;
    while (index >= 0 && (bodies[index] as Body).close <= at) index = (bodies[index] as Body).parent;
    return index;
  };
  if (!scanned.topLevelKill) guessFirstRound(text, goal, scanned, bodyAt, blocked, keep);
  for (let round = 0; round < 8; round++) {
    const { ranges, blankedBodies } = roundRanges(bodies, insideProbeFunction, blocked);
    if (ranges.length === 0 && !always) return undefined;
    const skeleton = buildSkeleton(text, ranges);
    const parsed = parseJavaScript(fileName, skeleton.text, moduleType);
    if (parsed === undefined) return undefined;
    const { source, sourceType } = parsed;
    // Every range the analysis, the rewrite and the checks below read is the text's.
    toTextRanges(skeleton, source.ast as TSESTree.Program);
    // A script's own compile check waits: with edits, the output's compile covers the left-out bodies
    // (the same text in the same place), so it runs only when there are none (inputCompiles).
    if (sourceType === 'module') {
      compiles ??= compilesAsModule(text, source.ast as TSESTree.Program);
      if (!compiles) return undefined;
    }
    const manager = source.scopeManager;
    if (manager === undefined || manager === null) return undefined;
    const { regions, relevant, seen, questioned } = readRegions(source, manager, text, scanned);
    const inRegions = overlapTest(regions);
    // A blanked body inside a region: keep it and try again.
    const inRegion = blankedBodies.filter((body) => inRegions(body.open, body.close));
    // A blanked body may name those variables only to read a member or in `typeof`.
    const blankedAt = (at: number): boolean => {
      let low = 0;
      let high = ranges.length - 1;
      while (low <= high) {
        const middle = (low + high) >> 1;
        const [start, end] = ranges[middle] as [number, number];
        if (at < start) high = middle - 1;
        else if (at >= end) low = middle + 1;
        else return true;
      }
      return false;
    };
    // A blanked body that makes a child process and names a property the probes' regions name could
    // bind that member to a child process (fileFacts' childMembers): keep it, and try again.
    const properties = new Set<string>();
    for (const [start, end] of regions) {
      for (const match of text.slice(start, end).matchAll(/\.\s*([\w$]+)|['"`]([\w$]+)['"`]/g)) properties.add(match[1] ?? match[2] ?? '');
    }
    const binding = scanned.spawnAt.filter((at) => blankedAt(at));
    const blankedIndex = (at: number): number => ranges.findIndex(([start, end]) => at >= start && at < end);
    const risky = binding.filter((at) => {
      const range = ranges[blankedIndex(at)] as [number, number];
      return [...properties].some((name) => someMemberUse(scanned, name, (packed) => packed % 4 === 3 && Math.floor(packed / 4) >= range[0] && Math.floor(packed / 4) < range[1]));
    });
    // Both kinds kept in one go: each round parses the whole skeleton again.
    if (inRegion.length > 0 || risky.length > 0) {
      if (inRegion.length > 0) keepRegionsAndGuess(text, goal, bodies, manager, inRegions, seen, blocked, keep);
      for (const at of risky) keep(bodyAt(at));
      continue;
    }
    // Whether the file is CommonJS reads its free `require`, `module`, `__dirname`... (plan-import.ts):
    // when the skeleton says no, a blanked body must not name one.
    if (!usesRequire({ ...source, text }, fileName, moduleType) && COMMONJS_NAMES.some((name) => scanned.uses.get(name).some((packed) => packed % 4 < 3 && blankedAt(Math.floor(packed / 4))))) return undefined;
    if (!leftOutUsesAreSafe(text, scanned, relevant, questioned, blankedAt)) return undefined;
    // The whole-file facts: the skeleton's, plus the blanked bodies' from their tokens. Read from the
    // text at the tree's ranges (once, in the last round), where each `0;` reads what the text holds
    // there: it is counted as that says, then taken out.
    const facts = fileFacts({ ...source, text });
    const semicolons = semicolonCounts(facts, skeleton, text, blankedBodies);
    if (semicolons === undefined) return undefined;
    const names = { has: (name: string): boolean => facts.names.has(name) || scanned.uses.has(name) };
    provideFileFacts(source.ast as TSESTree.Program, { ...facts, ...semicolons, names, singleQuoted: scanned.singleQuoted, doubleQuoted: scanned.doubleQuoted });
    // (Made outside this scope: its closure would keep the token scan and every round's data alive
    // through the rewrite and its checks.)
    return {
      source: { ...source, text },
      check: outputCheck(fileName, moduleType, sourceType, text, ranges, skeleton),
      inputCompiles: sourceType === 'script' ? () => compilesAsCommonJs(text) : undefined,
      blanked: ranges.length,
      rounds: round + 1,
    };
  }
  return undefined;
}

/**
 * The text that gives a definition its value: a parameter's own pattern with its default, a catch's
 * parameter, a function's or class's name, an import's statement, else the declarator. (A parameter's
 * `def.node` is its whole function: a webpack module function that says `kill` somewhere made each of
 * its parameters, `__webpack_require__` among them, look like an alias of `kill`: yarn's bundle.)
 */
function declaredBy(def: Variable['defs'][number]): readonly [number, number] {
  switch (def.type) {
    case 'ImportBinding':
      return def.parent.range;
    case 'Parameter': {
      const { node } = def;
      const params: readonly TSESTree.Node[] = 'params' in node ? node.params : [];
      const own = params.find((param) => param.range[0] <= def.name.range[0] && def.name.range[1] <= param.range[1]);
      return own === undefined ? node.range : own.range;
    }
    case 'CatchClause':
      return def.node.param?.range ?? def.node.range;
    case 'FunctionName':
    case 'ClassName':
      return def.name.range;
    default:
      return def.node.range;
  }
}

/** The check on the rewritten text of a skeleton's parse: `false` when an edit reaches into a left-out body. */
function outputCheck(fileName: string, moduleType: 'module' | 'commonjs' | undefined, sourceType: 'script' | 'module', text: string, ranges: readonly (readonly [number, number])[], skeleton: Skeleton): LargeFileParse['check'] {
  return (edits, output) => {
    // Edits stay in the kept text; the skeleton of the output is checked by espree, the whole by V8.
    if (edits.some((edit) => ranges.some(([start, end]) => edit.start < end && start < edit.end))) return false;
    const shifted = applyEdits(
      skeleton.text,
      edits.map((edit) => ({ start: toSkeletonOffset(skeleton, edit.start), end: Math.max(toSkeletonOffset(skeleton, edit.start), toSkeletonOffset(skeleton, edit.end, true)), text: edit.text })),
    );
    const error = hasSyntaxErrors(fileName, shifted, moduleType, 'espree');
    // (A script whose input does not compile either: the full parse names the input's error.)
    if (error !== undefined) return sourceType === 'script' && !compilesAsCommonJs(text) ? false : errorInText(skeleton, text, error);
    // A module's blanked bodies were checked with the input; edits never reach into them.
    return sourceType === 'module' || compilesAsCommonJs(output) ? undefined : false;
  };
}

/** The large-file path as the CLI hands it to transformSourceWith: JavaScript of LARGE_FILE or more. */
export const LARGE_FILE_PATH: LargeFilePath = { from: LARGE_FILE, parse: parseLargeFile };
