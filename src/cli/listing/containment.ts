// The tree a run may write in: the paths given on the command line and the git work trees they are
// in, by real path. A symlink to anything else is read (to report it) but never written through.
import { spawnSync } from 'node:child_process';
import { lstatSync, realpathSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';

export interface Tree {
  /** Real paths of the roots. */
  readonly roots: readonly string[];
  /** Whether a real path lies inside one of the roots. */
  contains(realPath: string): boolean;
}

const GLOB_CHARACTERS = /[*?[\]{}()!]/;

/** The folder a glob starts from: its segments before the first with a glob character. */
function globBase(absolute: string): string {
  const segments = absolute.split(sep);
  const first = segments.findIndex((segment) => GLOB_CHARACTERS.test(segment));
  return first === -1 ? absolute : segments.slice(0, first).join(sep) || sep;
}

function realOrUndefined(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/** The real path of a path given on the command line; a symlink named there is not followed (its target may be anywhere). */
function rootOf(path: string): string | undefined {
  try {
    if (lstatSync(path).isSymbolicLink()) {
      const parent = realOrUndefined(dirname(path));
      return parent === undefined ? undefined : join(parent, basename(path));
    }
  } catch {
    // not there: a glob
  }
  return realOrUndefined(path);
}

export function isInside(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

export function treeOf(paths: readonly string[], cwd: string): Tree {
  const roots = new Set<string>();
  for (const path of paths.length > 0 ? paths : ['.']) {
    const absolute = resolve(cwd, path);
    const real = rootOf(absolute) ?? realOrUndefined(globBase(absolute));
    if (real === undefined) continue;
    roots.add(real);
    let folder: string;
    try {
      folder = lstatSync(real).isDirectory() ? real : dirname(real);
    } catch {
      continue;
    }
    const top = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd: folder, encoding: 'utf8' });
    const topReal = top.status === 0 ? realOrUndefined(top.stdout.trim()) : undefined;
    if (topReal !== undefined) roots.add(topReal);
  }
  const list = [...roots];
  return { roots: list, contains: (realPath) => list.some((root) => isInside(realPath, root)) };
}
