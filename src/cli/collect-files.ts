import { spawnSync } from 'node:child_process';
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
  /** Paths or globs that named nothing, with why. */
  readonly problems: readonly string[];
}

/**
 * The files git does not ignore under `dir` (tracked, plus untracked and not ignored), or undefined
 * outside a git work tree. Git itself applies every .gitignore, .git/info/exclude and the global
 * excludes, in one fast pass; globby's emulation is the fallback outside git.
 */
function gitListing(dir: string): string[] | undefined {
  const listing = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (listing.error !== undefined || listing.status !== 0) return undefined;
  return listing.stdout
    .split('\0')
    .filter((path) => path !== '' && SOURCE_FILE.test(path) && !DECLARATION_FILE.test(path))
    .filter((path) => !path.split('/').some((segment) => SKIPPED_DIRECTORIES.has(segment) || segment.startsWith('.')))
    .map((path) => resolve(dir, path.split('/').join(sep)));
}

/** Expands paths, directories and globs to the JS/TS files under them, respecting .gitignore. */
export async function collectFiles(patterns: readonly string[], cwd: string): Promise<CollectedFiles> {
  const files = new Set<string>();
  const problems: string[] = [];
  for (const pattern of patterns) {
    const absolute = resolve(cwd, pattern);
    let kind: 'file' | 'dir' | undefined;
    try {
      const stats = statSync(absolute);
      kind = stats.isDirectory() ? 'dir' : 'file';
    } catch {
      kind = undefined;
    }
    if (kind === 'file') {
      if (SOURCE_FILE.test(absolute) && !DECLARATION_FILE.test(absolute)) files.add(absolute);
      else problems.push(`${pattern}: not a JavaScript or TypeScript file`);
      continue;
    }
    // globby is loaded only for globs and for trees outside git.
    const { globby, isDynamicPattern } = await import('globby');
    if (kind === undefined && !isDynamicPattern(pattern)) {
      problems.push(`${pattern}: no such file or directory`);
      continue;
    }
    const listed = kind === 'dir' ? gitListing(absolute) : undefined;
    if (listed !== undefined) {
      if (listed.length === 0) problems.push(`${pattern}: no JavaScript or TypeScript files under it`);
      for (const file of listed) files.add(file);
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
    if (sources.length === 0) problems.push(`${pattern}: no JavaScript or TypeScript files ${kind === 'dir' ? 'under it' : 'match'}`);
    for (const file of sources) files.add(resolve(file));
  }
  return { files: [...files].sort(), problems };
}

export function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel === '' || rel.startsWith('..') ? file : rel;
}
