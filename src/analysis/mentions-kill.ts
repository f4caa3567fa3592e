import type { AnalysisSource } from './source.js';

// The last file asked about, keyed by its text, not its tree: oxlint builds a file's tree for JS
// plugins only when it is first read, so reading `ast` here would build it for every file linted.
let lastText: string | undefined;
let lastFound = false;

/** A character of `\w` (what `\b` in a regular expression tells from the rest). */
function isWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
}

/**
 * The index of the next `kill` at or after `from` that is a whole word (as `/\bkill\b/` would match:
 * `skill`, `killed` or `killSignal` cannot be the property a finder starts from), or -1. `indexOf`
 * rather than a regular expression: most files never say `kill`, and for them this is one memchr-fast
 * scan, the whole of the plugin's work.
 */
export function nextKillWord(text: string, from = 0): number {
  for (let at = text.indexOf('kill', from); at !== -1; at = text.indexOf('kill', at + 4)) {
    if ((at === 0 || !isWordCode(text.charCodeAt(at - 1))) && !isWordCode(text.charCodeAt(at + 4))) return at;
  }
  return -1;
}

/**
 * Whether the file's text says `kill` (a whole word) anywhere. Every finder of the analysis starts
 * from a `kill` the text spells out (`process.kill`, `{ kill } = process`, `x.kill(...)`), so a file without one has
 * nothing to find; most files stop here. One scan per file, whichever rule or finder asks first (the
 * rules ask one after the other about the same file, with the same string).
 */
export function mentionsKill(source: Pick<AnalysisSource, 'text'>): boolean {
  const { text } = source;
  if (text !== lastText) {
    lastText = text;
    lastFound = nextKillWord(text) !== -1;
  }
  return lastFound;
}
