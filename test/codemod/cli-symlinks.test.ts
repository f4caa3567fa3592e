// Nothing is written outside the tree: a symlink is written through only when its real target is in
// the tree (the paths given and their git work tree), and a file reached by two paths is processed once.
import { lstatSync, readFileSync, readlinkSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './support.js';
import { commitAll, git, PROBE_CJS, removeTempTrees, snapshot, tempTree, writeFiles } from './temp-tree.js';

afterAll(removeTempTrees);

interface Report {
  summary: { filesChanged: number; filesSkipped: number; sitesLeft: number };
  files: { path: string; status: string; reason?: string; sites: { action: string; reason?: string }[] }[];
}

/** A git tree with `evil.mjs -> ../outside/victim.mjs`, the victim a probe that would be rewritten. */
function treeWithEscape(): { dir: string; outside: string } {
  const dir = tempTree({ 'package.json': '{ "name": "app", "type": "module" }\n', 'src/ok.js': PROBE_CJS.replace('module.exports = { isUp };', 'export { isUp };') });
  const outside = join(dirname(dir), 'outside');
  writeFiles(outside, { 'victim.mjs': PROBE_CJS.replace('module.exports = { isUp };', 'export { isUp };') });
  symlinkSync('../outside/victim.mjs', join(dir, 'evil.mjs'));
  git(dir, 'init', '-q');
  commitAll(dir);
  return { dir, outside };
}

describe('hermes-codemod and symlinks', { timeout: 180_000 }, () => {
  it('never writes through a link to a file outside the tree, and says so', () => {
    const { dir, outside } = treeWithEscape();
    const victim = snapshot(outside);
    const run = runCli([], dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/evil\.mjs: symlink to a file outside the tree/);
    expect(snapshot(outside)).toEqual(victim);
    expect(lstatSync(join(dir, 'evil.mjs')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'evil.mjs'))).toBe('../outside/victim.mjs');
    expect(readFileSync(join(dir, 'src/ok.js'), 'utf8')).toContain('pidIsAlive(pid');
  });

  it('--check counts the link as a site for review; --json says why', () => {
    const { dir, outside } = treeWithEscape();
    const victim = snapshot(outside);
    const run = runCli(['--check', '--json', 'evil.mjs'], dir);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.summary).toMatchObject({ filesChanged: 0, filesSkipped: 1, sitesLeft: 1 });
    expect(report.files).toMatchObject([{ path: 'evil.mjs', status: 'skipped', sites: [{ action: 'skip' }] }]);
    expect(report.files[0]?.reason).toMatch(/^symlink to a file outside the tree/);
    // Named on the command line, the link is still not followed out of the tree.
    expect(runCli(['--force', 'evil.mjs'], dir).status).toBe(0);
    expect(snapshot(outside)).toEqual(victim);
  });

  it('writes through a link inside the tree once, and keeps the link a link', () => {
    const dir = tempTree({ 'lib/real.js': PROBE_CJS }, { git: true });
    symlinkSync('lib/real.js', join(dir, 'alias.js'));
    symlinkSync('real.js', join(dir, 'lib/again.js'));
    commitAll(dir);
    const run = runCli(['--json', '--write'], dir);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.summary.filesChanged).toBe(1);
    expect(report.files.map((f) => f.path)).toEqual(['lib/real.js']);
    expect(readFileSync(join(dir, 'lib/real.js'), 'utf8')).toContain('return pidIsAlive(pid, { treatPermissionDeniedAsAlive: false });');
    expect(lstatSync(join(dir, 'alias.js')).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(dir, 'lib/again.js')).isSymbolicLink()).toBe(true);
  });

  it('writes through a link whose target is elsewhere in the same git work tree when given a sub-folder', () => {
    const dir = tempTree({ 'shared/probe.js': PROBE_CJS, 'app/index.js': 'module.exports = 1;\n' });
    symlinkSync('../shared/probe.js', join(dir, 'app/probe.js'));
    git(dir, 'init', '-q');
    commitAll(dir);
    const run = runCli(['app'], dir);
    expect(run.status).toBe(0);
    expect(readFileSync(join(dir, 'shared/probe.js'), 'utf8')).toContain('pidIsAlive(pid');
  });

  it('reports a symlink loop and goes on with the other files', () => {
    const dir = tempTree({ 'ok.js': PROBE_CJS }, { git: true });
    symlinkSync('b.js', join(dir, 'a.js'));
    symlinkSync('a.js', join(dir, 'b.js'));
    commitAll(dir);
    const run = runCli(['--json', '--write'], dir);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.files).toMatchObject([
      { path: 'a.js', status: 'skipped', reason: 'symlink loop' },
      { path: 'b.js', status: 'skipped', reason: 'symlink loop' },
      { path: 'ok.js', status: 'changed' },
    ]);
  });
});
