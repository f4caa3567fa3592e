// --import-source is checked up front and written as a properly escaped string literal.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './support.js';
import { PROBE_CJS, removeTempTrees, snapshot, tempTree } from './temp-tree.js';

afterAll(removeTempTrees);

/** The same probe with double quotes in its own import, so that the file's quote style is `"`. */
const PROBE_DOUBLE = `const os = require("node:os");\n${PROBE_CJS}`;
const WRAPPER = `exports.pidIsAlive = (pid, options) => \`wrapped \${pid} \${options.treatPermissionDeniedAsAlive}\`;\n`;
const RUN = `\nconsole.log(module.exports.isUp(Number(process.argv[2])));\n`;

describe('hermes-codemod --import-source', { timeout: 180_000 }, () => {
  it.each([
    ['', 'is empty'],
    ['   ', 'is empty'],
    [' hermes-pid', 'white space'],
    ['not a package', 'is not a module specifier'],
    ['@scope', 'is not a module specifier'],
    ['pkg//sub', 'is not a module specifier'],
    ['a\nb', 'control character'],
  ])('refuses %j up front (exit 2), naming the option, and writes nothing', (value, why) => {
    const dir = tempTree({ 'a.js': PROBE_CJS });
    const before = snapshot(dir);
    const run = runCli(['--force', `--import-source=${value}`], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--import-source');
    expect(run.stderr).toContain(why);
    expect(run.stdout).toBe('');
    expect(snapshot(dir)).toEqual(before);
  });

  it('accepts a scoped package with a subpath and a package.json imports name', () => {
    const dir = tempTree({ 'a.js': PROBE_CJS });
    expect(runCli(['--dry', '--import-source', '@acme/pid/alive'], dir).stdout).toContain("require('@acme/pid/alive')");
    expect(runCli(['--dry', '--import-source', '#pid'], dir).stdout).toContain("require('#pid')");
  });

  it('escapes quotes and backslashes in the file\'s own quote style; the rewritten files load the module', () => {
    const dir = tempTree({
      "lib/it's \"pid\".js": WRAPPER,
      'single.js': PROBE_CJS + RUN,
      'double.js': PROBE_DOUBLE + RUN,
    });
    const run = runCli(['--import-source', "./lib/it's \"pid\".js"], dir);
    expect(run.status).toBe(0);
    expect(readFileSync(join(dir, 'single.js'), 'utf8')).toContain(`require('./lib/it\\'s "pid".js')`);
    expect(readFileSync(join(dir, 'double.js'), 'utf8')).toContain(`require("./lib/it's \\"pid\\".js")`);
    for (const name of ['single.js', 'double.js']) {
      expect(execFileSync(process.execPath, [join(dir, name), '42'], { encoding: 'utf8' })).toBe('wrapped 42 false\n');
    }
  });

  it('writes a relative path given with backslashes with forward slashes', () => {
    const dir = tempTree({ 'lib/pid.js': WRAPPER, 'src/a.js': PROBE_CJS + RUN });
    expect(runCli(['--import-source', '.\\lib\\pid.js'], dir).status).toBe(0);
    expect(readFileSync(join(dir, 'src/a.js'), 'utf8')).toContain("require('../lib/pid.js')");
    expect(execFileSync(process.execPath, [join(dir, 'src/a.js'), '7'], { encoding: 'utf8' })).toBe('wrapped 7 false\n');
  });
});
