// A text test that runs before any parsing: a file whose every `kill` is plainly not a probe is never
// parsed. The patterns below drop prose and code that cannot be a probe for the engine either (a call
// with a string, a non-zero number or a member as its signal, one argument other than 0, comparisons);
// a token scan (kill-tokens.ts) then drops the `kill`s left in comments, strings and template text.
// It never hides a site (test/codemod/pre-filter.test.ts runs the fixture corpus through it); anything
// unusual keeps the file. (Capture groups are numbered across the whole pattern: \1 in ONE_ARGUMENT,
// \2 in NOT_ZERO, \3 in its second use.)
import { killTokens } from './kill-tokens.js';

const ARGUMENT = String.raw`(?:[^,()'"\x60]|\([^()]*\))*`;
/** A first argument with no bracket or brace, so that the comma after it is the call's: `kill([a, b.c, d], 0)` is one array. */
const FIRST_ARGUMENT = String.raw`(?:[^,()'"\x60[\]{}]|\([^()]*\))*`;
const NOT_ZERO = String.raw`(?:(['"])[A-Za-z0-9]*\2|[1-9][0-9]*|[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*)+)`;
const ONE_ARGUMENT = String.raw`(?:(['"])[A-Za-z0-9]*\1|[1-9][0-9]*|[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*)*|\.\.\.[\w$.]+)`;
/** A function expression or arrow function starts. */
const FUNCTION_VALUE = String.raw`(?:(?:async\s+)?function\b|(?:async\s*)?(?:\([^()]*\)|[A-Za-z_$][\w$]*)\s*=>)`;
const CALL_NOT_A_PROBE = String.raw`^kill(?:` +
  String.raw`\s*\(\s*\)` + // kill()
  String.raw`|\s*\(\s*${ONE_ARGUMENT}\s*\)` + // child.kill('SIGTERM'), kill(signal)
  String.raw`|\s*\(${ARGUMENT},\s*${NOT_ZERO}\s*\)` + // process.kill(pid, 'SIGTERM' | 9 | os.constants.signals.SIGINT)
  // The signal is the second argument whatever follows it (find-probes.ts): kill(child, config.signal, done), run.kill(true, function () {})
  String.raw`|\s*\(${FIRST_ARGUMENT},\s*(?:${NOT_ZERO.replace('\\2', '\\3')}\s*,|${FUNCTION_VALUE})` +
  String.raw`|\s*[!=]==?(?!=)` + // typeof process.kill === 'function'
  String.raw`|\s*&&(?!=)` + // child.kill && child.kill(): a test, whose value is never process.kill
  // An assignment or a declaration of something named kill: each later use of it says kill again.
  String.raw`|\s*=(?![=>])`; // Monitor.prototype.kill = function, const kill = await start()
const CODE_NOT_A_PROBE = new RegExp(`${CALL_NOT_A_PROBE})`);
/** Where the token scan gives up, `kill` may also stand in prose (comments and strings). */
// A quoted `kill` is code only as a member or import name, as kill-tokens.ts reads it: `x['kill']`, `'kill' as k`.
const TEXT_NOT_A_PROBE = new RegExp(`${CALL_NOT_A_PROBE}|[ \\t]+(?!as\\b|of\\b|in\\b|instanceof\\b|satisfies\\b)[A-Za-z]|['"](?!\\s*(?:\\]|\\/|as\\b)))`);
const KILL = /(?<![\w$])kill(?![\w$])/g;
/** `kill: function`, `kill: () =>`: a key whose value is a function, where `kill` follows `{`, `,` or `;` (not `a ? x.kill : () => {}`). */
const FUNCTION_KEY = new RegExp(String.raw`^kill\s*:\s*(?:${FUNCTION_VALUE})`);
/** `kill(pid, signal)`: a probe only where `signal` is a `const` bound to 0 (is-signal-zero.ts). */
const NAMED_SIGNAL = new RegExp(String.raw`^kill\s*\((?:${ARGUMENT},\s*([A-Za-z_$][\w$]*)\s*\)|${FIRST_ARGUMENT},\s*([A-Za-z_$][\w$]*)\s*,)`);
/** `function kill(`: a declaration, whose calls say kill again. */
const DECLARED_FUNCTION = /(?<![\w$.])function[ \t]+$/;

/**
 * Whether `text` may declare `name` as `const name = ...`: some `name` followed by `=` (or a type
 * annotation or a comment) right after `const` or `,`. Comments before it keep the answer yes: a `/`
 * (a block comment's end) does, and so does a line holding `//` before the line break crossed.
 */
function mayBindConst(text: string, name: string): boolean {
  for (const match of text.matchAll(new RegExp(String.raw`(?<![\w$.])${name.replace(/\$/g, '\\$')}\s*[=:!/]`, 'g'))) {
    let at = match.index - 1;
    for (; at >= 0 && /\s/.test(text.charAt(at)); at--) {
      if (!/[\n\r\u2028\u2029]/.test(text.charAt(at))) continue;
      const line = text.slice(Math.max(text.lastIndexOf('\n', at - 1), text.lastIndexOf('\r', at - 1)) + 1, at);
      if (line.includes('//')) return true;
    }
    const before = text.charAt(at);
    if (before === ',' || before === '/') return true;
    if (at >= 4 && text.slice(at - 4, at + 1) === 'const' && !/[\w$]/.test(text.charAt(at - 5))) return true;
  }
  return false;
}

/**
 * Whether the `kill` at the start of `slice` is called with a plain name as its signal that `text`
 * never declares a constant. An escaped name (`\u0053IG`) could spell it otherwise: such a text keeps it.
 */
function signalNeverConst(text: string, slice: string): boolean {
  const named = NAMED_SIGNAL.exec(slice);
  const name = named?.[1] ?? named?.[2];
  return name !== undefined && !text.includes('\\u') && !mayBindConst(text, name);
}

/** Whether the `kill` at `index` is plainly no probe by what follows it, beyond `pattern`. */
function plainlyNotAProbe(text: string, index: number, pattern: RegExp): boolean {
  const slice = text.slice(index, index + 240);
  if (pattern.test(slice) || signalNeverConst(text, slice)) return true;
  if (DECLARED_FUNCTION.test(text.slice(Math.max(0, index - 16), index))) return true;
  if (!FUNCTION_KEY.test(slice)) return false;
  let before = index - 1;
  while (before >= 0 && /\s/.test(text.charAt(before))) before--;
  return before >= 0 && '{,;'.includes(text.charAt(before));
}

/** Whether some `kill` in the text survives the text tests; the cheap first pass over a file. */
function someKillSurvives(text: string): boolean {
  KILL.lastIndex = 0;
  for (let match = KILL.exec(text); match !== null; match = KILL.exec(text)) {
    if (!plainlyNotAProbe(text, match.index, TEXT_NOT_A_PROBE)) return true;
  }
  return false;
}

export function mayHoldProbe(text: string): boolean {
  // The text tests first: they look only at each `kill` and settle most files (large bundles among
  // them) without reading the rest; the token scan reads the whole file, only for those they keep.
  if (!text.includes('kill') || !someKillSurvives(text)) return false;
  const tokens = killTokens(text);
  return tokens === undefined || tokens.some((token) => token.string || !plainlyNotAProbe(text, token.index, CODE_NOT_A_PROBE));
}
