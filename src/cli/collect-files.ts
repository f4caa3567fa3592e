import { spawn, spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { relative, resolve, sep } from 'node:path';
import { DECLARATION_FILE, SKIPPED_DIRECTORIES, SOURCE_FILE } from './source-files.js';

const IGNORED = ['**/node_modules/**', '**/.git/**', '**/dist/**', '**/build/**', '**/out/**', '**/coverage/**', '**/*.d.ts', '**/*.d.mts', '**/*.d.cts'];

export interface CollectedFiles {
  /** Absolute paths, sorted, without duplicates. */
  readonly files: readonly string[];
  /** Files found later (untracked files of git work trees), not in `files`, sorted. */
  readonly more: Promise<readonly string[]>;
  /** Paths or globs that named nothing, with why; complete once `more` has settled. */
  readonly problems: readonly string[];
  /** Folders with no JS/TS files in them: worth saying, not an error (a package may have none). */
  readonly notes: readonly string[];
}

/** A path (with `/`) that has a segment in SKIPPED_DIRECTORIES or starting with a dot. */
const SKIPPED_SEGMENT = new RegExp(String.raw`(?:^|/)(?:(?:${[...SKIPPED_DIRECTORIES].join('|')})(?:/|$)|\.)`);

/** Git's paths are relative and normalised, so joining them to `dir` (absolute) needs no resolve(), a third of the listing's time on large trees. */
function keep(dir: string, listing: string): string[] {
  const prefix = dir.endsWith(sep) ? dir : dir + sep;
  return listing
    .split('\0')
    .filter((path) => path !== '' && SOURCE_FILE.test(path) && !DECLARATION_FILE.test(path) && !SKIPPED_SEGMENT.test(path))
    .map((path) => prefix + (sep === '/' ? path : path.split('/').join(sep)));
}

/** The work trees nested in `dir` (not submodules): `git ls-files --others` names each as `path/`, never its files. */
function nestedTrees(dir: string, listing: string): string[] {
  const prefix = dir.endsWith(sep) ? dir : dir + sep;
  return listing
    .split('\0')
    .filter((path) => path.endsWith('/') && !SKIPPED_SEGMENT.test(path.slice(0, -1)))
    .map((path) => prefix + (sep === '/' ? path.slice(0, -1) : path.slice(0, -1).split('/').join(sep)));
}

interface Listed {
  readonly files: string[];
  readonly nested: string[];
}

function listed(dir: string, listing: string): Listed {
  return { files: keep(dir, listing), nested: nestedTrees(dir, listing) };
}

/** `git ls-files` in `dir` with `args`, in the background; undefined when git fails (no work tree, no git). */
function lsFiles(dir: string, args: readonly string[]): Promise<Listed | undefined> {
  return new Promise((done) => {
    const child = spawn('git', ['ls-files', '-z', ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', () => done(undefined));
    child.on('close', (code) => done(code === 0 ? listed(dir, Buffer.concat(chunks).toString('utf8')) : undefined));
  });
}

/**
 * The files git does not ignore under `dir`, or undefined outside a git work tree. Git itself applies
 * every .gitignore, .git/info/exclude and the global excludes. Tracked files come from the index at
 * once; untracked ones need a walk of the work tree, which runs in the background while the tracked
 * files are read.
 */
function gitListing(dir: string): { tracked: string[]; untracked: Promise<string[]> } | undefined {
  const tracked = spawnSync('git', ['ls-files', '-z', '--cached'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (tracked.error !== undefined || tracked.status !== 0) return undefined;
  const untracked = lsFiles(dir, ['--others', '--exclude-standard']).then(async (found) => (found === undefined ? [] : [...found.files, ...(await listTrees(found.nested))]));
  return { tracked: keep(dir, tracked.stdout), untracked };
}

/**
 * `git ls-files` (tracked and untracked, not ignored) in each of `trees`; undefined for a tree git
 * cannot list. Starting a process costs 10-30 ms here, more than listing a tree: on POSIX one shell
 * per core runs git for its share of the trees, each list closed by an empty name and git's status
 * (git's -z output never holds an empty name).
 */
function listWorkTrees(trees: readonly string[]): Promise<(Listed | undefined)[]> {
  const args = ['--cached', '--others', '--exclude-standard'];
  if (process.platform === 'win32' || trees.length < 2) return Promise.all(trees.map((tree) => lsFiles(tree, args)));
  const shells = Math.min(trees.length, Math.max(1, availableParallelism()));
  const groups = Array.from({ length: shells }, (_, shell) => trees.filter((_tree, index) => index % shells === shell));
  const script = `for d in "$@"; do git -C "$d" ls-files -z ${args.join(' ')}; printf '\\0%d\\0' "$?"; done`;
  const lists = groups.map(
    (group) =>
      new Promise<(Listed | undefined)[]>((done) => {
        const child = spawn('/bin/sh', ['-c', script, 'sh', ...group], { stdio: ['ignore', 'pipe', 'ignore'] });
        const chunks: Buffer[] = [];
        child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
        child.on('error', () => done(group.map(() => undefined)));
        child.on('close', () => {
          const names = Buffer.concat(chunks).toString('utf8').split('\0');
          const found: (Listed | undefined)[] = [];
          let start = 0;
          for (const tree of group) {
            const end = names.indexOf('', start);
            found.push(end === -1 || names[end + 1] !== '0' ? undefined : listed(tree, names.slice(start, end).join('\0')));
            start = end === -1 ? names.length : end + 2;
          }
          done(found);
        });
      }),
  );
  return Promise.all(lists).then((results) => trees.map((_tree, index) => results[index % shells]?.[Math.floor(index / shells)]));
}

/** The files of `trees` and of the work trees nested in them; a tree git cannot list is walked. */
async function listTrees(trees: readonly string[]): Promise<string[]> {
  if (trees.length === 0) return [];
  const lists = await listWorkTrees(trees);
  const files: string[] = [];
  const nested: string[] = [];
  for (const [index, list] of lists.entries()) {
    if (list === undefined) {
      // Loaded only here: most runs are inside a work tree and never walk.
      const { walkSources } = await import('./walk-sources.js');
      const walked = walkSources(trees[index] as string, sep);
      files.push(...walked.files);
      nested.push(...walked.workTrees);
    } else {
      files.push(...list.files);
      nested.push(...list.nested);
    }
  }
  return [...files, ...(await listTrees(nested))];
}

/**
 * A folder outside any work tree (or one its work tree ignores): walked (walk-sources.ts), and each
 * work tree found under it listed by git (listTrees), in the background while the walked files are read.
 */
async function walkListing(dir: string): Promise<{ walked: string[]; nested: Promise<string[]> }> {
  const { walkSources } = await import('./walk-sources.js');
  const { files, workTrees } = walkSources(dir, sep);
  return { walked: files, nested: listTrees(workTrees) };
}

/** Whether the work tree `dir` is in ignores `dir` itself (a folder of checkouts under an ignored `.cache/`, say). */
function ignoredByGit(dir: string): boolean {
  return spawnSync('git', ['check-ignore', '-q', '.'], { cwd: dir, stdio: 'ignore' }).status === 0;
}

/**
 * Expands paths, directories and globs to the JS/TS files under them, respecting .gitignore:
 * `files` at once, `more` (untracked files of git work trees, files of nested work trees) a little later.
 */
export async function collectFiles(patterns: readonly string[], cwd: string): Promise<CollectedFiles> {
  const files = new Set<string>();
  const problems: string[] = [];
  const notes: string[] = [];
  const later: Promise<string[]>[] = [];
  for (const pattern of patterns) {
    const absolute = resolve(cwd, pattern);
    let kind: 'file' | 'dir' | undefined;
    try {
      const stats = statSync(absolute);
      kind = stats.isDirectory() ? 'dir' : 'file';
    } catch (error) {
      const { code } = error as NodeJS.ErrnoException;
      // A symlink loop (ELOOP) or an unreadable parent (EACCES) is not "no such file".
      if (code !== 'ENOENT' && code !== 'ENOTDIR') {
        problems.push(`${pattern}: ${code === 'ELOOP' ? 'too many levels of symbolic links' : 'cannot read it'} (${code ?? 'error'})`);
        continue;
      }
      kind = undefined;
    }
    if (kind === 'file') {
      if (SOURCE_FILE.test(absolute) && !DECLARATION_FILE.test(absolute)) files.add(absolute);
      else problems.push(`${pattern}: not a JavaScript or TypeScript file`);
      continue;
    }
    if (kind === 'dir') {
      const listed = gitListing(absolute);
      const now = listed?.tracked ?? [];
      let after: Promise<string[]>;
      if (listed !== undefined) after = listed.untracked;
      else {
        const walked = await walkListing(absolute);
        now.push(...walked.walked);
        after = walked.nested;
      }
      for (const file of now) files.add(file);
      later.push(
        after.then(async (found) => {
          if (now.length + found.length > 0) return found;
          // Named on the command line, so wanted, although its work tree ignores it: walked as if outside.
          if (listed !== undefined && ignoredByGit(absolute)) {
            const walked = await walkListing(absolute);
            const all = [...walked.walked, ...(await walked.nested)];
            if (all.length > 0) return all;
          }
          notes.push(`${pattern}: no JavaScript or TypeScript files under it`);
          return found;
        }),
      );
      continue;
    }
    // globby is loaded only for globs.
    const { globby, isDynamicPattern } = await import('globby');
    if (!isDynamicPattern(pattern)) {
      problems.push(`${pattern}: no such file or directory`);
      continue;
    }
    const found = await globby(pattern, { cwd, absolute: true, gitignore: true, ignore: IGNORED, dot: false, followSymbolicLinks: false });
    const sources = found.filter((file) => SOURCE_FILE.test(file) && !DECLARATION_FILE.test(file));
    if (sources.length === 0) problems.push(`${pattern}: no JavaScript or TypeScript files match`);
    for (const file of sources) files.add(resolve(file));
  }
  const more = Promise.all(later).then((lists) => [...new Set(lists.flat())].filter((file) => !files.has(file)).sort());
  return { files: [...files].sort(), more, problems, notes };
}

export function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel === '' || rel.startsWith('..') ? file : rel;
}
