// Temporary files a write run leaves when it is killed mid-write (write-atomically.ts names them
// `.<name>.hermes-codemod-<pid>-<n>.tmp`, and `.orig` for the backup of an in-place write). The next
// run finds those beside the files it reads: a `.tmp` whose writer is gone is debris, removed by a
// write run; one whose writer still runs, and every `.orig` (it may be the only whole copy), is named.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pidIsAlive } from '../../pid/probe.js';

export const TEMP_FILE_NAME = /^\.(.+)\.hermes-codemod-(\d+)-(\d+)\.(tmp|orig)$/s;

export interface LeftoverTempFile {
  /** Absolute path. */
  readonly path: string;
  /** The file it was written for, beside it. */
  readonly target: string;
  readonly writer: number;
  readonly kind: 'tmp' | 'orig';
  /** Whether its writer still runs (EPERM reads as running: another user's run is not ours to clean). */
  readonly writerRunning: boolean;
}

/** The leftovers in `folders` (unreadable folders are passed over: the listing names those). */
export function findLeftoverTempFiles(folders: Iterable<string>): LeftoverTempFile[] {
  const found: LeftoverTempFile[] = [];
  for (const folder of folders) {
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch {
      continue;
    }
    for (const name of names) {
      const match = TEMP_FILE_NAME.exec(name);
      if (match === null) continue;
      const writer = Number(match[2]);
      found.push({ path: join(folder, name), target: join(folder, match[1] ?? ''), writer, kind: match[4] === 'orig' ? 'orig' : 'tmp', writerRunning: writer !== process.pid && pidIsAlive(writer, { treatPermissionDeniedAsAlive: true }) });
    }
  }
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Removes a `.tmp` whose writer is gone; true when it did. Never a `.orig`, never a running writer's file. */
export function removeLeftover(file: LeftoverTempFile): boolean {
  if (file.kind !== 'tmp' || file.writerRunning) return false;
  try {
    rmSync(file.path);
    return true;
  } catch {
    return false;
  }
}
