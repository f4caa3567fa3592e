// --import-source: checked once, up front (codemod/import-source-problem.ts, loaded only then); a
// relative path names a file from where the CLI ran, and each file imports it by its own path.
import { RELATIVE } from '../../codemod/import-source-for.js';

export { importSourceFor } from '../../codemod/import-source-for.js';

/** The package a bare specifier names (`@scope/pkg` of `@scope/pkg/sub`); undefined for paths. */
export function packageOfSpecifier(specifier: string): string | undefined {
  if (RELATIVE.test(specifier) || specifier.startsWith('/') || specifier.startsWith('#') || specifier.includes(':')) return undefined;
  return /^(?:@[^/]+\/)?[^/]+/.exec(specifier)?.[0];
}
