import { nodeRequire } from './node-require.js';

/**
 * The plugin, the codemod engine and the CLI need packages that users of the helper alone do not.
 * hermes-pid installs none of them: the plugin's are optional peers with wide ranges (a project's own
 * ESLint, TypeScript and typescript-eslint must never conflict), the codemod's are dependencies of
 * hermes-codemod, not of hermes-pid. Each of those entry points calls this first
 * (scripts/build.mjs puts the call before anything else is loaded), so a missing one is named
 * with the command that installs it, not reported as a failed import deep inside dist/.
 */
export function assertPeersInstalled(entry: string, peers: readonly string[], hint = ''): void {
  const missing = peers.filter((name) => !resolvable(name));
  if (missing.length === 0) return;
  const list = missing.join(' ');
  throw new Error(
    `${entry} needs ${missing.length === 1 ? 'the package' : 'the packages'} ${missing.map((name) => `"${name}"`).join(', ')}, ` +
      `not installed next to hermes-pid: it does not install them itself, so that the helper stays small. ` +
      `Install ${missing.length === 1 ? 'it' : 'them'}: npm install --save-dev ${list}${hint}`,
  );
}

function resolvable(name: string): boolean {
  try {
    nodeRequire.resolve(name);
    return true;
  } catch (error) {
    // A package that exists but exports nothing to require() (ESM only) is installed all the same.
    return (error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND';
  }
}
