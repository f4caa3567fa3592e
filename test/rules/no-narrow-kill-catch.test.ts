import rule from '../../rules/no-narrow-kill-catch.js';
import { createRuleTester } from './support/rule-tester.js';

const ruleTester = createRuleTester();

const guarded = (signal: string, handler: string): string => `function stop(pid) {
  try {
    process.kill(pid, ${signal});
    return true;
  } catch (e) ${handler}
}`;

ruleTester.run('no-narrow-kill-catch', rule, {
  valid: [
    // handles every error
    guarded("'SIGTERM'", '{ return false; }'),
    guarded("'SIGTERM'", "{ if (e.code === 'ESRCH') return false; return null; }"),
    guarded('0', "{ return e.code === 'EPERM'; }"),
    // only logs
    guarded("'SIGTERM'", '{ console.warn(e); }'),
    // rethrows everything: not narrow, the caller decides
    guarded("'SIGTERM'", '{ cleanup(); throw e; }'),
    // not process.kill
    "function f(p) { try { p.kill(pid, 'SIGTERM'); } catch (e) { if (e.code !== 'ESRCH') throw e; } }",
    "function f(process) { try { process.kill(pid, 0); } catch (e) { if (e.code !== 'ESRCH') throw e; } }",
    // the try does not run the kill: it is in a callback
    "try { setTimeout(() => process.kill(pid, 0)); } catch (e) { if (e.code !== 'ESRCH') throw e; }",
    // around a liveness probe: no-raw-liveness-probe names what the catch does wrong (one report per site)
    guarded('0', "{ if (e.code === 'ESRCH') return false; throw e; }"),
    "function f(pid: number) { try { process.kill(pid, 0); } catch ({ code }: any) { if (code !== 'ESRCH') throw new Error(code); } }",
    // a condition the error code does not decide, with the same outcome both ways
    guarded("'SIGTERM'", '{ if (verbose) console.log(e); return false; }'),
  ],
  invalid: [
    {
      code: guarded("'SIGTERM'", "{ if (e.code !== 'ESRCH') throw e; return false; }"),
      errors: [{ messageId: 'narrowSignalCatch', line: 5, column: 5, data: { handled: 'ESRCH', escaping: 'EPERM, ENOSYS and EINVAL' }, suggestions: [] }],
    },
    {
      code: guarded("'SIGTERM'", "{ if (e.code === 'ESRCH' || e.code === 'EPERM') return false; throw new Error('kill failed'); }"),
      errors: [{ messageId: 'narrowSignalCatch', line: 5, column: 5, data: { handled: 'ESRCH and EPERM', escaping: 'ENOSYS and EINVAL' }, suggestions: [] }],
    },
    {
      code: guarded("'SIGTERM'", "{ return e.code === 'ESRCH' ? false : (() => { throw e; })(); }"),
      errors: [{ messageId: 'narrowSignalCatch', line: 5, column: 5, suggestions: [] }],
    },
    {
      code: guarded("'SIGTERM'", "{ if (isNodeError(e) && e.code === 'ESRCH') return false; throw e; }"),
      errors: [{ messageId: 'narrowSignalCatch', line: 5, column: 5, suggestions: [] }],
    },
    {
      code: guarded("'SIGTERM'", "{ switch (e.code) { case 'ESRCH': return false; default: throw e; } }"),
      errors: [{ messageId: 'narrowSignalCatch', line: 5, column: 5, suggestions: [] }],
    },
    {
      // destructured code, TypeScript cast
      code: "function f(pid: number) { try { process.kill(pid, 'SIGTERM'); } catch ({ code }: any) { if (code !== 'ESRCH') throw new Error(code); } }",
      filename: 'f.ts',
      errors: [{ messageId: 'narrowSignalCatch', line: 1, column: 65, suggestions: [] }],
    },
    {
      code: "function f(pid: number) { try { process.kill(pid, 'SIGTERM'); } catch (e) { if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e; } }",
      filename: 'f.ts',
      errors: [{ messageId: 'narrowSignalCatch', line: 1, column: 65, suggestions: [] }],
    },
    {
      // no branch for the other codes in a function that returns a value
      code: guarded("'SIGTERM'", "{ if (e.code === 'ESRCH') return false; }"),
      errors: [{ messageId: 'missingBranch', line: 5, column: 5, data: { handled: 'ESRCH', escaping: 'EPERM, ENOSYS and EINVAL' }, suggestions: [] }],
    },
    {
      // one report per catch, however many kills its try holds
      code: "try { process.kill(a, 'SIGTERM'); process.kill(b, 'SIGTERM'); } catch (e) { if (e.code !== 'ESRCH') throw e; }",
      errors: [{ messageId: 'narrowSignalCatch', line: 1, column: 65, suggestions: [] }],
    },
  ],
});
