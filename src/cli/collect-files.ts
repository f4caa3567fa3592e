import { statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { globby, isDynamicPattern } from 'globby';

export const SOURCE_EXTENSIONS = ['js', 'cjs', 'mjs', 'jsx', 'ts', 'tsx', 'mts', 'cts'] as const;
const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/i;
const DECLARATION_FILE = /\.d\.[cm]?ts$/i;
/** Dependencies and build output: never user source to rewrite. */
export const IGNORED = ['**/node_modules/**', '**/.git/**', '**/dist/**', '**/build/**', '**/out/**', '**/coverage/**', '**/*.d.ts', '**/*.d.mts', '**/*.d.cts'];

export interface CollectedFiles {
  /** Absolute paths, sorted, without duplicates. */
  readonly files: readonly string[];
  /** Paths or globs that named nothing, with why. */
  readonly problems: readonly string[];
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
    if (sources.length === 0) problems.push(`${pattern}: no JavaScript or TypeScript files ${kind === 'dir' ? 'under it' : 'match'}`);
    for (const file of sources) files.add(resolve(file));
  }
  return { files: [...files].sort(), problems };
}

export function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel === '' || rel.startsWith('..') ? file : rel;
}
