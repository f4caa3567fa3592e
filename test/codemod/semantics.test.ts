// The rewrite keeps what each site meant: generated boolean helpers run before and after the codemod
// against a process.kill that answers alive, ESRCH, EPERM or EINVAL, with the real pidIsAlive. Where the
// engine says "no behaviour change", every answer must be the same; where it says otherwise, it says why.
import fc from 'fast-check';
import { afterEach, expect, it } from 'vitest';
import { transformSource } from '../../src/codemod/index.js';
import { pidIsAlive } from '../../src/index.js';

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
