// The native pre-scan: which listed files say `kill`, answered by ripgrep (@vscode/ripgrep's binary, in a
// per-platform optional package) on every core, instead of opening and reading each file on this
// thread. It looks for `kill` as a word, as mayHoldProbe's first test does (`skill`, `killed` and
// `$kill` never make a file a candidate), byte-wise so that any encoding is searched as the reader does. It only narrows what read-candidate.ts reads: the listing (and so every left-out count) is
// the listing's, and a candidate is still read and tested in JavaScript. When the binary is absent
// (--omit=optional, an unsupported platform), or ripgrep cannot read a file of a batch, the batch is
// answered by readIfMentionsKill, which reports what it cannot read. Off unless HERMES_CODEMOD_RIPGREP=1
// (ripgrepEnabled: it lost to the reader wherever it was measured).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { nodeRequire } from '../../internal/node-require.js';

/**
 * HERMES_CODEMOD_RIPGREP=1 turns the pre-scan on; by default the JavaScript reader answers every file.
 * On 2 cores, and on 1 (taskset), the pre-scan lost everywhere it was measured (docs/benchmarks.md,
 * 2026-12-07 22:26): the folder of 14 work trees 1.73 s against 1.49 s, npm 0.59 against 0.52,
 * 9,200 files of node_modules 9.7 against 7.4: ripgrep reads every file on the cores git and Node
 * need, while the reader stops at the first `kill` and reads only what git lists.
 */
export function ripgrepEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.HERMES_CODEMOD_RIPGREP === '1';
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
export async function filesMentioningKill(files: readonly string[], binary: string): Promise<{ matched: Set<string>; unanswered: Set<string> }> {
  const matched = new Set<string>();
  const unanswered = new Set<string>();
  const batches: string[][] = [[]];
  let bytes = 0;
  for (const file of files) {
    if (bytes >= BATCH_BYTES) {
      batches.push([]);
      bytes = 0;
    }
    batches[batches.length - 1]?.push(file);
    bytes += Buffer.byteLength(file) + 1;
  }
  for (const batch of batches) {
    if (batch.length === 0) continue;
    // --text: a NUL byte does not end the search (the reader looks at every byte); --no-config: no
    // user's RIPGREP_CONFIG_PATH; --no-ignore --hidden: explicit paths, searched as given.
    const args = ['--files-with-matches', '--text', '--null', '--no-config', '--no-ignore', '--hidden', '--no-messages', '--regexp', KILL_WORD, '--', ...batch];
    const answer = await new Promise<string | undefined>((done) => {
      const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'ignore'], windowsHide: true });
      const chunks: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
      child.on('error', () => done(undefined));
      // 0: some matched, 1: none; 2 (or a signal): an error somewhere in the batch.
      child.on('close', (code) => done(code === 0 || code === 1 ? Buffer.concat(chunks).toString('utf8') : undefined));
    });
    if (answer === undefined) for (const file of batch) unanswered.add(file);
    else for (const file of answer.split('\0')) if (file !== '') matched.add(file);
  }
  return { matched, unanswered };
}

/** JS/TS sources without declarations, as file types (source-files.ts, without its case-insensitivity). */
const SOURCE_TYPES = ['--type-add', 'source:*.{js,cjs,mjs,ts,cts,mts,jsx,tsx}', '--type', 'source', '--type-add', 'declaration:*.d.{ts,cts,mts}', '--type-not', 'declaration'];
/** Folder names whose files the listing leaves out (or never lists): not worth ripgrep's reading in the folder scan. */
const NOT_SCANNED = ['node_modules', 'dist', 'build', 'out', 'coverage'];

/**
 * One ripgrep run over the folders a run names, started before git lists them: for every JS/TS file
 * ripgrep visits under its own ignore rules, whether it says `kill` as a word. Only a hint keyed by
 * path: a listed file it did not visit (git lists it and ripgrep's rules skip it, a hidden file, a
 * link, a build folder, a file it could not read) is scanned per list as before, so the listing alone
 * still decides what is processed. Undefined when ripgrep cannot start.
 */
export function scanFolders(folders: readonly string[], binary: string): Promise<ReadonlyMap<string, boolean> | undefined> {
  // --count --include-zero: every visited file, with or without a match; --max-count 1: count no further;
  // file types, not globs, for JS/TS: a glob that names files overrides .gitignore;
  // --no-ignore-parent: a folder its parent ignores (a checkout under .cache/) is still read.
  const args = ['--count', '--include-zero', '--max-count', '1', '--text', '--null', '--no-config', '--no-messages', '--no-ignore-parent', ...SOURCE_TYPES, ...NOT_SCANNED.map((name) => `--glob=!${name}/`), '--regexp', KILL_WORD, '--', ...folders];
  return new Promise((done) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'ignore'], windowsHide: true });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', () => done(undefined));
    // 2 (a file it could not read) still answers for every file it printed; a signal may cut the last record.
    child.on('close', (code) => {
      if (code === null) return done(undefined);
      const text = Buffer.concat(chunks).toString('utf8');
      const visited = new Map<string, boolean>();
      // Records are `path\0count\n`: a path may hold a newline, never a NUL.
      for (let at = 0; at < text.length; ) {
        const nul = text.indexOf('\0', at);
        const end = nul === -1 ? -1 : text.indexOf('\n', nul);
        if (end === -1) break;
        visited.set(text.slice(at, nul), text.slice(nul + 1, end) !== '0');
        at = end + 1;
      }
      done(visited);
    });
  });
}

export interface PrescanAnswer {
  readonly matched: ReadonlySet<string>;
  readonly unanswered: ReadonlySet<string>;
}

/**
 * One pre-scan for every list of a run: a list handed in while ripgrep is busy waits, with the others
 * that arrive meanwhile, for one ripgrep run over them all when it is done. Starting a process from
 * Node costs 15-30 ms of the main thread (most of a --check's listing time over 14 work trees, each
 * a list of its own), so a run starts a few, not one per list; the first list is scanned at once.
 */
export function createPrescan(binary: string): (list: readonly string[]) => Promise<PrescanAnswer> {
  let waiting: { files: string[]; answers: ((answer: PrescanAnswer) => void)[] } | undefined;
  let busy = false;
  const run = (files: readonly string[], answers: readonly ((answer: PrescanAnswer) => void)[]): void => {
    busy = true;
    void filesMentioningKill(files, binary).then((answer) => {
      for (const answered of answers) answered(answer);
      const next = waiting;
      waiting = undefined;
      if (next === undefined) busy = false;
      else run(next.files, next.answers);
    });
  };
  return (list) =>
    new Promise((answered) => {
      if (!busy) return run(list, [answered]);
      waiting ??= { files: [], answers: [] };
      waiting.files.push(...list);
      waiting.answers.push(answered);
    });
}


/**
 * The pre-scan of each list a run lists: answered from the folder scan (scanFolders) of `folders`
 * where it visited the file, and by createPrescan for the rest when they are enough to pay for a
 * start; undefined where the JavaScript reader answers the whole list. `found` is called once the
 * folder scan has met a file that says `kill`, before any list is answered.
 */
export function createListScan(binary: string, folders: readonly string[], found?: () => void): (list: readonly string[]) => Promise<PrescanAnswer | undefined> | undefined {
  const perList = createPrescan(binary);
  const byList = (list: readonly string[]): Promise<PrescanAnswer> | undefined => (list.length >= MIN_FILES ? perList(list) : undefined);
  if (folders.length === 0) return byList;
  const hint = scanFolders(folders, binary).then((visited) => {
    if (visited !== undefined && [...visited.values()].includes(true)) found?.();
    return visited;
  });
  return async (list) => {
    const visited = await hint;
    if (visited === undefined) return byList(list);
    const rest = list.filter((file) => !visited.has(file));
    const matched = new Set(list.filter((file) => visited.get(file) === true));
    const answer = await byList(rest);
    if (answer === undefined) return { matched, unanswered: new Set(rest) };
    for (const file of answer.matched) matched.add(file);
    return { matched, unanswered: answer.unanswered };
  };
}
