// The rewrite keeps what each site meant: generated boolean helpers run before and after the codemod
// against a process.kill that answers alive, ESRCH, EPERM or EINVAL, with the real pidIsAlive. Where the
// engine says "no behaviour change", every answer must be the same; where it says otherwise, it says why.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { transformSource } from '../../src/codemod/index.js';
import { pidIsAlive } from '../../src/index.js';
import { killAndReap } from '../support/processes.js';

const TRY = ['process.kill(pid, 0);\n    return true;', 'return process.kill(pid, 0);', 'process.kill(pid, 0);'];
const CATCH_WITH_ERROR = [
  'return false;',
  "return e.code === 'EPERM';",
  "return e.code !== 'ESRCH';",
  "if (e.code === 'ESRCH') return false;\n    throw e;",
  "if (e.code === 'EPERM') return true;\n    return false;",
  "if (e.code === 'ESRCH') return false;",
  "const { code } = e;\n    return code === 'EPERM';",
  'console.log(e.message);\n    return false;',
  '',
];
const CATCH_WITHOUT_ERROR = ['return false;', '', 'return true;'];
const AFTER = ['', 'return false;', 'return true;'];
const MODES = ['alive', 'ESRCH', 'EPERM', 'EINVAL'] as const;

const realKill = process.kill.bind(process);
afterEach(() => {
  process.kill = realKill;
});

/** What `f(4242)` answers (or that it throws) when process.kill behaves as `mode`. */
function answer(f: (pid: number) => unknown, mode: (typeof MODES)[number]): unknown {
  process.kill = ((): true => {
    if (mode === 'alive') return true;
    throw Object.assign(new Error(mode), { code: mode });
  }) as typeof process.kill;
  try {
    return f(4242);
  } catch (error) {
    return `throws ${(error as { code?: string }).code ?? ''}`;
  } finally {
    process.kill = realKill;
  }
}

const load = (source: string): ((pid: number) => unknown) =>
  new Function('pidIsAlive', 'console', `${source}\nreturn f;`)(pidIsAlive, { log: () => undefined }) as (pid: number) => unknown;

/**
 * Runs the engine on `source` (a CommonJS `function f(pid)`) and, where it rewrites without reporting
 * a behaviour change, checks every answer is kept. True when the answers were compared.
 */
function keepsAnswers(source: string): boolean {
  const result = transformSource(source, { fileName: 'f.cjs' });
  const [site] = result.sites;
  expect(site).toBeDefined();
  if (site?.action !== 'rewrite') {
    expect(result.output).toBe(source);
    return false;
  }
  const rewritten = result.output.replace("const { pidIsAlive } = require('hermes-pid');\n", '');
  expect(rewritten).not.toContain('process.kill');
  if (site.behaviourChange) {
    expect(site.reason).toMatch(/now read/);
    return false;
  }
  const before = load(source);
  const after = load(rewritten);
  for (const mode of MODES) expect([mode, answer(after, mode)]).toEqual([mode, answer(before, mode)]);
  return true;
}

it('keeps every answer of generated boolean helpers unless it reports a behaviour change', () => {
  let compared = 0;
  fc.assert(
    fc.property(
      fc.constantFrom(...TRY),
      fc.boolean(),
      fc.constantFrom(...CATCH_WITH_ERROR),
      fc.constantFrom(...CATCH_WITHOUT_ERROR),
      fc.constantFrom(...AFTER),
      (tryBody, withError, catchWithError, catchWithout, after) => {
        const catchClause = withError ? `catch (e) {\n    ${catchWithError}\n  }` : `catch {\n    ${catchWithout}\n  }`;
        const source = `function f(pid) {\n  try {\n    ${tryBody}\n  } ${catchClause}\n  ${after}\n}\n`;
        if (keepsAnswers(source)) compared++;
      },
    ),
    { numRuns: 300, seed: 4242 },
  );
  expect(compared).toBeGreaterThan(20);
});

const PID = ['pid', 'Number(pid)'];
const REST = ['', "state = 'alive';", "log.push('alive');"];
const GONE = [
  "catch {\n    log.push('gone');\n  }",
  'catch {}',
  "catch (e) {\n    if (e.code === 'ESRCH') {\n      log.push('gone');\n    } else throw e;\n  }",
  "catch (e) {\n    if (e.code !== 'ESRCH') throw e;\n    log.push('gone');\n  }",
  "catch (e) {\n    if (e.code === 'ESRCH') log.push('gone');\n  }",
  "catch (error) {\n    const { code } = error;\n    if (code === 'ESRCH' || code === 'EPERM') {\n      log.push('gone');\n    } else {\n      throw error;\n    }\n  }",
];

it('keeps the alive and gone paths of generated statement-position probes unless it reports a behaviour change', () => {
  let compared = 0;
  fc.assert(
    fc.property(fc.constantFrom(...PID), fc.constantFrom(...REST), fc.constantFrom(...GONE), (pid, rest, gone) => {
      const source = `function f(pid) {\n  const log = [];\n  let state = 'unknown';\n  try {\n    process.kill(${pid}, 0);\n    ${rest}\n  } ${gone}\n  return state + ':' + log.join(',');\n}\n`;
      if (keepsAnswers(source)) compared++;
    }),
    { numRuns: 100, seed: 4243 },
  );
  expect(compared).toBeGreaterThan(5);
});

// Group and self probes against real processes: pid 0 (this process's group), -pid (a group we
// started), -1 (every process we may signal) and a const bound to -pid. The engine must leave each
// file as it is, so the "rewritten" module answers as the original; a pidIsAlive rewrite would not.
const GROUP_PROBES: Record<string, string> = {
  'pid 0': 'process.kill(0, 0);',
  '-pid': 'process.kill(-pid, 0);',
  '-1': 'process.kill(-1, 0);',
  'const G = -pid': 'const G = -pid;\n    process.kill(G, 0);',
};

/** A detached child: the leader of a new process group whose id is its pid. */
async function startGroupLeader(): Promise<ChildProcess & { pid: number }> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000); process.send?.("up")'], { detached: true, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  await once(child, 'message');
  if (child.pid === undefined) throw new Error('group leader has no pid');
  return child as ChildProcess & { pid: number };
}

describe.skipIf(process.platform === 'win32')('group and self probes', () => {
  it.each(Object.entries(GROUP_PROBES))('%s: left as it is, so it answers as before while the group lives and after it is gone', async (_form, probe) => {
    const source = `function f(pid) {\n  try {\n    ${probe}\n    return true;\n  } catch (e) {\n    return e.code === 'EPERM';\n  }\n}\n`;
    const result = transformSource(source, { fileName: 'f.cjs' });
    expect(result.sites.map((s) => [s.shape, s.action])).toEqual([['process-group-probe', 'skip']]);
    expect(result.output).toBe(source);
    const before = load(source);
    const after = load(result.output);
    const leader = await startGroupLeader();
    try {
      // The group exists, so every form answers true on POSIX; pidIsAlive cannot say so for a group.
      expect(before(leader.pid)).toBe(true);
      expect(after(leader.pid)).toBe(before(leader.pid));
      expect(pidIsAlive(-leader.pid)).toBe(false);
    } finally {
      await killAndReap(leader);
    }
    expect(after(leader.pid)).toBe(before(leader.pid));
  });

  it('still rewrites a pid that is an arbitrary expression, and answers as before for real processes', async () => {
    const source = "function f(pid) {\n  try {\n    process.kill(Number(String(pid)), 0);\n    return true;\n  } catch (e) {\n    return e.code === 'EPERM';\n  }\n}\n";
    const result = transformSource(source, { fileName: 'f.cjs' });
    expect(result.sites.map((s) => [s.shape, s.action])).toEqual([['eperm-alive', 'rewrite']]);
    const before = load(source);
    const after = load(result.output.replace("const { pidIsAlive } = require('hermes-pid');\n", ''));
    const child = await startGroupLeader();
    expect([before(child.pid), after(child.pid)]).toEqual([true, true]);
    await killAndReap(child);
    expect([before(child.pid), after(child.pid)]).toEqual([false, false]);
  });
});
