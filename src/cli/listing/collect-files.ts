// The files a run looks at: git's listing of each work tree (tracked and untracked, .gitignore honoured), a walk elsewhere, globs.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, relative, resolve, sep } from 'node:path';
import { runGit } from './run-git.js';
import { mayBeInWorkTree } from './work-tree-hint.js';
import { BUILD_DIRECTORIES, DEPENDENCY_DIRECTORY, isSourceFile, type LeftOutFile, leftOutBy, sourcesUnder, systemReason, type UnreadableFolder } from './source-files.js';

export interface CollectedFiles {
  /** Absolute paths, sorted, without duplicates. */
  readonly files: readonly string[];
  /**
   * Files found later (untracked files of git work trees, files of nested work trees), a list at a
   * time as git answers, in an order that does not depend on which answers first; none in `files` or
   * in an earlier list, each list sorted.
   */
  readonly more: AsyncIterable<readonly string[]>;
  /** Paths or globs that named nothing, with why; complete once `more` is done. */
  readonly problems: readonly string[];
  /** Folders with no JS/TS files in them: worth saying, not an error (a package may have none); complete once `more` is done. */
  readonly notes: readonly string[];
  /** Source files not processed because of the folder they are in or .gitignore, none of them processed by another path; complete once `more` is done. */
  readonly leftOut: readonly LeftOutFile[];
  /** Folders the listing could not read (their files are unknown); complete once `more` is done. */
  readonly unreadable: readonly UnreadableFolder[];
}

/** A path (with `/`) that may be left out (leftOutBy decides): a segment in BUILD_DIRECTORIES, node_modules, or starting with a dot. */
const SKIPPED_SEGMENT = new RegExp(String.raw`(?:^|/)(?:(?:${[...BUILD_DIRECTORIES, DEPENDENCY_DIRECTORY].join('|')})(?:/|$)|\.)`);

interface Listed {
  readonly files: string[];
  /** The work trees nested in the listed one (not submodules): `git ls-files --others` names each as `path/`, never its files. */
  readonly nested: string[];
  /** Source files left out by name (build output, hidden, a tracked node_modules). */
  readonly left: LeftOutFile[];
  /** Folders git could not open while it looked for untracked files. */
  readonly unreadable: UnreadableFolder[];
}

/** Git's words for a folder it cannot read (git runs with LC_ALL=C); the path is from the top of the work tree. */
const GIT_UNREADABLE = /^warning: could not open directory '(.*)': (.*)$/gm;
const GIT_ENV = { ...process.env, LC_ALL: 'C' };

/** The folders git's stderr says it could not open while listing `dir`, with our own reading of why. */
function unreadableFromGit(dir: string, stderr: string): UnreadableFolder[] {
  const found = [...stderr.matchAll(GIT_UNREADABLE)];
  if (found.length === 0) return [];
  const top = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, encoding: 'utf8' }).stdout.replace(/\n$/, '') || dir;
  return found.map(([, path = '', words = '']) => {
    const folder = resolve(top, path);
    try {
      readdirSync(folder);
      return { folder, reason: words };
    } catch (error) {
      return { folder, reason: systemReason((error as NodeJS.ErrnoException).code, (error as Error).message) };
    }
  });
}

/** Git's paths are relative and normalised, so joining them to `dir` (absolute) needs no resolve(), a third of the listing's time on large trees. */
function listed(dir: string, listing: string, unreadable: UnreadableFolder[] = []): Listed {
  const prefix = dir.endsWith(sep) ? dir : dir + sep;
  const absolute = (path: string): string => prefix + (sep === '/' ? path : path.split('/').join(sep));
  const files: string[] = [];
  const nested: string[] = [];
  const left: LeftOutFile[] = [];
  const manifests = new Map<string, boolean>();
  const hasManifest = (folder: string): boolean => {
    let known = manifests.get(folder);
    if (known === undefined) manifests.set(folder, (known = existsSync(absolute(`${folder}package.json`))));
    return known;
  };
  for (const path of listing.split('\0')) {
    if (path.endsWith('/')) {
      if (!SKIPPED_SEGMENT.test(path.slice(0, -1))) nested.push(absolute(path.slice(0, -1)));
    } else if (path !== '' && isSourceFile(path)) {
      const out = SKIPPED_SEGMENT.test(path) ? leftOutBy(path, hasManifest) : undefined;
      if (out === undefined) files.push(absolute(path));
      else left.push({ file: absolute(path), folder: absolute(out.folder), reason: out.reason });
    }
  }
  return { files, nested, left, unreadable };
}

/**
 * The source files .gitignore leaves out of the work tree `dir`: git names each ignored folder once
 * (`--directory`); node_modules and hidden folders are not counted (never source), the others are walked.
 */
function lsIgnored(dir: string): Promise<LeftOutFile[]> {
  return new Promise((done) => {
    const child = spawn('git', ['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory'], { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', () => done([]));
    child.on('close', (code) => {
      if (code !== 0) return done([]);
      const prefix = dir.endsWith(sep) ? dir : dir + sep;
      const absolute = (path: string): string => prefix + (sep === '/' ? path : path.split('/').join(sep));
      const left: LeftOutFile[] = [];
      const never = (path: string): boolean => {
        const out = leftOutBy(path, () => false);
        return out !== undefined && out.reason !== 'build output';
      };
      for (const path of Buffer.concat(chunks).toString('utf8').split('\0')) {
        if (path.endsWith('/')) {
          if (never(`${path}x`)) continue;
          const folder = absolute(path);
          for (const file of sourcesUnder(folder.slice(0, -1), sep)) left.push({ file, folder, reason: 'gitignored' });
        } else if (path !== '' && isSourceFile(path) && !never(path)) {
          left.push({ file: absolute(path), folder: dirname(absolute(path)) + sep, reason: 'gitignored' });
        }
      }
      done(left);
    });
  });
}

/** `git ls-files` in `dir` with `args`, in the background; undefined when git fails (no work tree, no git). */
function lsFiles(dir: string, args: readonly string[]): Promise<Listed | undefined> {
  return new Promise((done) => {
    const child = spawn('git', ['ls-files', '-z', ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env: GIT_ENV });
    const chunks: Buffer[] = [];
    // git warns of a folder it cannot open and goes on (status 0): the warning is how we learn of it.
    const warnings: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => warnings.push(chunk));
    child.on('error', () => done(undefined));
    child.on('close', (code) => done(code === 0 ? listed(dir, Buffer.concat(chunks).toString('utf8'), unreadableFromGit(dir, Buffer.concat(warnings).toString('utf8'))) : undefined));
  });
}

/**
 * The files git does not ignore under `dir`, or undefined outside a git work tree. Git itself applies
 * every .gitignore, .git/info/exclude and the global excludes. Tracked files come from the index at
 * once; untracked ones (and the work trees nested in `dir`) need a walk of the work tree, which runs
 * in the background while the tracked files are read. A folder no git could find a repository from
 * (work-tree-hint.ts) costs no process at all.
 */
async function gitListing(dir: string, left: LeftOutFile[], unreadable: UnreadableFolder[]): Promise<{ tracked: string[]; untracked: AsyncIterable<string[]> } | undefined> {
  if (!mayBeInWorkTree(dir)) return undefined;
  const tracked = await runGit(['ls-files', '-z', '--cached'], dir);
  if (tracked.status !== 0) return undefined;
  const others = lsFiles(dir, ['--others', '--exclude-standard']);
  const ignored = lsIgnored(dir);
  async function* untracked(): AsyncGenerator<string[]> {
    const found = await others;
    if (found !== undefined) {
      left.push(...found.left);
      unreadable.push(...found.unreadable);
      yield found.files;
      yield* listTrees(found.nested, left, unreadable);
    }
    left.push(...(await ignored));
  }
  const list = listed(dir, tracked.stdout);
  left.push(...list.left);
  return { tracked: list.files, untracked: untracked() };
}

/**
 * `git ls-files` (tracked and untracked, not ignored) in each of `trees`, each as soon as git is done
 * with it; undefined for a tree git cannot list. Starting a process costs 10-30 ms here, more than
 * listing a tree: on POSIX one shell per core runs git for its share of the trees, each list closed
 * by an empty name and git's status (git's -z output never holds an empty name), and git's warnings
 * for it closed by a NUL on the shell's stderr. git is the only process a tree costs.
 */
function listWorkTrees(trees: readonly string[]): Promise<Listed | undefined>[] {
  const args = ['--cached', '--others', '--exclude-standard'];
  if (process.platform === 'win32' || trees.length < 2) return trees.map((tree) => lsFiles(tree, args));
  const shells = Math.min(trees.length, Math.max(1, availableParallelism()));
  const settle: ((list: Listed | undefined) => void)[] = [];
  const lists = trees.map((_tree, index) => new Promise<Listed | undefined>((done) => (settle[index] = done)));
  // stdout: each tree's list, then `\0<status>\0`; stderr: git's warnings for it (never a NUL), then a NUL.
  // A warning is how a folder git could not open is learnt of (lsFiles reads it from git's stderr).
  const script = `for d in "$@"; do git -C "$d" ls-files -z ${args.join(' ')}; printf '\\0%d\\0' "$?"; printf '\\0' >&2; done`;
  for (let shell = 0; shell < shells; shell++) {
    const group = trees.map((_tree, index) => index).filter((index) => index % shells === shell);
    let next = 0; // the tree of `group` whose list is being read
    let pending = '';
    let pendingWarnings = '';
    /** Lists (undefined: git failed) and warnings read, not yet matched with each other. */
    const outputs: { list: string; status: string }[] = [];
    const warnings: string[] = [];
    const close = (list: Listed | undefined): void => {
      const index = group[next++];
      if (index !== undefined) settle[index]?.(list);
    };
    const match = (): void => {
      while (outputs.length > 0 && warnings.length > 0) {
        const { list, status } = outputs.shift() as { list: string; status: string };
        const words = warnings.shift() as string;
        const tree = trees[group[next] ?? -1];
        close(status === '0' && tree !== undefined ? listed(tree, list, unreadableFromGit(tree, words)) : undefined);
      }
    };
    const child = spawn('/bin/sh', ['-c', script, 'sh', ...group.map((index) => trees[index] as string)], { stdio: ['ignore', 'pipe', 'pipe'], env: GIT_ENV });
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      // A list ends at `\0\0<status>\0`: an empty name, then git's exit status.
      for (let end = pending.indexOf('\0\0'); end !== -1 || pending.startsWith('\0'); end = pending.indexOf('\0\0')) {
        const cut = pending.startsWith('\0') ? -1 : end; // an empty list: the marker comes first
        const statusEnd = pending.indexOf('\0', cut + 2);
        if (statusEnd === -1) break;
        outputs.push({ list: cut === -1 ? '' : pending.slice(0, cut + 1), status: pending.slice(cut + 2, statusEnd) });
        pending = pending.slice(statusEnd + 1);
      }
      match();
    });
    child.stderr.on('data', (chunk: string) => {
      pendingWarnings += chunk;
      for (let end = pendingWarnings.indexOf('\0'); end !== -1; end = pendingWarnings.indexOf('\0')) {
        warnings.push(pendingWarnings.slice(0, end));
        pendingWarnings = pendingWarnings.slice(end + 1);
      }
      match();
    });
    child.on('error', () => undefined);
    child.on('close', () => {
      match();
      while (next < group.length) close(undefined);
    });
  }
  return lists;
}

/**
 * The files of `trees`, then of the work trees nested in them, a list per tree in the order of
 * `trees` (so that a run is the same whichever git finishes first); a tree git cannot list is walked.
 */
function listTrees(trees: readonly string[], left: LeftOutFile[], unreadable: UnreadableFolder[]): AsyncGenerator<string[]> {
  // git starts now, not when the first list is asked for.
  const lists = listWorkTrees(trees);
  return inOrder(trees, lists, left, unreadable);
}

async function* inOrder(trees: readonly string[], lists: readonly Promise<Listed | undefined>[], left: LeftOutFile[], unreadable: UnreadableFolder[]): AsyncGenerator<string[]> {
  const nested: string[] = [];
  for (const [index, pending] of lists.entries()) {
    const list = await pending;
    if (list === undefined) {
      // Loaded only here: most runs are inside a work tree and never walk (loading it, and `ignore`
      // with it, before listing one slowed npm's listing by 0.05 s, measured).
      const { walkSources } = await import('./walk-sources.js');
      const walked = walkSources(trees[index] as string, sep);
      nested.push(...walked.workTrees);
      left.push(...walked.left);
      unreadable.push(...walked.unreadable);
      yield walked.files;
    } else {
      nested.push(...list.nested);
      left.push(...list.left);
      unreadable.push(...list.unreadable);
      yield list.files;
    }
  }
  if (nested.length > 0) yield* listTrees(nested, left, unreadable);
}

/**
 * A folder outside any work tree (or one its work tree ignores): walked (walk-sources.ts), and each
 * work tree found under it listed by git (listTrees), in the background while the walked files are read.
 */
async function walkListing(dir: string, left: LeftOutFile[], unreadable: UnreadableFolder[]): Promise<{ walked: string[]; nested: AsyncIterable<string[]> }> {
  const { walkSources } = await import('./walk-sources.js');
  const walked = walkSources(dir, sep);
  left.push(...walked.left);
  unreadable.push(...walked.unreadable);
  return { walked: walked.files, nested: listTrees(walked.workTrees, left, unreadable) };
}

/** Whether the work tree `dir` is in ignores `dir` itself (a folder of checkouts under an ignored `.cache/`, say). */
async function ignoredByGit(dir: string): Promise<boolean> {
  return (await runGit(['check-ignore', '-q', '.'], dir)).status === 0;
}

/**
 * What a glob leaves out: node_modules, .git and declarations always; a build folder unless the glob
 * names it (`'dist/**\/*.js'`, `'**\/build/**'`); .gitignore unless the folder the glob starts in is ignored.
 */
function globFilters(pattern: string, cwd: string, isDynamic: (segment: string) => boolean): { ignore: string[]; gitignore: boolean } {
  const segments = pattern.split('/');
  const named = new Set(segments);
  const ignore = ['**/node_modules/**', '**/.git/**', '**/*.d.ts', '**/*.d.mts', '**/*.d.cts', ...[...BUILD_DIRECTORIES].filter((name) => !named.has(name)).map((name) => `**/${name}/**`)];
  const staticSegments = segments.slice(0, segments.findIndex((segment) => isDynamic(segment)));
  const base = staticSegments.join('/');
  const baseIgnored = base !== '' && spawnSync('git', ['check-ignore', '-q', '--', base], { cwd, stdio: 'ignore' }).status === 0;
  return { ignore, gitignore: !baseIgnored };
}

/**
 * Expands paths, directories and globs to the JS/TS files under them, respecting .gitignore:
 * `files` at once, `more` (untracked files of git work trees, files of nested work trees) a little later.
 */
export async function collectFiles(patterns: readonly string[], cwd: string): Promise<CollectedFiles> {
  const files = new Set<string>();
  const problems: string[] = [];
  const notes: string[] = [];
  const later: AsyncIterable<string[]>[] = [];
  const left: LeftOutFile[] = [];
  const leftOut: LeftOutFile[] = [];
  const unreadable: UnreadableFolder[] = [];
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
      if (isSourceFile(absolute)) files.add(absolute);
      else problems.push(`${pattern}: not a JavaScript or TypeScript file`);
      continue;
    }
    if (kind === 'dir') {
      const listing = await gitListing(absolute, left, unreadable);
      const now = listing?.tracked ?? [];
      let after: AsyncIterable<string[]>;
      if (listing !== undefined) after = listing.untracked;
      else {
        const walked = await walkListing(absolute, left, unreadable);
        now.push(...walked.walked);
        after = walked.nested;
      }
      for (const file of now) files.add(file);
      later.push(
        (async function* (): AsyncGenerator<string[]> {
          let found = now.length;
          for await (const list of after) {
            found += list.length;
            yield list;
          }
          if (found > 0) return;
          // Named on the command line, so wanted, although its work tree ignores it: walked as if outside.
          if (listing !== undefined && (await ignoredByGit(absolute))) {
            const walked = await walkListing(absolute, left, unreadable);
            found += walked.walked.length;
            yield walked.walked;
            for await (const list of walked.nested) {
              found += list.length;
              yield list;
            }
          }
          // A folder it could not read is not "no files": that is said as an error, once.
          if (found === 0 && !unreadable.some((entry) => entry.folder === absolute)) notes.push(`${pattern}: no JavaScript or TypeScript files under it`);
        })(),
      );
      continue;
    }
    // globby is loaded only for globs.
    const { globby, isDynamicPattern } = await import('globby');
    if (!isDynamicPattern(pattern)) {
      problems.push(`${pattern}: no such file or directory`);
      continue;
    }
    const found = await globby(pattern, { cwd, absolute: true, ...globFilters(pattern, cwd, isDynamicPattern), dot: false, followSymbolicLinks: false });
    const sources = found.filter(isSourceFile);
    if (sources.length === 0) problems.push(`${pattern}: no JavaScript or TypeScript files match`);
    for (const file of sources) files.add(resolve(file));
  }
  async function* more(): AsyncGenerator<string[]> {
    const seen = new Set(files);
    for (const lists of later) {
      for await (const list of lists) {
        const fresh = list.filter((file) => !seen.has(file));
        for (const file of fresh) seen.add(file);
        if (fresh.length > 0) yield fresh.sort();
      }
    }
    // A file left out under one path but processed under another (`hermes-codemod . dist`) is not left out.
    const counted = new Set<string>();
    for (const file of left) {
      if (seen.has(file.file) || counted.has(file.file)) continue;
      counted.add(file.file);
      leftOut.push(file);
    }
  }
  return { files: [...files].sort(), more: more(), problems, notes, leftOut, unreadable };
}

export function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel === '' || rel.startsWith('..') ? file : rel;
}
