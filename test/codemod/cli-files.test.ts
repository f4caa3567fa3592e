// What the CLI decides per file: the module kind of a .js file from the nearest package.json, and
// a candidate file that does not parse, and a relative --import-source.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './support.js';

/** A script that tells nothing about its module kind by its own text. */
const PLAIN = `function isUp(pid) {\n  try {\n    process.kill(pid, 0);\n    return true;\n  } catch {\n    return false;\n  }\n}\nconsole.log(isUp(Number(process.argv[2])));\n`;

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'hermes-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('hermes-codemod module kind of a .js file', () => {
  it('follows the nearest package.json "type" (commonjs by default, as Node does)', () => {
    const dir = project({
      'package.json': '{ "name": "app" }\n',
      'bin/status.js': PLAIN,
      'esm/package.json': '{ "type": "module" }\n',
      'esm/status.js': PLAIN,
    });
    const run = runCli(['--force'], dir);
    expect(run.status).toBe(0);
    expect(readFileSync(join(dir, 'bin/status.js'), 'utf8')).toMatch(/^const \{ pidIsAlive \} = require\('hermes-pid'\);\n/);
    expect(readFileSync(join(dir, 'esm/status.js'), 'utf8')).toMatch(/^import \{ pidIsAlive \} from 'hermes-pid';\n/);
  });
});

describe('hermes-codemod and a file that does not parse', () => {
  // It mentions kill, so it is a candidate, but the parser finds no probe in what it could read.
  const broken = 'function (  { process.kill(1, 0)\n';

  it('counts it as a parse error even when no site was found: --check exits 1', () => {
    const dir = project({ 'broken.js': broken });
    const run = runCli(['--check'], dir);
    expect(run.stdout).toMatch(/parse errors\s+1\n/);
    expect(run.stdout).toMatch(/broken\.js: syntax error at 1:10/);
    expect(run.status).toBe(1);
  });

  it('writes nothing for it in a normal run and says so', () => {
    const dir = project({ 'broken.js': broken });
    const run = runCli(['--force'], dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Not processed.*nothing written[^\n]*\n\s+broken\.js: syntax error at 1:10/);
    expect(readFileSync(join(dir, 'broken.js'), 'utf8')).toBe(broken);
  });
});

describe('hermes-codemod --import-source with a relative path', () => {
  it('imports the wrapper by its path from each file, and the rewritten files run', () => {
    const wrapper = `export function pidIsAlive(pid, options) {\n  return \`wrapped \${pid} \${options.treatPermissionDeniedAsAlive}\`;\n}\n`;
    const dir = project({
      'package.json': '{ "type": "module" }\n',
      'lib/pid.js': wrapper,
      'top.js': PLAIN,
      'src/a.js': PLAIN,
      'src/deep/b.js': PLAIN,
    });
    const run = runCli(['--force', '--import-source', './lib/pid.js'], dir);
    expect(run.status).toBe(0);
    const imports = (name: string): string => /from '([^']+)'/.exec(readFileSync(join(dir, name), 'utf8'))?.[1] ?? '';
    expect([imports('top.js'), imports('src/a.js'), imports('src/deep/b.js')]).toEqual(['./lib/pid.js', '../lib/pid.js', '../../lib/pid.js']);
    for (const name of ['top.js', 'src/a.js', 'src/deep/b.js']) {
      expect(execFileSync(process.execPath, [join(dir, name), '42'], { encoding: 'utf8' })).toBe('wrapped 42 false\n');
    }
  });

  it('takes the path from the folder the CLI runs in', () => {
    const dir = project({ 'package.json': '{ "type": "module" }\n', 'src/a.js': PLAIN, 'src/deep/b.js': PLAIN });
    expect(runCli(['--force', '--import-source', '../lib/pid.js', '.'], join(dir, 'src')).status).toBe(0);
    expect(readFileSync(join(dir, 'src/a.js'), 'utf8')).toContain("import { pidIsAlive } from '../lib/pid.js';");
    expect(readFileSync(join(dir, 'src/deep/b.js'), 'utf8')).toContain("import { pidIsAlive } from '../../lib/pid.js';");
  });
});
