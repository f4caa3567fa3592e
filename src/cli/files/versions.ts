// hermes-codemod --version: the hermes-codemod package that ran and the hermes-pid that did the work.
import { readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../../meta.js';

/**
 * `hermes-codemod --version`: the hermes-codemod package that was run (found from the bin script,
 * whatever the install layout) and the hermes-pid whose code did the work. Run straight from
 * hermes-pid's dist (as in this repository's tests), there is no hermes-codemod package to name.
 */
export function versionText(binScript: string | undefined = process.argv[1]): string {
  const codemod = binScript === undefined ? undefined : owningPackage(binScript);
  const lines = codemod?.name === 'hermes-codemod' ? [`hermes-codemod ${codemod.version}`] : [];
  return [...lines, `${PACKAGE_NAME} ${PACKAGE_VERSION}`].join('\n');
}

function owningPackage(file: string): { name?: string; version?: string } | undefined {
  try {
    let dir = dirname(realpathSync(file));
    for (;;) {
      try {
        return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return undefined;
      }
      if (dirname(dir) === dir) return undefined;
      dir = dirname(dir);
    }
  } catch {
    return undefined;
  }
}
