// Which files the CLI treats as source: JavaScript and TypeScript, not declarations, not in
// dependency, hidden or build-output folders; and, for the summary, why a file was left out.
import { readdirSync } from 'node:fs';
import type { LeftOutReason } from '../types.js';

export const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/i;
export const DECLARATION_FILE = /\.d\.[cm]?ts$/i;

/** Folder names of a package's build output, left out when they sit next to a package.json. */
export const BUILD_DIRECTORIES: ReadonlySet<string> = new Set(['dist', 'build', 'out', 'coverage']);
/** Never entered, never counted: dependencies. */
export const DEPENDENCY_DIRECTORY = 'node_modules';

export function isSourceFile(path: string): boolean {
  return SOURCE_FILE.test(path) && !DECLARATION_FILE.test(path);
}

/** Why a source file is not processed unless named: build output, a hidden folder or file, a tracked node_modules, or .gitignore. */

export interface LeftOutFile {
  /** Absolute path of the file. */
  readonly file: string;
  /** Absolute path of the folder that leaves it out, ending in the path separator. */
  readonly folder: string;
  readonly reason: LeftOutReason;
}

/** A folder the listing could not read: its files are unknown, so a run that meets one fails closed. */
export interface UnreadableFolder {
  /** Absolute path of the folder. */
  readonly folder: string;
  /** The error code (EACCES, EPERM, EIO ...) and what it means. */
  readonly reason: string;
}

/** `EACCES: permission denied`: the code and the system's words, without the path Node appends. */
export function systemReason(code: string | undefined, message: string): string {
  const words = /^\w+: ([^,]*)/.exec(message)?.[1];
  return code === undefined ? message : words === undefined ? code : `${code}: ${words}`;
}

/**
 * Whether `path` (relative to a listed root, `/`-separated) is left out, and by which folder (relative,
 * ending in `/`): a hidden segment, `node_modules`, or a build folder next to a package.json
 * (`hasManifest('')` asks about the root). `src/build/` with no package.json beside it is source.
 */
export function leftOutBy(path: string, hasManifest: (folder: string) => boolean): { folder: string; reason: LeftOutReason } | undefined {
  const segments = path.split('/');
  let folder = '';
  for (const [index, name] of segments.entries()) {
    const last = index === segments.length - 1;
    if (name.startsWith('.')) return { folder: last ? folder : `${folder}${name}/`, reason: 'hidden' };
    if (!last && name === DEPENDENCY_DIRECTORY) return { folder: `${folder}${name}/`, reason: 'dependencies' };
    if (!last && BUILD_DIRECTORIES.has(name) && hasManifest(folder)) return { folder: `${folder}${name}/`, reason: 'build output' };
    folder += `${name}/`;
  }
  return undefined;
}

/** The source files under `dir` (absolute), not entering node_modules, hidden folders or symlinks: what a left-out folder holds. */
export function sourcesUnder(dir: string, sep: string): string[] {
  const found: string[] = [];
  const visit = (at: string): void => {
    let entries;
    try {
      entries = readdirSync(at, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = at.endsWith(sep) ? at + entry.name : at + sep + entry.name;
      if (entry.isDirectory()) {
        if (entry.name !== DEPENDENCY_DIRECTORY) visit(path);
      } else if (isSourceFile(entry.name)) {
        found.push(path);
      }
    }
  };
  visit(dir);
  return found;
}
