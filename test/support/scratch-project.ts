import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

export function npmRun(args: readonly string[], cwd: string): string {
  return execFileSync(npm, [...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

let tarballs: { hermesPid: string; hermesCodemod: string } | undefined;
const made: string[] = [];

/** A fresh temporary folder, removed by removeScratchProjects(). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes every folder this module made in this test file (tarball included); call it in afterAll. */
export function removeScratchProjects(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  tarballs = undefined;
}

/** `npm pack` of the built repo's two packages, made once per test file: what a user would download. */
export function packedTarballs(): { hermesPid: string; hermesCodemod: string } {
  if (tarballs !== undefined) return tarballs;
  const dir = tempDir('hermes-pack-');
  // The build already ran (pretest); --ignore-scripts keeps pack from building again.
  const pack = (folder: string): string => {
    const file = JSON.parse(npmRun(['pack', '--json', '--ignore-scripts', '--pack-destination', dir, folder], repoRoot)) as { filename: string }[];
    const name = file[0]?.filename;
    if (name === undefined) throw new Error(`npm pack ${folder} left no tarball in ${dir}`);
    return join(dir, name);
  };
  tarballs = { hermesPid: pack(repoRoot), hermesCodemod: pack(join(repoRoot, 'packages/hermes-codemod')) };
  return tarballs;
}

/**
 * A fresh folder with its own package.json and hermes-pid installed from the packed tarball (with
 * `codemod`, the hermes-codemod tarball too: its pinned hermes-pid is the tarball beside it, never
 * the public registry's).
 */
export function scratchProject(devDependencies: Record<string, string> = {}, { codemod = false } = {}): string {
  const dir = tempDir('hermes-scratch-');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'scratch', private: true, version: '1.0.0' }, null, 2));
  const { hermesPid, hermesCodemod } = packedTarballs();
  const ours = codemod ? [hermesPid, hermesCodemod] : [hermesPid];
  npmRun(['install', '--prefer-offline', '--no-audit', '--no-fund', ...ours, ...Object.entries(devDependencies).map(([n, v]) => `${n}@${v}`)], dir);
  return dir;
}
