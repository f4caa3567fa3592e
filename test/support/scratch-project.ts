import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

export function npmRun(args: readonly string[], cwd: string): string {
  return execFileSync(npm, [...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

let tarball: string | undefined;
const made: string[] = [];

/** A fresh temporary folder, removed by removeScratchProjects(). */
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes every folder this module made in this test file (tarball included); call it in afterAll. */
export function removeScratchProjects(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  tarball = undefined;
}

/** `npm pack` of the built repo, made once per test run: what a user would download. */
export function packedTarball(): string {
  if (tarball !== undefined) return tarball;
  const dir = tempDir('hermes-pack-');
  // The build already ran (pretest); --ignore-scripts keeps pack from building again.
  npmRun(['pack', '--ignore-scripts', '--pack-destination', dir, repoRoot], repoRoot);
  const file = readdirSync(dir).find((name) => name.endsWith('.tgz'));
  if (file === undefined) throw new Error(`npm pack left no tarball in ${dir}`);
  tarball = join(dir, file);
  return tarball;
}

/** A fresh folder with its own package.json and hermes-pid installed from the packed tarball. */
export function scratchProject(devDependencies: Record<string, string> = {}): string {
  const dir = tempDir('hermes-scratch-');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'scratch', private: true, version: '1.0.0' }, null, 2));
  npmRun(['install', '--prefer-offline', '--no-audit', '--no-fund', packedTarball(), ...Object.entries(devDependencies).map(([n, v]) => `${n}@${v}`)], dir);
  return dir;
}
