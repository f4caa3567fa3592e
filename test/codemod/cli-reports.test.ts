// A report is a dry run: --json and --format json|github|sarif write nothing, in git or out of it,
// unless --write is given.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './support.js';
import { PROBE_CJS, removeTempTrees, snapshot, tempTree } from './temp-tree.js';

afterAll(removeTempTrees);

const FILES = { 'package.json': '{ "name": "app", "version": "1.0.0" }\n', 'lib/probe.js': PROBE_CJS };

describe('hermes-codemod reports write nothing without --write', () => {
  it.each([
    { args: ['--json'], says: /"written": false/ },
    { args: ['--format', 'json'], says: /"written": false/ },
    { args: ['--format', 'github'], says: /::warning file=lib\/probe\.js,line=3,col=5,[^\n]*::Rewrite to pidIsAlive/ },
    { args: ['--format', 'sarif'], says: /"kind": "fail"/ },
  ])('$args outside git (no dirty-tree guard) leaves every file and package.json byte-identical', ({ args, says }) => {
    const dir = tempTree(FILES);
    const before = snapshot(dir);
    const run = runCli(args, dir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(says);
    expect(snapshot(dir)).toEqual(before);
  });

  it('--json --write writes the files and the dependency, and the report says so', () => {
    const dir = tempTree(FILES, { git: true });
    const run = runCli(['--json', '--write'], dir);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { written: boolean; summary: { filesChanged: number }; dependencies: { changed: string[] } };
    expect(report).toMatchObject({ written: true, summary: { filesChanged: 1 }, dependencies: { changed: ['package.json'] } });
    expect(readFileSync(join(dir, 'lib/probe.js'), 'utf8')).toContain('pidIsAlive(pid, { treatPermissionDeniedAsAlive: false })');
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toContain('"hermes-pid"');
  });

  it('--write with --dry or --check is a usage error (exit 2), and --help says reports do not write', () => {
    const dir = tempTree(FILES);
    for (const other of ['--dry', '--check']) {
      const run = runCli(['--json', '--write', other], dir);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/cannot be used with option '--(?:dry|check)'/);
    }
    const help = runCli(['--help'], dir).stdout.replace(/\s+/g, ' ');
    expect(help).toMatch(/--json .*writes nothing unless --write is given/);
    expect(help).toMatch(/--format <format> .*json, github and sarif write nothing unless --write is given/);
  });
});
