// The tree a run may write in: the paths given on the command line and the git work trees they are
// in, by real path. A symlink to anything else is read (to report it) but never written through.
import { lstatSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { realPath } from '../files/real-path.js';
import { runGit } from './run-git.js';
import { mayBeInWorkTree } from './work-tree-hint.js';

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
    return realPath(path);
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

/**
 * The tree of `paths` (from `cwd`): their real paths and the top of each git work tree they are in.
 * git runs in the background, one process per folder that may be in a work tree (none outside git),
 * so a run starts this with its listing and awaits it before the first candidate is judged.
 */
export async function treeOf(paths: readonly string[], cwd: string): Promise<Tree> {
  const named: string[] = [];
  const tops: Promise<string | undefined>[] = [];
  for (const path of paths.length > 0 ? paths : ['.']) {
    const absolute = resolve(cwd, path);
    const real = rootOf(absolute) ?? realOrUndefined(globBase(absolute));
    if (real === undefined) continue;
    named.push(real);
    let folder: string;
    try {
      folder = lstatSync(real).isDirectory() ? real : dirname(real);
    } catch {
      continue;
    }
    if (!mayBeInWorkTree(folder)) continue;
    tops.push(runGit(['rev-parse', '--show-toplevel'], folder).then((top) => (top.status === 0 ? realOrUndefined(top.stdout.trim()) : undefined)));
  }
  const roots = new Set(named);
  for (const top of await Promise.all(tops)) if (top !== undefined) roots.add(top);
  const list = [...roots];
  return { roots: list, contains: (realPath) => list.some((root) => isInside(realPath, root)) };
}
