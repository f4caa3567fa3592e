// Temporary source trees for the CLI tests: files (text or bytes), optionally a committed git work tree.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

const made: string[] = [];

/** A probe in a CommonJS function: rewritten by the codemod (bare-catch-boolean). */
export const PROBE_CJS = `function isUp(pid) {\n  try {\n    process.kill(pid, 0);\n    return true;\n  } catch {\n    return false;\n  }\n}\nmodule.exports = { isUp };\n`;

/**
 * `<parent>/tree` holding `files`; `<parent>` is a fresh temp folder, so a test can put things next to
 * the tree (`<parent>/outside`). A git work tree with everything committed when `git` is set.
 */
export function tempTree(files: Record<string, string | Buffer>, options: { git?: boolean } = {}): string {
  const parent = mkdtempSync(join(tmpdir(), 'hermes-tree-'));
  made.push(parent);
  const dir = join(parent, 'tree');
  writeFiles(dir, files);
  if (options.git === true) {
    git(dir, 'init', '-q');
    commitAll(dir);
  }
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string | Buffer>): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
}

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, encoding: 'utf8' });
}

export function commitAll(dir: string): void {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '--allow-empty', '-m', 'state');
}

/** Every file under `dir` (not .git, not node_modules), by relative path, as bytes. */
export function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      if (entry.name === '.git' || entry.name === 'node_modules') continue;
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.set(relative(dir, path), readFileSync(path));
    }
  };
  walk(dir);
  return files;
}

/** Removes every tree this module made in this test file; call it in afterAll. */
export function removeTempTrees(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
