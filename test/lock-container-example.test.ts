// docs/lock.md's container example, run as written: a holder as pid 1 of a new pid namespace (a
// container's service), read and refused from the host, then `kill %1`: it releases and exits.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from './support/scratch-project.js';
import { pidNamespaceProblem } from './support/pid-namespace.js';

const noNamespaces = pidNamespaceProblem();

/** The ```sh block after "Containers sharing a volume" in docs/lock.md. */
function containerExample(): string {
  const page = readFileSync(join(repoRoot, 'docs/lock.md'), 'utf8');
  const from = page.indexOf('**Containers sharing a volume: a worked example.**');
  const match = /```sh\n([\s\S]*?)```/.exec(page.slice(from));
  if (from < 0 || match?.[1] === undefined) throw new Error('docs/lock.md has no container example');
  return match[1];
}

// The block's paths are unquoted shell words, as /run/app needs none: a directory without spaces or quotes.
const base = /[\s'"\\$`]/.test(tmpdir()) ? '/tmp' : tmpdir();
const dir = mkdtempSync(join(base, 'hermes-container-example-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(noNamespaces !== undefined)(`docs/lock.md's container example${noNamespaces === undefined ? '' : ` (skipped: ${noNamespaces})`}`, () => {
  it('runs as written: held by pid 1 of the namespace, refused from the host, released and ended by kill %1', () => {
    const script = containerExample();
    expect(script).toContain('kill %1');
    // Only the directory changes: /run/app is the machine's.
    const runnable = script.replaceAll('/run/app', join(dir, 'run/app'));
    // `hermes-pid` resolves to this checkout's build from its root, as from a project that installed it.
    // set -m: job control, as in the interactive shell the block is typed into (kill %1 signals the job's group).
    // The traps end the job if the block hangs (the bug this guards against), so no holder outlives the test.
    const guard = "trap 'kill -KILL %1 2>/dev/null' EXIT; trap 'kill -KILL %1 2>/dev/null; exit 1' TERM";
    const result = spawnSync('bash', ['-c', `set -m\n${guard}\n${runnable}`], { cwd: repoRoot, encoding: 'utf8', timeout: 30_000 });
    expect(result.error).toBeUndefined();
    expect(result.status, result.stderr).toBe(0);
    const out = result.stdout.trim().split('\n');
    // What the block's comments say each node command prints.
    const expected = script
      .split('\n')
      .filter((line) => line.startsWith('# ') && !line.startsWith('# PidLockHeldError'))
      .map((line) => (/^# (.*?)(:|$)/.exec(line)?.[1] ?? '').trim());
    expect(out).toEqual(expected);
    expect(result.stderr).toMatch(/PidLockHeldError: pid lock .* is held by pid 1 /);
  }, 40_000);
});
