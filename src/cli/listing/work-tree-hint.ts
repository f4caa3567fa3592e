// Whether git could find a repository from a folder, answered from the file system alone so that a
// folder outside every work tree costs no git process (10-50 ms each on the main path). Only a "no"
// is trusted, and only when it is certain: git's discovery looks for `.git` (or a bare repository's
// HEAD) in the folder and each parent below GIT_CEILING_DIRECTORIES, unless GIT_DIR says where the
// repository is. Any doubt (an unreadable parent, a repository named by the environment) is "maybe",
// and git answers as before.
import { lstatSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { realPath } from '../files/real-path.js';

/** Environment variables that name a repository or work tree: git then need not find one by walking up. */
const NAMED_BY_ENVIRONMENT = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_COMMON_DIR'] as const;
/** Entries whose presence lets git stop at a folder: a `.git` folder or file, or a bare repository's HEAD. */
const MARKERS = ['.git', 'HEAD'] as const;

/** Present, or not certainly absent (a parent it may not search). */
function mayExist(path: string): boolean {
  try {
    return lstatSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return true;
  }
}

/**
 * The ceilings git honours, as it compares them with the real path of the folder: absolute entries
 * (git ignores the others), each as given and, before the first empty entry, as its real path (git
 * does not resolve the entries after one).
 */
function ceilings(env: NodeJS.ProcessEnv): Set<string> {
  const found = new Set<string>();
  const list = env.GIT_CEILING_DIRECTORIES;
  if (list === undefined || list === '') return found;
  let resolving = true;
  for (const entry of list.split(process.platform === 'win32' ? ';' : ':')) {
    if (entry === '') resolving = false;
    if (entry === '' || !isAbsolute(entry)) continue;
    found.add(resolve(entry));
    if (!resolving) continue;
    try {
      found.add(realPath(entry));
    } catch {
      // a ceiling that does not exist stops nothing
    }
  }
  return found;
}

/**
 * False only when git, run in `dir`, certainly finds no repository: no marker in `dir` or in any parent
 * up to the first ceiling (that ceiling checked too, one more than git does), and no repository named by
 * the environment. True otherwise (then ask git).
 */
export function mayBeInWorkTree(dir: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (NAMED_BY_ENVIRONMENT.some((name) => env[name] !== undefined && env[name] !== '')) return true;
  let folder: string;
  try {
    folder = realPath(dir); // git starts from the physical folder
  } catch {
    return true;
  }
  const stops = ceilings(env);
  for (;;) {
    if (MARKERS.some((marker) => mayExist(join(folder, marker)))) return true;
    if (stops.has(folder)) return false;
    const parent = dirname(folder);
    if (parent === folder) return false;
    folder = parent;
  }
}
