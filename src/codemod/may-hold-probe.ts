// A text test that runs before any parsing: a file whose every `kill` is plainly not a probe is never
// parsed. The patterns below drop prose and code that cannot be a probe for the engine either (a call
// with a string, a non-zero number or a member as its signal, one argument other than 0, comparisons);
// a token scan (kill-tokens.ts) then drops the `kill`s left in comments, strings and template text.
// It never hides a site (test/codemod/pre-filter.test.ts runs the fixture corpus through it); anything
// unusual keeps the file. (Capture groups are numbered across the whole pattern: \1 in ONE_ARGUMENT,
// \2 in NOT_ZERO.)
import { killTokens } from './kill-tokens.js';

const ARGUMENT = String.raw`(?:[^,()'"\x60]|\([^()]*\))*`;
const NOT_ZERO = String.raw`(?:(['"])[A-Za-z0-9]*\2|[1-9][0-9]*|[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*)+)`;
const ONE_ARGUMENT = String.raw`(?:(['"])[A-Za-z0-9]*\1|[1-9][0-9]*|[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*)*|\.\.\.[\w$.]+)`;
const CALL_NOT_A_PROBE = String.raw`^kill(?:` +
  String.raw`\s*\(\s*\)` + // kill()
  String.raw`|\s*\(\s*${ONE_ARGUMENT}\s*\)` + // child.kill('SIGTERM'), kill(signal)
  String.raw`|\s*\(${ARGUMENT},\s*${NOT_ZERO}\s*\)` + // process.kill(pid, 'SIGTERM' | 9 | os.constants.signals.SIGINT)
  String.raw`|\s*[!=]==?(?!=)`; // typeof process.kill === 'function'
const CODE_NOT_A_PROBE = new RegExp(`${CALL_NOT_A_PROBE})`);
/** Where the token scan gives up, `kill` may also stand in prose (comments and strings). */
const TEXT_NOT_A_PROBE = new RegExp(`${CALL_NOT_A_PROBE}|[ \\t]+(?!as\\b|of\\b|in\\b|instanceof\\b|satisfies\\b)[A-Za-z])`);
const KILL = /(?<![\w$])kill(?![\w$])/g;

/** Whether some `kill` in the text survives the text tests; the cheap first pass over a file. */
function someKillSurvives(text: string): boolean {
  KILL.lastIndex = 0;
  for (let match = KILL.exec(text); match !== null; match = KILL.exec(text)) {
    if (!TEXT_NOT_A_PROBE.test(text.slice(match.index, match.index + 240))) return true;
  }
  return false;
}

export function mayHoldProbe(text: string): boolean {
  // The text tests first: they look only at each `kill` and settle most files (large bundles among
  // them) without reading the rest; the token scan reads the whole file, only for those they keep.
  if (!text.includes('kill') || !someKillSurvives(text)) return false;
  const tokens = killTokens(text);
  return tokens === undefined || tokens.some((token) => token.string || !CODE_NOT_A_PROBE.test(text.slice(token.index, token.index + 240)));
}
