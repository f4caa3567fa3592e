// When and how a run lists: the entry starts git before the command line's modules load (so loading
// them overlaps the listing), and the work trees of a folder cost one git process each, nothing more.
// Observed in real runs: programs on the PATH that log each start and run the real one, and a
// module-loading hook that logs each module to the same file.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { FLAGS, pathsFromArguments, VALUE_OPTIONS } from '../../src/cli/listing/start-listing.js';
import { createProgram } from '../../src/cli/program.js';
import { cliPath } from './support.js';
import { commitAll, git, PROBE_CJS, removeTempTrees, tempTree } from './temp-tree.js';

const scratch = mkdtempSync(join(tmpdir(), 'hermes listing start-'));
afterAll(() => {
  removeTempTrees();
  rmSync(scratch, { recursive: true, force: true });
});

/** Where the machine's program `name` is (never one of the logging ones below). */
function realProgram(name: string): string {
  const found = spawnSync('/bin/sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
  if (found === '') throw new Error(`${name} is not installed`);
  return found;
}

/** Runs the CLI in `cwd` with logging stand-ins for `programs` first on the PATH and every module load logged; the log's lines. */
function loggedRun(args: readonly string[], cwd: string, programs: readonly string[], env: NodeJS.ProcessEnv = {}): { status: number | null; log: string[]; stdout: string } {
  const dir = mkdtempSync(join(scratch, 'run-'));
  const log = join(dir, 'log.txt');
  writeFileSync(log, '');
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  for (const name of programs) {
    const real = realProgram(name);
    writeFileSync(join(bin, name), `#!/bin/sh\necho "${name} $*" >> '${log}'\nexec '${real}' "$@"\n`);
    chmodSync(join(bin, name), 0o755);
  }
  const hook = join(dir, 'hook.mjs');
  writeFileSync(hook, `import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) {\n  appendFileSync(${JSON.stringify(log)}, 'load ' + url + '\\n');\n  return next(url, context);\n}\n`);
  const register = join(dir, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hook).href)});\n`);
  const run = spawnSync(process.execPath, ['--import', pathToFileURL(register).href, cliPath, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` },
  });
  return { status: run.status, log: readFileSync(log, 'utf8').split('\n').filter((line) => line !== ''), stdout: run.stdout };
}

describe('when a run lists', { timeout: 120_000 }, () => {
  it('starts git before the command line (commander) and the run load', () => {
    const dir = tempTree({ 'package.json': '{ "name": "early" }\n', 'a.js': 'export const a = 1;\n', 'probe.js': PROBE_CJS }, { git: true });
    const { status, log } = loggedRun(['--check', '--format', 'json', '.'], dir, ['git']);
    expect(status).toBe(1); // the probe would be rewritten
    const firstGit = log.findIndex((line) => line.startsWith('git ls-files'));
    const commander = log.findIndex((line) => line.startsWith('load ') && line.includes('/node_modules/commander/'));
    const run = log.findIndex((line) => line.startsWith('load ') && line.endsWith('/cli/run-codemod.js'));
    expect(firstGit).toBeGreaterThanOrEqual(0);
    expect(commander).toBeGreaterThan(firstGit);
    expect(run).toBeGreaterThan(firstGit);
  });

  it('starts the git that finds the work tree a run may write in with the listing, before the command line loads', () => {
    const dir = tempTree({ 'package.json': '{ "name": "early" }\n', 'probe.js': PROBE_CJS }, { git: true });
    const { status, log } = loggedRun(['--check', '.'], dir, ['git']);
    expect(status).toBe(1);
    const top = log.findIndex((line) => line.startsWith('git rev-parse --show-toplevel'));
    const commander = log.findIndex((line) => line.startsWith('load ') && line.includes('/node_modules/commander/'));
    expect(top).toBeGreaterThanOrEqual(0);
    expect(commander).toBeGreaterThan(top);
  });

  it('runs no git for a folder no git could find a repository from', () => {
    const dir = tempTree({ 'package.json': '{ "name": "plain" }\n', 'src/probe.js': PROBE_CJS, '.gitignore': 'skipped/\n', 'skipped/other.js': PROBE_CJS });
    // Git looks no higher than the tree's parent (a fresh temp folder), wherever the temp folder is.
    const { status, log, stdout } = loggedRun(['--check', '--json', '.'], dir, ['git'], { GIT_CEILING_DIRECTORIES: join(dir, '..') });
    expect(status).toBe(1);
    expect(log.filter((line) => !line.startsWith('load '))).toEqual([]);
    const report = JSON.parse(stdout) as { summary: { filesScanned: number }; leftOut: { path: string; files: number; reason: string }[] };
    expect(report.summary.filesScanned).toBe(1);
    expect(report.leftOut).toEqual([{ path: 'skipped/', files: 1, reason: 'gitignored' }]);
  });

  it('asks git when the environment names the repository (GIT_DIR): its excludes hold though no .git is in sight', () => {
    const dir = tempTree({ 'package.json': '{ "name": "named" }\n', 'src/probe.js': PROBE_CJS, 'src/excluded.js': PROBE_CJS });
    const gitDir = join(dir, '..', 'elsewhere.git');
    const env = { GIT_DIR: gitDir, GIT_WORK_TREE: dir, GIT_CEILING_DIRECTORIES: join(dir, '..') };
    spawnSync('git', ['init', '-q'], { cwd: dir, env: { ...process.env, ...env } });
    mkdirSync(join(gitDir, 'info'), { recursive: true }); // git's templates may not make it
    writeFileSync(join(gitDir, 'info', 'exclude'), 'src/excluded.js\n');
    const { status, log, stdout } = loggedRun(['--check', '--json', '.'], dir, ['git'], env);
    expect(status).toBe(1);
    expect(log.some((line) => line.startsWith('git ls-files'))).toBe(true);
    const report = JSON.parse(stdout) as { summary: { filesScanned: number }; files: { path: string }[] };
    expect(report.summary.filesScanned).toBe(1);
    expect(report.files.map((file) => file.path)).toEqual(['src/probe.js']);
  });

  it('lists each work tree of a folder with one git process and no other program', () => {
    const dir = tempTree({ 'a/package.json': '{ "name": "a" }\n', 'a/src/ok.js': PROBE_CJS, 'b/src/ok.js': 'export const b = 1;\n', 'c/src/ok.ts': 'export const c = 1;\n' });
    for (const tree of ['a', 'b', 'c']) {
      git(join(dir, tree), 'init', '-q');
      commitAll(join(dir, tree));
    }
    writeFileSync(join(dir, 'b/src/untracked.js'), 'export const u = 1;\n');
    const { status, log } = loggedRun(['--check', '.'], dir, ['git', 'tr', 'mktemp', 'rm', 'cat']);
    expect(status).toBe(1);
    const programs = log.filter((line) => !line.startsWith('load '));
    expect(programs.filter((line) => /^git -C .* ls-files /.test(line))).toHaveLength(3);
    expect(programs.filter((line) => !line.startsWith('git '))).toEqual([]);
  });

  it('fails closed, exit 2 with the reason, when the working folder is gone before the listing starts', () => {
    const gone = mkdtempSync(join(scratch, 'gone-'));
    const run = spawnSync('/bin/sh', ['-c', 'cd "$1" && rmdir "$1" && exec "$2" "$3" --check .', 'sh', gone, process.execPath, cliPath], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^hermes-codemod: .*ENOENT/);
  });

  it('takes the paths from the arguments as commander does, or starts nothing early', () => {
    expect(pathsFromArguments([])).toEqual(['.']);
    expect(pathsFromArguments(['--check', '--format', 'json', 'src', '--max-file-size=8', 'lib'])).toEqual(['src', 'lib']);
    expect(pathsFromArguments(['--import-source', './wrap.js', '--', '--odd', '-'])).toEqual(['--odd', '-']);
    expect(pathsFromArguments(['--formats', 'src'])).toBeUndefined(); // commander refuses it: nothing starts
    expect(pathsFromArguments(['-x'])).toBeUndefined();
  });

  it('knows every option of the command line, and which take a value (start-listing cannot drift from program.ts)', () => {
    const program = createProgram();
    const informational = new Set(['--help', '--version']);
    const flags = new Set<string>();
    const values = new Set<string>();
    for (const option of program.options) {
      const name = option.long ?? option.short ?? '';
      if (informational.has(name)) continue;
      if (option.required || option.optional) values.add(name);
      else flags.add(name);
      // Read as commander reads it: the word after a value option is its value, not a path.
      const words = option.required || option.optional ? [name, 'value', 'src'] : [name, 'src'];
      expect(pathsFromArguments(words), name).toEqual(['src']);
      if (option.short !== undefined) expect(pathsFromArguments([option.short, 'src']), option.short).toEqual(['src']);
    }
    expect(values.size + flags.size).toBeGreaterThan(10);
    expect([...VALUE_OPTIONS].sort()).toEqual([...values].sort());
    expect([...FLAGS].sort()).toEqual([...flags].sort());
    // --help and --version start nothing early (the run prints and ends).
    for (const name of informational) expect(pathsFromArguments([name])).toBeUndefined();
  });
});
