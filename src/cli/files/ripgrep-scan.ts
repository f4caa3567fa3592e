// The native pre-scan: which listed files say `kill`, answered by ripgrep (@vscode/ripgrep's binary, in a
// per-platform optional package) on every core, instead of opening and reading each file on this
// thread. It looks for `kill` as a word, as mayHoldProbe's first test does (`skill`, `killed` and
// `$kill` never make a file a candidate), byte-wise so that any encoding is searched as the reader does. It only narrows what read-candidate.ts reads: the listing (and so every left-out count) is
// the listing's, and a candidate is still read and tested in JavaScript. When the binary is absent
// (--omit=optional, an unsupported platform), or ripgrep cannot read a file of a batch, the batch is
// answered by readIfMentionsKill, which reports what it cannot read.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { nodeRequire } from '../../internal/node-require.js';

/** HERMES_CODEMOD_RIPGREP=0 turns the pre-scan off (the JavaScript reader answers every file): for tests and measurements. */
export function ripgrepDisabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.HERMES_CODEMOD_RIPGREP === '0';
}

let found: string | null | undefined;

/** The ripgrep binary @vscode/ripgrep ships for this platform, or undefined when it is not installed. */
export function ripgrepBinary(): string | undefined {
  if (found === undefined) {
    found = null;
    try {
      // Resolved, not imported: @vscode/ripgrep's entry throws when the platform package is missing.
      const entry = nodeRequire.resolve('@vscode/ripgrep');
      const exe = process.platform === 'win32' ? 'rg.exe' : 'rg';
      found = createRequire(entry).resolve(`@vscode/ripgrep-${process.platform}-${process.arch}/bin/${exe}`);
    } catch {
      found = null;
    }
  }
  return found ?? undefined;
}

/**
 * may-hold-probe.ts's `(?<![\w$])kill(?![\w$])`: ASCII word characters, matched on bytes ((?-u)), so
 * that a Latin-1 byte next to `kill` is a boundary as it is in the decoded text; `^`/`$` are line ends.
 */
const KILL_WORD = '(?-u)(?:^|[^A-Za-z0-9_$])kill(?:[^A-Za-z0-9_$]|$)';

/** Bytes of paths per ripgrep run: well under the command-line limit (32 KB on Windows). */
const BATCH_BYTES = process.platform === 'win32' ? 24_000 : 256_000;
/** Below this, starting ripgrep costs more than reading the files here. */
export const MIN_FILES = 64;

/**
 * The files of `files` (absolute paths) that say `kill` as a word (UTF-16 decoded from its BOM, as the
 * reader decodes it), in batches; `undefined` for a batch ripgrep could not answer wholly (a file it could not read,
 * a failed start): the caller reads that batch itself. Never hides a file: it only says which to read.
 */
export function filesMentioningKill(files: readonly string[], binary: string): { matched: Set<string>; unanswered: Set<string> } {
  const matched = new Set<string>();
  const unanswered = new Set<string>();
  let batch: string[] = [];
  let bytes = 0;
  const run = (): void => {
    if (batch.length === 0) return;
    // --text: a NUL byte does not end the search (the reader looks at every byte); --no-config: no
    // user's RIPGREP_CONFIG_PATH; --no-ignore --hidden: explicit paths, searched as given.
    const child = spawnSync(binary, ['--files-with-matches', '--text', '--null', '--no-config', '--no-ignore', '--hidden', '--no-messages', '--regexp', KILL_WORD, '--', ...batch], {
      maxBuffer: 1 << 30,
      stdio: ['ignore', 'pipe', 'ignore'],
      windowsHide: true,
    });
    // 0: some matched, 1: none; 2 (or a failed start): an error somewhere in the batch.
    if (child.error !== undefined || (child.status !== 0 && child.status !== 1)) {
      for (const file of batch) unanswered.add(file);
    } else {
      for (const file of child.stdout.toString('utf8').split('\0')) if (file !== '') matched.add(file);
    }
    batch = [];
    bytes = 0;
  };
  for (const file of files) {
    batch.push(file);
    bytes += Buffer.byteLength(file) + 1;
    if (bytes >= BATCH_BYTES) run();
  }
  run();
  return { matched, unanswered };
}
