// The listing of a folder that is not a git work tree, ripgrep's way: one directory read per folder,
// a .gitignore matcher per folder that has one (each path tested against its own folder's rules and
// its ancestors', nearest first), ignored folders never entered. A folder holding `.git` is a work
// tree of its own: it is not walked but handed back, for `git ls-files` to list. What it leaves out
// (build output, hidden and ignored folders and files) is listed for the summary, not processed.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Ignore } from 'ignore';
import { nodeRequire } from '../../internal/node-require.js';
import type { LeftOutReason } from '../types.js';
import { BUILD_DIRECTORIES, DEPENDENCY_DIRECTORY, isSourceFile, type LeftOutFile, sourcesUnder, systemReason, type UnreadableFolder } from './source-files.js';

export interface Walked {
  /** Source files outside nested work trees, in walk order (not sorted). */
  readonly files: string[];
  /** Folders under the root that are git work trees of their own. */
  readonly workTrees: string[];
  /** Source files not listed, and why (node_modules is neither entered nor counted). */
  readonly left: LeftOutFile[];
  /** Folders it could not read (not those that vanished while it walked). */
  readonly unreadable: UnreadableFolder[];
}

interface Matcher {
  readonly rules: Ignore;
  /** The folder of the .gitignore, ending in the path separator. */
  readonly base: string;
  readonly parent: Matcher | undefined;
}

let ignoreModule: typeof import('ignore') | undefined;

function matcherFor(dir: string, parent: Matcher | undefined, sep: string): Matcher | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, '.gitignore'), 'utf8');
  } catch {
    return parent;
  }
  // Loaded at the first .gitignore: a folder of work trees (git lists each) has none to read.
  ignoreModule ??= nodeRequire('ignore') as typeof import('ignore');
  return { rules: ignoreModule().add(text), base: dir + sep, parent };
}

/** Whether `path` (absolute, `/` within the matchers' bases on POSIX) is ignored: the nearest rule that speaks decides. */
function ignored(matcher: Matcher | undefined, path: string, directory: boolean, sep: string): boolean {
  for (let current = matcher; current !== undefined; current = current.parent) {
    let relative = path.slice(current.base.length);
    if (sep !== '/') relative = relative.split(sep).join('/');
    const verdict = current.rules.test(directory ? `${relative}/` : relative);
    if (verdict.ignored) return true;
    if (verdict.unignored) return false;
  }
  return false;
}

export function walkSources(root: string, sep: string): Walked {
  const files: string[] = [];
  const workTrees: string[] = [];
  const left: LeftOutFile[] = [];
  const unreadable: UnreadableFolder[] = [];
  const leave = (folder: string, reason: LeftOutReason, found: readonly string[]): void => {
    for (const file of found) left.push({ file, folder: folder.endsWith(sep) ? folder : folder + sep, reason });
  };
  const visit = (dir: string, inherited: Matcher | undefined): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      // Gone since its parent was read: nothing to list. Unreadable: said, never passed over in silence.
      const { code, message } = error as NodeJS.ErrnoException;
      if (code !== 'ENOENT') unreadable.push({ folder: dir, reason: systemReason(code, message) });
      return;
    }
    if (dir !== root && entries.some((entry) => entry.name === '.git')) {
      workTrees.push(dir);
      return;
    }
    const matcher = entries.some((entry) => entry.name === '.gitignore' && !entry.isDirectory()) ? matcherFor(dir, inherited, sep) : inherited;
    const hasManifest = entries.some((entry) => entry.name === 'package.json' && !entry.isDirectory());
    const prefix = dir.endsWith(sep) ? dir : dir + sep;
    for (const entry of entries) {
      const name = entry.name;
      const path = prefix + name;
      if (entry.isDirectory()) {
        if (name === DEPENDENCY_DIRECTORY || name === '.git') continue;
        if (name.startsWith('.')) leave(path, 'hidden', sourcesUnder(path, sep));
        else if (BUILD_DIRECTORIES.has(name) && hasManifest) leave(path, 'build output', sourcesUnder(path, sep));
        else if (ignored(matcher, path, true, sep)) leave(path, 'gitignored', sourcesUnder(path, sep));
        else visit(path, matcher);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && isSourceFile(name)) {
        if (name.startsWith('.')) leave(dir, 'hidden', [path]);
        else if (ignored(matcher, path, false, sep)) leave(dir, 'gitignored', [path]);
        else files.push(path);
      }
    }
  };
  visit(root, undefined);
  return { files, workTrees, left, unreadable };
}
