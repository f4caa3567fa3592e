// The listing of a folder that is not a git work tree, ripgrep's way: one directory read per folder,
// a .gitignore matcher per folder that has one (each path tested against its own folder's rules and
// its ancestors', nearest first), ignored folders never entered. A folder holding `.git` is a work
// tree of its own: it is not walked but handed back, for `git ls-files` to list.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { DECLARATION_FILE, SKIPPED_DIRECTORIES, SOURCE_FILE } from './source-files.js';

export interface Walked {
  /** Source files outside nested work trees, in walk order (not sorted). */
  readonly files: string[];
  /** Folders under the root that are git work trees of their own. */
  readonly workTrees: string[];
}

interface Matcher {
  readonly rules: Ignore;
  /** The folder of the .gitignore, ending in the path separator. */
  readonly base: string;
  readonly parent: Matcher | undefined;
}

function matcherFor(dir: string, parent: Matcher | undefined, sep: string): Matcher | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, '.gitignore'), 'utf8');
  } catch {
    return parent;
  }
  return { rules: ignore().add(text), base: dir + sep, parent };
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
  const visit = (dir: string, inherited: Matcher | undefined): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // unreadable or gone: nothing to list
    }
    if (dir !== root && entries.some((entry) => entry.name === '.git')) {
      workTrees.push(dir);
      return;
    }
    const matcher = entries.some((entry) => entry.name === '.gitignore' && !entry.isDirectory()) ? matcherFor(dir, inherited, sep) : inherited;
    const prefix = dir.endsWith(sep) ? dir : dir + sep;
    for (const entry of entries) {
      const name = entry.name;
      if (name.startsWith('.')) continue;
      const path = prefix + name;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(name) && !ignored(matcher, path, true, sep)) visit(path, matcher);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && SOURCE_FILE.test(name) && !DECLARATION_FILE.test(name) && !ignored(matcher, path, false, sep)) {
        files.push(path);
      }
    }
  };
  visit(root, undefined);
  return { files, workTrees };
}
