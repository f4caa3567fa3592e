// The listing of a run, started as early as possible: the command's entry starts git (and ripgrep)
// from the raw arguments before it loads the command line and the run (commander, the reports), so
// that loading them overlaps the listing. The run takes this listing only when its own parse of the
// arguments names the same paths from the same folder; otherwise it lists again (nothing is lost but work).
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { createListScan, ripgrepBinary, ripgrepEnabled, type PrescanAnswer } from '../files/ripgrep-scan.js';
import { collectFiles, type CollectedFiles } from './collect-files.js';

export interface StartedListing {
  readonly paths: readonly string[];
  readonly cwd: string;
  readonly listing: Promise<CollectedFiles>;
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
  const ripgrep = ripgrepEnabled() ? ripgrepBinary() : undefined;
  const prescanOf = ripgrep === undefined ? undefined : createListScan(ripgrep, namedFolders(paths, cwd), found);
  const listing = collectFiles(paths, cwd);
  // Awaited by the run that takes it; one that does not (a usage error) must not die of its rejection.
  listing.catch(() => undefined);
  return { paths: [...paths], cwd, listing, prescanOf };
}

/** Whether `started` lists exactly `paths` from `cwd`. */
export function listsThe(started: StartedListing, paths: readonly string[], cwd: string): boolean {
  return started.cwd === cwd && started.paths.length === paths.length && started.paths.every((path, index) => path === paths[index]);
}

/** hermes-codemod's options that take a value (program.ts): the word after one is no path. */
const VALUE_OPTIONS: ReadonlySet<string> = new Set(['--format', '--import-source', '--max-file-size']);
/** Its options that take none. */
const FLAGS: ReadonlySet<string> = new Set(['--dry', '--check', '--json', '--write', '--strict', '--no-add-dependency', '--typecheck', '--no-typecheck', '--force', '--include-read-only']);

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
