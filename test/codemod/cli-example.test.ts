// The built CLI over a copy of examples/legacy-daemon: the rewrite type-checks, the example's own
// tests pass against the rewritten code, the summary says what happened, and a second run is a no-op.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_VERSION } from '../../src/meta.js';
import { repoRoot } from '../support/scratch-project.js';
import { linkExampleDependencies, runCli } from './support.js';

function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      if (entry.name === 'node_modules') continue;
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path, 'latin1'));
    }
  };
  walk(dir);
  return files;
}

function exampleTests(dir: string): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', 'test/daemon.test.ts'], { cwd: dir, encoding: 'utf8' });
  return { status: run.status, output: run.stdout + run.stderr };
}

describe('hermes-codemod on a copy of examples/legacy-daemon', { timeout: 180_000 }, () => {
  let dir: string;
  let original: Map<string, string>;
  beforeAll(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'hermes-example-')), 'legacy-daemon');
    cpSync(join(repoRoot, 'examples/legacy-daemon'), dir, { recursive: true });
    linkExampleDependencies(dir);
    original = snapshot(dir);
  });

  it('starts from a codebase whose own tests pass', () => {
    const run = exampleTests(dir);
    expect(run.output).toMatch(/# pass 5/);
    expect(run.status).toBe(0);
  });

  it('--check and --json report the work and write nothing', () => {
    const check = runCli(['--check', '--json'], dir);
    expect(check.status).toBe(1);
    const report = JSON.parse(check.stdout) as { summary: Record<string, unknown>; files: { path: string; sites: { shape: string; flag: boolean | null; action: string }[] }[] };
    expect(report.summary).toEqual({
      filesScanned: 7,
      filesChanged: 5,
      sitesRewritten: { 'bare-catch-boolean': 1, 'eperm-alive': 1, 'esrch-rethrow': 1, 'gone-branch': 2, 'not-esrch': 1, 'shared-try': 1 },
      sitesLeft: 2,
      behaviourChanges: 2,
      parseErrors: 0,
      errors: 0,
      filesSkipped: 0,
      packageJsonsChanged: 1,
      filesLeftOut: 0,
    });
    const status = report.files.find((f) => f.path === 'scripts/status.cjs');
    expect(status?.sites).toMatchObject([
      { shape: 'not-esrch', flag: true, action: 'rewrite' },
      { shape: 'tri-state', flag: null, action: 'skip' },
    ]);
    expect(snapshot(dir)).toEqual(original);
  });

  it('rewrites the example: it type-checks, its tests pass, and the summary says so', () => {
    const mode = statSync(join(dir, 'src/stop.ts')).mode;
    const run = runCli([], dir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/files scanned\s+7\n/);
    expect(run.stdout).toMatch(/files changed\s+5\n/);
    expect(run.stdout).toMatch(/sites rewritten\s+7\n/);
    expect(run.stdout).toMatch(/of which change behaviour\s+2\n/);
    expect(run.stdout).toMatch(/sites left for review\s+2\n/);
    expect(run.stdout).toContain('src/stop.ts:24:5');
    expect(run.stdout).toMatch(/scripts\/status\.cjs:17:5 +tri-state/);
    expect(run.stdout).toMatch(/test\/helpers\.ts:21:3 +no-try/);
    // Seven rewrites, one note on zombies.
    expect(run.stdout.split('reads a zombie').length - 1).toBe(1);
    expect(statSync(join(dir, 'src/stop.ts')).mode).toBe(mode);
    const after = snapshot(dir);
    expect(after.get('scripts/status.cjs')).toContain("const { pidIsAlive } = require('hermes-pid');");
    expect(after.get('src/pid-file.ts')).toContain("import { pidIsAlive } from 'hermes-pid';");
    expect(after.get('test/helpers.ts')).toBe(original.get('test/helpers.ts'));
    expect(after.get('src/pid-file.ts')).not.toContain('process.kill(pid, 0)');
    expect((JSON.parse(after.get('package.json') ?? '{}') as { dependencies?: unknown }).dependencies).toEqual({ 'hermes-pid': `^${PACKAGE_VERSION}` });
    expect(run.stdout).toMatch(/added to dependencies in:\n {2}package\.json\n/);

    const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
    expect(execFileSync(process.execPath, [tsc, '--noEmit', '-p', '.'], { cwd: dir, encoding: 'utf8' })).toBe('');
    const tests = exampleTests(dir);
    expect(tests.output).toMatch(/# pass 5/);
    expect(tests.status).toBe(0);

    // A second run changes nothing; what is left for review is still listed.
    const again = runCli([], dir);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/files changed\s+0\n/);
    expect(again.stdout).not.toContain('zombie');
    expect(snapshot(dir)).toEqual(after);
  });
});
