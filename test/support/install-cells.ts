// The setups test/install-matrix.test.ts installs into, and that the README's "Supported versions"
// names (test/install-matrix-readme.test.ts keeps the two in step).
import { execFileSync } from 'node:child_process';
import { repoRoot } from './scratch-project.js';

export type Manager = 'npm' | 'pnpm' | 'yarn' | 'bun';

export interface Cell {
  readonly manager: Manager;
  readonly typescript: string;
  readonly eslint: string;
  readonly typescriptEslint: string;
  readonly type: 'module' | 'commonjs';
  /** Also add the hermes-codemod tarball and run `hermes-codemod --dry` (its libraries must not clash either). */
  readonly codemod?: boolean;
}

export const CELLS: readonly Cell[] = [
  // The repro, in a CommonJS project: its TypeScript and ESLint first, then `npm install ./hermes-pid-*.tgz`.
  { manager: 'npm', typescript: '5.9.3', eslint: '9.39.1', typescriptEslint: '8.73.0', type: 'commonjs', codemod: true },
  // The floors of the peer ranges package.json declares.
  { manager: 'pnpm', typescript: '5.4.5', eslint: '9.0.0', typescriptEslint: '8.0.0', type: 'module' },
  // typescript-eslint 8.56.0 is the first to accept ESLint 10 (its peer range); Plug'n'Play, yarn's default.
  { manager: 'yarn', typescript: '5.9.3', eslint: '10.15.0', typescriptEslint: '8.56.0', type: 'module' },
  { manager: 'bun', typescript: '6.0.3', eslint: '10.15.0', typescriptEslint: '8.73.0', type: 'commonjs' },
];

/** The registry npm is configured with (a mirror, if one is set): every manager uses the same. */
export const REGISTRY = (() => {
  const configured = execFileSync('npm', ['config', 'get', 'registry'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  return configured.endsWith('/') ? configured : `${configured}/`;
})();

/** Why the registry cannot serve installs, or undefined when it can: tests that install skip with it. */
export async function registryProblem(): Promise<string | undefined> {
  try {
    const response = await fetch(`${REGISTRY}typescript`, { signal: AbortSignal.timeout(20_000), headers: { accept: 'application/vnd.npm.install-v1+json' } });
    return response.ok ? undefined : `the registry ${REGISTRY} answered ${response.status}`;
  } catch (error) {
    return `the registry ${REGISTRY} cannot be reached (${(error as Error).message})`;
  }
}
