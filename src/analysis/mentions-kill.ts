import type { AnalysisSource } from './source.js';

// The last file asked about, keyed by its text, not its tree: oxlint builds a file's tree for JS
// plugins only when it is first read, so reading `ast` here would build it for every file linted.
let lastText: string | undefined;
/** `kill` as a whole word: `skill`, `killed` or `killSignal` cannot be the property a finder starts from. */
const KILL_WORD = /\bkill\b/;
let lastFound = false;

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
    lastFound = KILL_WORD.test(text);
  }
  return lastFound;
}
