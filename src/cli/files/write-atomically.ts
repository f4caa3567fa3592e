// Writing a rewritten file so that only its content changes: same owner, group, mode, and the same
// inode when other names link to it.
import { closeSync, fchmodSync, fchownSync, fstatSync, fsyncSync, ftruncateSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

let counter = 0;

/** A file left as it was because writing it would lose what it is; the message says why. */
export class NotWritten extends Error {}

function tempName(target: string, kind: string): string {
  return join(dirname(target), `.${basename(target)}.hermes-codemod-${process.pid}-${counter++}.${kind}`);
}

function code(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

/**
 * Replaces the content of `target` (a real path, no symlink) by `bytes`, if it still holds `original`.
 * A file with one link gets a temp file in the same folder with the original owner, group and mode,
 * then a rename: a crash leaves the old file or the new one. A file with more links is written in place
 * (a rename would split it from its twins), with a copy of the old content kept beside it until the
 * write succeeded. Throws NotWritten when owner, group or mode cannot be kept.
 */
export function writeAtomically(target: string, bytes: Buffer, original: Buffer): void {
  const stats = statSync(target);
  if (!stats.isFile()) throw new NotWritten('not a regular file');
  if (!readFileSync(target).equals(original)) throw new NotWritten('the file changed while the codemod ran');
  if (stats.nlink > 1) writeInPlace(target, bytes, original);
  else replaceByRename(target, bytes, stats);
}

function replaceByRename(target: string, bytes: Buffer, stats: { uid: number; gid: number; mode: number }): void {
  const temp = tempName(target, 'tmp');
  const mode = stats.mode & 0o7777;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    try {
      writeSync(fd, bytes);
      if (process.platform !== 'win32') {
        const own = fstatSync(fd);
        if (own.uid !== stats.uid || own.gid !== stats.gid) {
          try {
            fchownSync(fd, stats.uid, stats.gid);
          } catch (error) {
            throw new NotWritten(`cannot keep its owner ${stats.uid}:${stats.gid} (${code(error)}); run as that user, or as root`);
          }
        }
      }
      fchmodSync(fd, mode); // after chown, which clears set-id bits
      const made = fstatSync(fd);
      if ((made.mode & 0o7777) !== mode) throw new NotWritten(`cannot keep its mode ${mode.toString(8)}`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

function writeInPlace(target: string, bytes: Buffer, original: Buffer): void {
  let fd: number;
  try {
    fd = openSync(target, 'r+');
  } catch (error) {
    throw new NotWritten(`cannot write it in place (it has other hard links): ${code(error)}`);
  }
  try {
    const backup = tempName(target, 'orig');
    writeFileSync(backup, original, { flag: 'wx', mode: 0o600 });
    const put = (content: Buffer): void => {
      writeSync(fd, content, 0, content.length, 0);
      ftruncateSync(fd, content.length);
      fsyncSync(fd);
    };
    try {
      put(bytes);
    } catch (error) {
      try {
        put(original);
      } catch {
        // The backup stays: it is the only whole copy of the old content.
        throw new Error(`writing in place failed (${code(error)}) and so did restoring it; the old content is in ${backup}`);
      }
      rmSync(backup, { force: true });
      throw error;
    }
    rmSync(backup, { force: true });
  } finally {
    closeSync(fd);
  }
}
