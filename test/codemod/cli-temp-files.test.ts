// Temporary files of an interrupted write run (`.<name>.hermes-codemod-<pid>-<n>.tmp`, left by a
// SIGKILL) are named by the next run, and removed by the next write run when their writer is gone.
// Planted here with the pid of a real process: one that has exited, and this test's own (running).
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './support.js';
import { PROBE_CJS, removeTempTrees, tempTree } from './temp-tree.js';

afterAll(removeTempTrees);

/** The pid of a child that has exited and been reaped: no process has it (until the kernel reuses it). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
  return Number(child.stdout.trim());
}

function plant(): { dir: string; dead: string; running: string; backup: string; pid: number } {
  const dir = tempTree({ 'package.json': '{ "name": "app" }\n', 'lib/probe.js': PROBE_CJS });
  const pid = deadPid();
  const dead = `lib/.probe.js.hermes-codemod-${pid}-0.tmp`;
  const running = `lib/.probe.js.hermes-codemod-${process.pid}-3.tmp`;
  const backup = `lib/.probe.js.hermes-codemod-${pid}-1.orig`;
  for (const name of [dead, running, backup]) writeFileSync(join(dir, name), PROBE_CJS.slice(0, 40));
  return { dir, dead, running, backup, pid };
}

describe('temporary files of an interrupted write run', () => {
  it('--check and --json name them and remove nothing', () => {
    const { dir, dead, running, backup, pid } = plant();
    const check = runCli(['--check'], dir);
    expect(check.stderr).toContain(`hermes-codemod: note: ${dead}: a temporary file left by an interrupted run (pid ${pid}, gone); a write run removes it\n`);
    expect(check.stderr).toContain(`hermes-codemod: note: ${running}: a temporary file left by an interrupted run (pid ${process.pid}); kept: pid ${process.pid} still runs\n`);
    expect(check.stderr).toContain(`${backup}: the backup of an in-place write of lib/probe.js left by an interrupted run (pid ${pid}, gone); kept: compare it`);
    const json = JSON.parse(runCli(['--json'], dir).stdout) as { temporaryFiles: { path: string; removed: boolean }[] };
    expect(json.temporaryFiles.map((file) => [file.path, file.removed])).toEqual([
      [dead, false],
      [backup, false],
      [running, false],
    ].sort());
    for (const name of [dead, running, backup]) expect(existsSync(join(dir, name))).toBe(true);
  });

  it('a write run removes the one whose writer is gone, keeps the running writer\'s and the backup, and says so', () => {
    const { dir, dead, running, backup } = plant();
    const run = runCli([], dir);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(new RegExp(`note: ${dead.replace(/\./g, '\\.')}: a temporary file left by an interrupted run \\(pid \\d+, gone\\); removed\\n`));
    expect(existsSync(join(dir, dead))).toBe(false);
    expect(existsSync(join(dir, running))).toBe(true);
    expect(existsSync(join(dir, backup))).toBe(true);
  });
});
