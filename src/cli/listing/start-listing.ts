// The listing of a run, started as early as possible: the command's entry starts git (and ripgrep)
// from the raw arguments before it loads the command line and the run (commander, the reports), so
// that loading them overlaps the listing. The run takes this listing only when its own parse of the
// arguments names the same paths from the same folder; otherwise it lists again (nothing is lost but work).
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { createListScan, ripgrepBinary, ripgrepEnabled, type PrescanAnswer } from '../files/ripgrep-scan.js';
import { collectFiles, type CollectedFiles } from './collect-files.js';
import { treeOf, type Tree } from './containment.js';
import { mayBeInWorkTree } from './work-tree-hint.js';

export interface StartedListing {
  readonly paths: readonly string[];
  readonly cwd: string;
  readonly listing: Promise<CollectedFiles>;
  /** The tree the run may write in (containment.ts), its git started with the listing's. */
  readonly tree: Promise<Tree>;
  /**
   * Whether the listing starts with a walk (no named folder can be in a git work tree): the entry then
   * lets it load its module and walk before the command line loads; otherwise git lists meanwhile.
   */
  readonly walksFirst: boolean;
  /** The ripgrep pre-scan of each list (HERMES_CODEMOD_RIPGREP=1); undefined by default (the JavaScript reader reads every file). */
  readonly prescanOf: ((list: readonly string[]) => Promise<PrescanAnswer | undefined> | undefined) | undefined;
}

/** The paths naming folders, absolute: what ripgrep's folder scan reads. */
function namedFolders(paths: readonly string[], cwd: string): string[] {
  return paths
    .map((path) => resolve(cwd, path))
    .filter((path) => {
      try {
        return statSync(path).isDirectory();
      } catch {
        return false; // the listing says why
      }
    });
}

/**
 * Starts listing `paths` (from `cwd`). With the pre-scan on, ripgrep reads the named folders while git
 * lists them, and once it meets a `kill`, `found` is called (the engine loads meanwhile).
 */
export function startListing(paths: readonly string[], cwd: string, found?: () => void): StartedListing {
  const folders = namedFolders(paths, cwd);
  const ripgrep = ripgrepEnabled() ? ripgrepBinary() : undefined;
  const prescanOf = ripgrep === undefined ? undefined : createListScan(ripgrep, folders, found);
  const listing = collectFiles(paths, cwd);
  const tree = treeOf(paths, cwd);
  // Awaited by the run that takes them; one that does not (a usage error) must not die of a rejection.
  listing.catch(() => undefined);
  tree.catch(() => undefined);
  const walksFirst = folders.length > 0 && folders.every((folder) => !mayBeInWorkTree(folder));
  return { paths: [...paths], cwd, listing, tree, walksFirst, prescanOf };
}

/** Whether `started` lists exactly `paths` from `cwd`. */
export function listsThe(started: StartedListing, paths: readonly string[], cwd: string): boolean {
  return started.cwd === cwd && started.paths.length === paths.length && started.paths.every((path, index) => path === paths[index]);
}

/**
 * hermes-codemod's options that take a value (program.ts's createProgram): the word after one is no path.
 * Said again here so that commander stays out of the early path; test/codemod/listing-start.test.ts
 * checks both tables against every option of createProgram's Command.
 */
export const VALUE_OPTIONS: ReadonlySet<string> = new Set(['--format', '--import-source', '--max-file-size']);
/** Its options that take none (--help and --version start nothing early: not here). */
export const FLAGS: ReadonlySet<string> = new Set(['--dry', '--check', '--json', '--write', '--strict', '--no-add-dependency', '--typecheck', '--no-typecheck', '--force', '--include-read-only']);

/**
 * The paths hermes-codemod's arguments name, read as commander reads them (options anywhere, `--`
 * ending them, `--name=value`), or undefined for anything else (help, version, an unknown option):
 * those runs start nothing early. Only a guess that the run checks (listsThe) before it uses the listing.
 */
export function pathsFromArguments(args: readonly string[]): string[] | undefined {
  const paths: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] as string;
    if (arg === '--') {
      paths.push(...args.slice(index + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') paths.push(arg);
    else if (FLAGS.has(arg)) continue;
    else if (VALUE_OPTIONS.has(arg)) index++;
    else if (!(arg.includes('=') && VALUE_OPTIONS.has(arg.slice(0, arg.indexOf('='))))) return undefined;
  }
  return paths.length > 0 ? paths : ['.'];
}
