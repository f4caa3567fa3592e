// The codemod never passes what it did not read: a folder or file it cannot read (mode 000, for a user
// without permission) is an error, named with the reason, exit 2 with --check, --dry and in a write run,
// and a write run then writes nothing at all. Git work trees (git warns and goes on) and plain folders.
import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OtherUserCli, otherUserCli } from './other-user-cli.js';
import { commitAll, git, PROBE_CJS, removeTempTrees, snapshot, tempTree } from './temp-tree.js';

let cli: OtherUserCli;
beforeAll(() => {
  cli = otherUserCli();
}, 120_000);
afterAll(() => {
  removeTempTrees();
  cli.remove();
});

const FILES = { 'package.json': '{ "name": "app", "version": "1.0.0" }\n', 'src/ok.js': PROBE_CJS, 'noread/probe.js': PROBE_CJS };

/** The tree, handed to the CLI's user, with `closed` made mode 000 (after any commit). */
function treeWith(closed: string, git: boolean): string {
  const dir = tempTree(FILES, { git });
  cli.give(dir);
  chmodSync(join(dir, closed), 0o000);
  return dir;
}

const FOLDER = /noread\/: cannot read this folder \(EACCES: permission denied\): none of its files were processed/;

describe('hermes-codemod and a folder it cannot read', { timeout: 120_000 }, () => {
  it.each([{ git: false }, { git: true }])('git: $git: --check names it with the reason and exits 2, named or met in the walk', ({ git }) => {
    const dir = treeWith('noread', git);
    for (const args of [['--check', 'noread'], ['--check']]) {
      const run = cli.run(args, dir);
      expect(run.stdout, args.join(' ')).toMatch(FOLDER);
      // Listing `.` in git, the tracked file under it comes from the index and is named too: it could not be read either.
      expect(run.stdout).toMatch(git && args.length < 2 ? /I\/O errors\s+2\n[^]*noread\/probe\.js: cannot read it \(EACCES: permission denied\)/ : /I\/O errors\s+1\n/);
      expect(run.stderr).not.toContain('no JavaScript or TypeScript files');
      expect(run.status, args.join(' ')).toBe(2);
    }
  });

  it.each([{ git: false }, { git: true }])('git: $git: a write run writes nothing (not even the readable files) and exits 2; --dry exits 2 too', ({ git }) => {
    const dir = treeWith('noread', git);
    const before = snapshot(join(dir, 'src'));
    const manifest = readFileSync(join(dir, 'package.json'));
    const write = cli.run(['--force'], dir);
    expect(write.stderr).toMatch(/^hermes-codemod: nothing written: (?:1 file or folder|2 files or folders) could not be read \(listed in the report\)/m);
    expect(write.stdout).toMatch(FOLDER);
    expect(write.stdout).toMatch(/files would be changed\s+1\n/);
    expect(write.status).toBe(2);
    expect(snapshot(join(dir, 'src'))).toEqual(before);
    expect(readFileSync(join(dir, 'package.json'))).toEqual(manifest);

    const json = cli.run(['--json', '--write', '--force'], dir);
    expect(json.status).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ written: false, summary: { errors: git ? 2 : 1 } });
    expect(snapshot(join(dir, 'src'))).toEqual(before);

    const dry = cli.run(['--dry'], dir);
    expect(dry.stdout).toMatch(FOLDER);
    expect(dry.status).toBe(2);
  });
});

describe('hermes-codemod and a folder it cannot read inside nested work trees', { timeout: 120_000 }, () => {
  it('names it and exits 2 when two or more work trees are listed at once (one shell per core runs git for them)', () => {
    const dir = tempTree({ 'a/package.json': FILES['package.json'], 'a/src/ok.js': PROBE_CJS, 'b/package.json': FILES['package.json'], 'b/src/ok.js': PROBE_CJS, 'b/noread/probe.js': PROBE_CJS, 'c/src/ok.js': PROBE_CJS });
    for (const tree of ['a', 'b', 'c']) {
      git(join(dir, tree), 'init', '-q');
      commitAll(join(dir, tree));
    }
    // Untracked from here on: git meets the folder while it looks for untracked files, warns and goes on.
    git(join(dir, 'b'), 'rm', '-q', '--cached', 'noread/probe.js');
    commitAll(join(dir, 'b'));
    cli.give(dir);
    chmodSync(join(dir, 'b/noread'), 0o000);
    const run = cli.run(['--check'], dir);
    expect(run.stdout).toMatch(/b\/noread\/: cannot read this folder \(EACCES: permission denied\): none of its files were processed/);
    expect(run.status).toBe(2);
  });
});

describe('hermes-codemod and a file it cannot read', { timeout: 120_000 }, () => {
  it.each([{ git: false }, { git: true }])('git: $git: named with the reason, exit 2 with --check, and nothing written by a write run', ({ git }) => {
    const dir = treeWith('noread/probe.js', git);
    const check = cli.run(['--check'], dir);
    expect(check.stdout).toMatch(/noread\/probe\.js: cannot read it \(EACCES: permission denied\)\n/);
    expect(check.status).toBe(2);
    const before = readFileSync(join(dir, 'src/ok.js'));
    const write = cli.run(['--force'], dir);
    expect(write.status).toBe(2);
    expect(readFileSync(join(dir, 'src/ok.js'))).toEqual(before);
  });
});
