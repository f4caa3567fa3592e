import { chmodSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

let counter = 0;

/**
 * Replaces `file`'s content all at once: a temp file in the same folder (same filesystem), the
 * original mode, then a rename. A crash leaves the old file or the new one, never half of each.
 */
export function writeAtomically(file: string, text: string): void {
  const target = realpathSync(file); // write through symlinks, not over them
  const { mode } = statSync(target);
  const temp = join(dirname(target), `.${basename(target)}.hermes-codemod-${process.pid}-${counter++}.tmp`);
  try {
    writeFileSync(temp, text, { flag: 'wx', mode: mode & 0o7777 });
    chmodSync(temp, mode & 0o7777); // the umask may have narrowed it
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
