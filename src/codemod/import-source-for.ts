// A relative --import-source names a file from where the codemod runs; each file imports it by its own path.
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

/** `./x`, `../x`, `.`, `..` (either slash). */
export const RELATIVE = /^\.\.?(?:[/\\]|$)/;

/** `importSource` as `file` must write it: a `./` or `../` path is rebased onto the file's folder, with forward slashes. */
export function importSourceFor(importSource: string | undefined, cwd: string, file: string): string | undefined {
  if (importSource === undefined || !RELATIVE.test(importSource)) return importSource;
  const target = resolve(cwd, importSource.replaceAll('\\', '/'));
  let path = relative(dirname(file), target).split(sep).join('/');
  if (isAbsolute(path)) return path; // another drive on Windows: nothing relative reaches it
  if (!path.startsWith('../')) path = `./${path}`;
  return path;
}
