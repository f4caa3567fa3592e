// What makes a string unusable as the module pidIsAlive is imported from: one answer for the CLI's
// --import-source and the ts-morph API's importSource.
import validatePackageName from 'validate-npm-package-name';
import { RELATIVE } from './import-source-for.js';

/** Why `value` cannot be an --import-source, or undefined when it can. */
export function importSourceProblem(value: string): string | undefined {
  if (value.trim() === '') return 'is empty';
  if (value !== value.trim()) return 'has leading or trailing white space';
  if ([...value].some((c) => c < ' ' || (c >= '\u007f' && c <= '\u009f') || c === '\u2028' || c === '\u2029')) return 'contains a control character';
  if (RELATIVE.test(value) || value.startsWith('/') || /^[A-Za-z]:[/\\]/.test(value)) return undefined; // a path
  if (/^#[^/]/.test(value)) return undefined; // a package.json "imports" name
  const bare = value.startsWith('node:') ? value.slice('node:'.length) : value;
  const name = /^(?:@[^/]+\/)?[^/]+/.exec(bare)?.[0] ?? '';
  const subpath = bare.slice(name.length);
  if (!validatePackageName(name).validForOldPackages || (subpath !== '' && !/^(?:\/[^/\s\\]+)+$/.test(subpath))) {
    return 'is not a module specifier (a package name such as hermes-pid, @scope/pkg or pkg/sub/path, or a ./relative path)';
  }
  return undefined;
}

