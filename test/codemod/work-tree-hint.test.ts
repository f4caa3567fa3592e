// The listing runs no git for a folder git could not find a repository from (work-tree-hint.ts): its
// "no" must never be wrong. Each case is a real folder, and each "no" is checked against git itself.
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mayBeInWorkTree } from '../../src/cli/listing/work-tree-hint.js';
import { git, removeTempTrees, tempTree } from './temp-tree.js';

afterAll(removeTempTrees);

/** Whether git, run in `dir` with `env`, finds a repository (a work tree's or a bare one). */
function gitFinds(dir: string, env: NodeJS.ProcessEnv): boolean {
  return spawnSync('git', ['rev-parse', '--git-dir'], { cwd: dir, env: { ...process.env, ...env }, stdio: 'ignore' }).status === 0;
}

/** The hint's answer, checked against git: a "no" where git finds one is the defect this guards against. */
function hint(dir: string, env: NodeJS.ProcessEnv): boolean {
  const answer = mayBeInWorkTree(dir, env);
  if (!answer) expect(gitFinds(dir, env), `git finds a repository from ${dir}`).toBe(false);
  return answer;
}

describe('whether a folder may be in a git work tree', () => {
  it('says no for a plain folder below a ceiling, as git does', () => {
    const dir = tempTree({ 'src/a.js': '' });
    const env = { GIT_CEILING_DIRECTORIES: dirname(dir) };
    expect(hint(join(dir, 'src'), env)).toBe(false);
    expect(gitFinds(join(dir, 'src'), env)).toBe(false);
  });

  it('says maybe inside a work tree, however deep, and in a linked work tree (.git is a file)', () => {
    const dir = tempTree({ 'deep/er/a.js': '' }, { git: true });
    const env = { GIT_CEILING_DIRECTORIES: dirname(dir) };
    expect(hint(join(dir, 'deep/er'), env)).toBe(true);
    expect(gitFinds(join(dir, 'deep/er'), env)).toBe(true);
    const linked = join(dirname(dir), 'linked');
    git(dir, 'worktree', 'add', '-q', linked);
    expect(hint(join(linked, 'deep/er'), env)).toBe(true);
    expect(gitFinds(join(linked, 'deep/er'), env)).toBe(true);
  });

  it('says maybe in a bare repository (HEAD, no .git) and when GIT_DIR names a repository elsewhere', () => {
    const parent = dirname(tempTree({}));
    const bare = join(parent, 'bare.git');
    mkdirSync(bare);
    git(bare, 'init', '-q', '--bare');
    expect(hint(bare, { GIT_CEILING_DIRECTORIES: parent })).toBe(true);
    const work = join(parent, 'work');
    mkdirSync(work);
    writeFileSync(join(work, 'a.js'), '');
    const env = { GIT_DIR: bare, GIT_WORK_TREE: work, GIT_CEILING_DIRECTORIES: parent };
    expect(hint(work, env)).toBe(true);
    expect(gitFinds(work, env)).toBe(true);
  });

  it('says maybe for a folder under a work tree whose ceiling is above it, and no only where git stops', () => {
    const dir = tempTree({ 'sub/a.js': '' }, { git: true });
    // A ceiling at the work tree itself: git does not go up into it, so finds nothing from sub/.
    const atTree = { GIT_CEILING_DIRECTORIES: dir };
    expect(gitFinds(join(dir, 'sub'), atTree)).toBe(false);
    hint(join(dir, 'sub'), atTree); // either answer is exact here; a "no" is checked against git
    // A ceiling above the work tree: git finds it, and the hint must say maybe.
    expect(hint(join(dir, 'sub'), { GIT_CEILING_DIRECTORIES: dirname(dir) })).toBe(true);
    // A ceiling through a symbolic link: git resolves it, unless it comes after an empty entry.
    mkdirSync(join(dir, 'real/sub'), { recursive: true });
    const link = join(dirname(dir), 'link');
    symlinkSync(join(dir, 'real'), link);
    expect(gitFinds(join(dir, 'real/sub'), { GIT_CEILING_DIRECTORIES: link })).toBe(false);
    hint(join(dir, 'real/sub'), { GIT_CEILING_DIRECTORIES: link });
    expect(hint(join(dir, 'real/sub'), { GIT_CEILING_DIRECTORIES: `:${link}` })).toBe(true);
    // No ceiling at all (a relative one is ignored, as git ignores it).
    expect(hint(join(dir, 'sub'), { GIT_CEILING_DIRECTORIES: 'relative/ceiling' })).toBe(true);
  });
});
