// Whether a work tree has uncommitted changes: the CLI writes only over a clean one (unless --force).
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The git work trees holding `paths` that have uncommitted changes (untracked files included).
 * Paths outside git, or a machine without git, count as clean: there is nothing to compare with.
 */
export function dirtyWorkTrees(paths: readonly string[]): string[] {
  const roots = new Set<string>();
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const dir = statSync(path).isDirectory() ? path : dirname(path);
    const top = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, encoding: 'utf8' });
    if (top.status === 0) roots.add(top.stdout.trim());
  }
  return [...roots].filter((root) => {
    const status = spawnSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' });
    return status.status === 0 && status.stdout.trim() !== '';
  });
}
