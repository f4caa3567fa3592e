// A text test that runs before any parsing: a file whose every `kill` is plainly not a probe is never
// parsed. A token scan (kill-tokens.ts) drops the `kill`s of comments, strings and template text;
// the pattern below drops code that cannot be a probe for the engine either (a call with a string, a
// non-zero number or a member as its signal, one argument other than 0, comparisons). It never hides
// a site (test/codemod/pre-filter.test.ts runs the whole fixture corpus through it); anything unusual
// keeps the file. (Capture groups are numbered across the whole pattern: \1 in ONE_ARGUMENT, \2 in NOT_ZERO.)
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

export function mayHoldProbe(text: string): boolean {
  if (!text.includes('kill')) return false;
  const tokens = killTokens(text);
  if (tokens === undefined) {
    KILL.lastIndex = 0;
    for (let match = KILL.exec(text); match !== null; match = KILL.exec(text)) {
      if (!TEXT_NOT_A_PROBE.test(text.slice(match.index, match.index + 240))) return true;
    }
    return false;
  }
  return tokens.some((token) => token.string || !CODE_NOT_A_PROBE.test(text.slice(token.index, token.index + 240)));
}
