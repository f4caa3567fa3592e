import { spawn, spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';

export const SOURCE_EXTENSIONS = ['js', 'cjs', 'mjs', 'jsx', 'ts', 'tsx', 'mts', 'cts'] as const;
const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/i;
const DECLARATION_FILE = /\.d\.[cm]?ts$/i;
/** Dependencies and build output: never user source to rewrite. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', 'build', 'out', 'coverage']);
export const IGNORED = ['**/node_modules/**', '**/.git/**', '**/dist/**', '**/build/**', '**/out/**', '**/coverage/**', '**/*.d.ts', '**/*.d.mts', '**/*.d.cts'];

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

/**
 * The files git does not ignore under `dir`, or undefined outside a git work tree. Git itself applies
 * every .gitignore, .git/info/exclude and the global excludes; globby's emulation is the fallback
 * outside git. Tracked files come from the index at once; untracked ones need a walk of the work
 * tree, which runs in the background while the tracked files are read.
 */
function gitListing(dir: string): { tracked: string[]; untracked: Promise<string[]> } | undefined {
  const tracked = spawnSync('git', ['ls-files', '-z', '--cached'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (tracked.error !== undefined || tracked.status !== 0) return undefined;
  const untracked = new Promise<string[]>((done) => {
    const child = spawn('git', ['ls-files', '-z', '--others', '--exclude-standard'], { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', () => done([]));
    child.on('close', (code) => done(code === 0 ? keep(dir, Buffer.concat(chunks).toString('utf8')) : []));
  });
  return { tracked: keep(dir, tracked.stdout), untracked };
}

/**
 * Expands paths, directories and globs to the JS/TS files under them, respecting .gitignore:
 * `files` at once, `more` (untracked files of git work trees) a little later.
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
    const listed = kind === 'dir' ? gitListing(absolute) : undefined;
    if (listed !== undefined) {
      for (const file of listed.tracked) files.add(file);
      later.push(
        listed.untracked.then((untracked) => {
          if (listed.tracked.length + untracked.length === 0) notes.push(`${pattern}: no JavaScript or TypeScript files under it`);
          return untracked;
        }),
      );
      continue;
    }
    // globby is loaded only for globs and for trees outside git.
    const { globby, isDynamicPattern } = await import('globby');
    if (kind === undefined && !isDynamicPattern(pattern)) {
      problems.push(`${pattern}: no such file or directory`);
      continue;
    }
    const found = await globby(kind === 'dir' ? `**/*.{${SOURCE_EXTENSIONS.join(',')}}` : pattern, {
      cwd: kind === 'dir' ? absolute : cwd,
      absolute: true,
      gitignore: true,
      ignore: IGNORED,
      dot: false,
      followSymbolicLinks: false,
    });
    const sources = found.filter((file) => SOURCE_FILE.test(file) && !DECLARATION_FILE.test(file));
    if (sources.length === 0) (kind === 'dir' ? notes : problems).push(`${pattern}: no JavaScript or TypeScript files ${kind === 'dir' ? 'under it' : 'match'}`);
    for (const file of sources) files.add(resolve(file));
  }
  const more = Promise.all(later).then((lists) => [...new Set(lists.flat())].filter((file) => !files.has(file)).sort());
  return { files: [...files].sort(), more, problems, notes };
}

export function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel === '' || rel.startsWith('..') ? file : rel;
}
