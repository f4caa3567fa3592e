// Listing a folder that holds several git work trees (each listed by git, the rest walked with
// .gitignore rules), and output that does not depend on how many workers parse the candidates.
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './support.js';

const PROBE = `export function isUp(pid) {\n  try {\n    process.kill(pid, 0);\n    return true;\n  } catch {\n    return false;\n  }\n}\n`;
const corpus = fileURLToPath(new URL('../fixtures/', import.meta.url));
const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'hermes-scale-'));
  scratch.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const git = (dir: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=ci', '-c', 'init.defaultBranch=main', ...args], { cwd: dir, encoding: 'utf8' });

/** `dir` made a git work tree with everything in it committed, except `untracked`. */
function commit(dir: string, untracked: readonly string[] = []): void {
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  for (const path of untracked) git(dir, 'rm', '-q', '--cached', path);
  git(dir, 'commit', '-q', '-m', 'init');
}

/** Paths of the sites a --json run reports, in its order. */
function sitePaths(stdout: string): string[] {
  return (JSON.parse(stdout) as { files: { path: string }[] }).files.map((file) => file.path);
}

// Each case runs the CLI two to four times over dozens of files: minutes on a busy 2-core machine.
const SLOW = { timeout: 240_000 };

describe('hermes-codemod on a folder that is not a git work tree', SLOW, () => {
  it('lists each work tree under it by git (tracked and untracked, not ignored) and walks the rest with its .gitignore files', () => {
    const dir = tree({
      // Walked: a root .gitignore, a nested one that re-includes a file, an ignored folder never entered.
      '.gitignore': 'generated/\n*.gen.js\n',
      'loose/probe.js': PROBE,
      'loose/skip.gen.js': PROBE,
      'loose/.gitignore': '!keep.gen.js\n',
      'loose/keep.gen.js': PROBE,
      'generated/probe.js': PROBE,
      'node_modules/dep/probe.js': PROBE,
      // A work tree: git's rules, not the outer .gitignore (which would drop *.gen.js).
      'repo-a/.gitignore': 'ignored/\n',
      'repo-a/src/probe.js': PROBE,
      'repo-a/src/tracked.gen.js': PROBE,
      'repo-a/src/new.js': PROBE,
      'repo-a/ignored/probe.js': PROBE,
      // Another, deeper, and its own nested .gitignore.
      'group/repo-b/lib/probe.ts': PROBE,
      'group/repo-b/lib/.gitignore': 'local.ts\n',
      'group/repo-b/lib/local.ts': PROBE,
    });
    commit(join(dir, 'repo-a'), ['src/new.js']);
    commit(join(dir, 'group/repo-b'));
    const run = runCli(['--check', '--json', '.'], dir, { GIT_CEILING_DIRECTORIES: dirname(dir) });
    expect(run.stderr).toBe('');
    expect(sitePaths(run.stdout)).toEqual(['group/repo-b/lib/probe.ts', 'loose/keep.gen.js', 'loose/probe.js', 'repo-a/src/new.js', 'repo-a/src/probe.js', 'repo-a/src/tracked.gen.js']);
    expect(run.status).toBe(1);
  });

  it('walks a work tree git cannot list', () => {
    const dir = tree({ 'repo/.gitignore': 'skip/\n', 'repo/probe.js': PROBE, 'repo/skip/probe.js': PROBE });
    commit(join(dir, 'repo'));
    const run = runCli(['--check', '--json', '.'], dir, { GIT_CEILING_DIRECTORIES: dirname(dir), GIT_DIR: join(dir, 'no-such-git-dir') });
    expect(sitePaths(run.stdout)).toEqual(['repo/probe.js']);
  });

  it('walks the one work tree git cannot list among several it lists (git runs for several trees per process)', () => {
    const dir = tree({ 'a/probe.js': PROBE, 'a/untracked.js': PROBE, 'broken/.gitignore': 'skip/\n', 'broken/probe.js': PROBE, 'broken/skip/probe.js': PROBE, 'c/d/probe.js': PROBE, 'e/probe.js': PROBE });
    for (const repo of ['a', 'broken', 'c/d', 'e']) commit(join(dir, repo), repo === 'a' ? ['untracked.js'] : []);
    rmSync(join(dir, 'broken/.git/HEAD')); // no longer a repository to git; still a folder holding .git
    const run = runCli(['--check', '--json', '.'], dir, { GIT_CEILING_DIRECTORIES: dirname(dir) });
    expect(sitePaths(run.stdout)).toEqual(['a/probe.js', 'a/untracked.js', 'broken/probe.js', 'c/d/probe.js', 'e/probe.js']);
  });
});

describe('hermes-codemod in a git work tree', SLOW, () => {
  it('lists the work trees nested in it (not submodules) by git too', () => {
    const dir = tree({ 'probe.js': PROBE, 'checkouts/tool/.gitignore': 'gen/\n', 'checkouts/tool/probe.js': PROBE, 'checkouts/tool/gen/probe.js': PROBE, 'checkouts/tool/deeper/lib/probe.js': PROBE });
    commit(join(dir, 'checkouts/tool/deeper/lib'));
    // Each checkout inside another, never added to the outer repository.
    for (const [repo, files] of [['checkouts/tool', ['.gitignore', 'probe.js']], ['.', ['probe.js']]] as const) {
      git(join(dir, repo), 'init', '-q');
      git(join(dir, repo), 'add', ...files);
      git(join(dir, repo), 'commit', '-q', '-m', 'init');
    }
    const run = runCli(['--check', '--json', '.'], dir, { GIT_CEILING_DIRECTORIES: dirname(dir) });
    expect(sitePaths(run.stdout)).toEqual(['checkouts/tool/deeper/lib/probe.js', 'checkouts/tool/probe.js', 'probe.js']);
  });

  it('walks a folder the work tree ignores when it is named on the command line, and only then', () => {
    const dir = tree({ '.gitignore': 'vendor/\n', 'probe.js': PROBE, 'vendor/.gitignore': 'skip/\n', 'vendor/probe.js': PROBE, 'vendor/skip/probe.js': PROBE, 'vendor/repo/probe.js': PROBE });
    commit(join(dir, 'vendor/repo'));
    commit(dir);
    const env = { GIT_CEILING_DIRECTORIES: dirname(dir) };
    expect(sitePaths(runCli(['--check', '--json', '.'], dir, env).stdout)).toEqual(['probe.js']);
    const named = runCli(['--check', '--json', 'vendor'], dir, env);
    expect(named.stderr).toBe('');
    expect(sitePaths(named.stdout)).toEqual(['vendor/probe.js', 'vendor/repo/probe.js']);
  });
});

describe('hermes-codemod output with one worker and with many', SLOW, () => {
  // Every case of the fixture corpus, in a folder of its own: dozens of candidates.
  const template = mkdtempSync(join(tmpdir(), 'hermes-workers-'));
  scratch.push(template);
  for (const name of readdirSync(corpus, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name)) {
    const input = readdirSync(join(corpus, name)).find((file) => file.startsWith('input.'));
    if (input !== undefined) cpSync(join(corpus, name, input), join(template, 'src', name, input));
  }
  // A package.json, so that the dependency notes name no temporary folder (the copies differ there).
  writeFileSync(join(template, 'package.json'), '{ "name": "workers", "private": true }\n');
  commit(template);
  const copy = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'hermes-workers-'));
    scratch.push(dir);
    cpSync(template, dir, { recursive: true });
    return dir;
  };
  const files = (dir: string): Record<string, string> => Object.fromEntries(readdirSync(join(dir, 'src'), { recursive: true, encoding: 'utf8' }).filter((path) => path.includes('input.')).map((path) => [path, readFileSync(join(dir, 'src', path), 'utf8')]));

  it.each([{ args: ['--check'] }, { args: ['--check', '--json'] }, { args: ['--dry', '--json', '--strict'] }])('$args prints the same bytes on the main thread, with one worker and with many', ({ args }) => {
    const one = runCli([...args, 'src'], template, { HERMES_CODEMOD_WORKERS: '1' });
    const many = runCli([...args, 'src'], template, { HERMES_CODEMOD_WORKERS: '3' });
    const none = runCli([...args, 'src'], template, { HERMES_CODEMOD_WORKERS: '0' });
    expect(one.stdout.length).toBeGreaterThan(1000);
    for (const other of [many, none]) {
      expect(other.stdout).toBe(one.stdout);
      expect(other.stderr).toBe(one.stderr);
      expect(other.status).toBe(one.status);
    }
  });

  it.each([{ args: [] }, { args: ['--json', '--write'] }])('a real run with $args writes the same files and prints the same report', ({ args }) => {
    const [a, b] = [copy(), copy()];
    const one = runCli([...args, 'src'], a, { HERMES_CODEMOD_WORKERS: '1' });
    const many = runCli([...args, 'src'], b, { HERMES_CODEMOD_WORKERS: '3' });
    expect(one.stdout).toMatch(/files changed\s+[1-9]|"filesChanged": [1-9]/);
    expect(many.stdout).toBe(one.stdout);
    expect(many.status).toBe(one.status);
    expect(files(b)).toEqual(files(a));
    expect(files(a)).not.toEqual(files(template));
  });
});
