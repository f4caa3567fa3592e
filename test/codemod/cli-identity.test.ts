// A rewritten file keeps what it was: owner and group, mode, and its inode when other names link to it.
import { chmodSync, chownSync, linkSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './support.js';
import { PROBE_CJS, removeTempTrees, tempTree } from './temp-tree.js';

const root = process.getuid?.() === 0;
/** nobody:nogroup on Debian; any id other than ours does. */
const NOBODY = 65534;

afterAll(removeTempTrees);

function leftovers(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.includes('hermes-codemod'));
}

describe('hermes-codemod keeps the identity of the files it rewrites', { timeout: 120_000 }, () => {
  it('keeps each file mode (executable, group-readable, private)', () => {
    const dir = tempTree({ 'bin/run.js': `#!/usr/bin/env node\n${PROBE_CJS}`, 'lib/shared.js': PROBE_CJS, 'lib/private.js': PROBE_CJS });
    const modes = { 'bin/run.js': 0o755, 'lib/shared.js': 0o640, 'lib/private.js': 0o600 };
    for (const [name, mode] of Object.entries(modes)) chmodSync(join(dir, name), mode);
    const run = runCli([], dir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    for (const [name, mode] of Object.entries(modes)) {
      expect(readFileSync(join(dir, name), 'utf8')).toContain('pidIsAlive(pid');
      expect(statSync(join(dir, name)).mode & 0o7777, name).toBe(mode);
    }
    expect(leftovers(dir)).toEqual([]);
  });

  it('writes a hard-linked file in place: both names see the rewrite, on the same inode, processed once', () => {
    const dir = tempTree({ 'lib/probe.js': PROBE_CJS });
    linkSync(join(dir, 'lib/probe.js'), join(dir, 'lib/twin.js'));
    const inode = statSync(join(dir, 'lib/probe.js')).ino;
    const run = runCli(['--json', '--write'], dir);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { summary: { filesChanged: number }; files: { path: string; status: string }[] };
    expect(report.summary.filesChanged).toBe(1);
    expect(report.files.map((f) => f.path)).toEqual(['lib/probe.js']);
    for (const name of ['lib/probe.js', 'lib/twin.js']) {
      const stats = statSync(join(dir, name));
      expect(stats.ino).toBe(inode);
      expect(stats.nlink).toBe(2);
      expect(readFileSync(join(dir, name), 'utf8')).toContain('return pidIsAlive(pid, { treatPermissionDeniedAsAlive: false });');
    }
    expect(leftovers(dir)).toEqual([]);
  });

  it.skipIf(!root)('keeps the owner and group of a file owned by another user (needs root: skipped otherwise)', () => {
    const dir = tempTree({ 'lib/theirs.js': PROBE_CJS, 'lib/mine.js': PROBE_CJS });
    chownSync(join(dir, 'lib/theirs.js'), NOBODY, NOBODY);
    chmodSync(join(dir, 'lib/theirs.js'), 0o664);
    const run = runCli([], dir);
    expect(run.status).toBe(0);
    const theirs = statSync(join(dir, 'lib/theirs.js'));
    expect([theirs.uid, theirs.gid, theirs.mode & 0o7777]).toEqual([NOBODY, NOBODY, 0o664]);
    expect(readFileSync(join(dir, 'lib/theirs.js'), 'utf8')).toContain('pidIsAlive(pid');
    const mine = statSync(join(dir, 'lib/mine.js'));
    expect([mine.uid, mine.gid]).toEqual([process.getuid?.(), process.getgid?.()]);
  });

  it.skipIf(!root)('keeps owner, group and inode of a hard-linked file owned by another user (needs root: skipped otherwise)', () => {
    const dir = tempTree({ 'a.js': PROBE_CJS });
    linkSync(join(dir, 'a.js'), join(dir, 'b.js'));
    chownSync(join(dir, 'a.js'), NOBODY, NOBODY);
    const before = statSync(join(dir, 'b.js'));
    expect(runCli([], dir).status).toBe(0);
    const after = statSync(join(dir, 'b.js'));
    expect([after.ino, after.uid, after.gid, after.mode]).toEqual([before.ino, NOBODY, NOBODY, before.mode]);
    expect(readFileSync(join(dir, 'b.js'), 'utf8')).toContain('pidIsAlive(pid');
  });
});
