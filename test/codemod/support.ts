import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/scratch-project.js';

export const cliPath = join(repoRoot, 'dist/esm/src/cli/hermes-codemod.js');

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built hermes-codemod (npm test builds it first) in `cwd`. */
export function runCli(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): CliRun {
  const result = spawnSync(process.execPath, [cliPath, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Links what the example needs (hermes-pid itself, tsx, typescript, @types/node) into `dir`. */
export function linkExampleDependencies(dir: string): void {
  mkdirSync(join(dir, 'node_modules/@types'), { recursive: true });
  symlinkSync(repoRoot, join(dir, 'node_modules/hermes-pid'), 'dir');
  for (const name of ['tsx', 'typescript', '@types/node']) {
    symlinkSync(join(repoRoot, 'node_modules', name), join(dir, 'node_modules', name), 'dir');
  }
}
