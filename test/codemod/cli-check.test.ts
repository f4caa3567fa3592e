// Exit codes, --check, --dry, --json, --strict, --import-source, bad input, and the git-dirty refusal.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './support.js';

const PROBE = `export function isUp(pid) {\n  try {\n    process.kill(pid, 0);\n    return true;\n  } catch (e) {\n    if (e.code === 'ESRCH') return false;\n    throw e;\n  }\n}\n`;
const CLEAN = `export const stop = (pid) => process.kill(pid, 'SIGTERM');\n`;

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'hermes-cli-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const git = (dir: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=ci', '-c', 'init.defaultBranch=main', ...args], { cwd: dir, encoding: 'utf8' });

describe('hermes-codemod --check', () => {
  it('exits 0 when nothing would change and nothing needs review', () => {
    const run = runCli(['--check'], project({ 'clean.js': CLEAN }));
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/files scanned\s+1\n/);
  });

  it('exits 1 when a file would change, and writes nothing', () => {
    const dir = project({ 'clean.js': CLEAN, 'probe.js': PROBE });
    const run = runCli(['--check', '.'], dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/files would be changed\s+1\n/);
    expect(readFileSync(join(dir, 'probe.js'), 'utf8')).toBe(PROBE);
  });

  it('exits 1 when a site is left for review even though no file would change', () => {
    const run = runCli(['--check'], project({ 'tri.js': `function s(pid) {\n  try { process.kill(pid, 0); return 'up'; } catch { return 'down'; }\n}\n` }));
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/tri\.js:2:9 +tri-state/);
  });

  it('exits 2 for a path that does not exist, after processing the others', () => {
    const dir = project({ 'probe.js': PROBE });
    const run = runCli(['--check', 'missing-dir', 'probe.js'], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('hermes-codemod: missing-dir: no such file or directory');
    expect(run.stdout).toMatch(/files scanned\s+1\n/);
  });

  it('exits 0 with a note for a folder without JS/TS files, in and outside git', () => {
    const plain = project({ 'README.md': '# no code here\n' });
    const run = runCli(['--check', '.'], plain);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('hermes-codemod: note: .: no JavaScript or TypeScript files under it\n');
    const repo = project({ 'notes.txt': 'kill -0\n' });
    git(repo, 'init', '-q');
    git(repo, 'add', '.');
    const inGit = runCli(['--check', '--format', 'github'], repo);
    expect([inGit.status, inGit.stderr]).toEqual([0, 'hermes-codemod: note: .: no JavaScript or TypeScript files under it\n']);
  });

  it('says ELOOP for a symbolic link loop given on the command line', () => {
    const dir = project({});
    symlinkSync('loop', join(dir, 'loop'));
    const run = runCli(['--check', 'loop'], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('hermes-codemod: loop: too many levels of symbolic links (ELOOP)');
    expect(run.stderr).not.toContain('no such file');
  });

  it('finds probes in files of several MB, wherever the text falls between reads', () => {
    const MB = 1 << 20;
    // A comment that pads `text` so that its first `kill` starts at byte `at` of the file.
    const padTo = (at: number, text: string): string => `/*${'x'.repeat(at - text.indexOf('kill') - 5)}*/\n${text}`;
    const dir = project({
      'straddles.js': padTo(MB - 2, PROBE), // `kill` spans the end of the first read
      'far.js': padTo(2 * MB + 12345, PROBE),
      'big-clean.js': `/*${'x'.repeat(3 * MB)}*/\n`,
    });
    expect(readFileSync(join(dir, 'straddles.js'), 'latin1').indexOf('kill')).toBe(MB - 2);
    const run = runCli(['--check', '.'], dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/files scanned\s+3\n/);
    expect(run.stdout).toMatch(/files would be changed\s+2\n/);
    expect(run.stdout).toMatch(/straddles\.js:\d+:\d+/);
    expect(run.stdout).toMatch(/far\.js:\d+:\d+/);
  });

  it('exits 2 on bad usage', () => {
    const run = runCli(['--no-such-flag'], project({}));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("unknown option '--no-such-flag'");
  });
});

describe('hermes-codemod writing', () => {
  it('reports a file that does not parse, writes nothing to it, and still rewrites the others', () => {
    const broken = `function f(pid) {\n  try { process.kill(pid, 0); return true } catch { return false }\n`;
    const dir = project({ 'broken.js': broken, 'probe.js': PROBE });
    const run = runCli([], dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/parse errors\s+1\n/);
    expect(run.stdout).toMatch(/broken\.js: syntax error at 3:1/);
    expect(readFileSync(join(dir, 'broken.js'), 'utf8')).toBe(broken);
    expect(readFileSync(join(dir, 'probe.js'), 'utf8')).toContain('pidIsAlive(pid, { treatPermissionDeniedAsAlive: true })');
    expect(readdirSync(dir).sort()).toEqual(['broken.js', 'probe.js']); // no temp files left behind
  });

  it('refuses to write in a git tree with uncommitted changes unless --force; --dry and --check still run', () => {
    const dir = project({ 'probe.js': PROBE, 'other.js': CLEAN });
    chmodSync(join(dir, 'probe.js'), 0o754);
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'init');
    writeFileSync(join(dir, 'other.js'), `${CLEAN}// edited\n`);

    const refused = runCli([], dir);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('refusing to write: uncommitted changes');
    expect(readFileSync(join(dir, 'probe.js'), 'utf8')).toBe(PROBE);

    const dry = runCli(['--dry'], dir);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain('--- a/probe.js');
    expect(dry.stdout).toContain("+  return pidIsAlive(pid, { treatPermissionDeniedAsAlive: true });");
    expect(readFileSync(join(dir, 'probe.js'), 'utf8')).toBe(PROBE);
    expect(runCli(['--check'], dir).status).toBe(1);

    const forced = runCli(['--force'], dir);
    expect(forced.status).toBe(0);
    expect(readFileSync(join(dir, 'probe.js'), 'utf8')).toContain("import { pidIsAlive } from 'hermes-pid';");
    expect(statSync(join(dir, 'probe.js')).mode & 0o777).toBe(0o754);

    git(dir, 'commit', '-q', '-am', 'codemod');
    expect(runCli([], dir).status).toBe(0); // clean tree: writing is allowed, and nothing is left to do
    expect(git(dir, 'status', '--porcelain')).toBe('');
  });

  it('--strict leaves behaviour-changing sites for review; --import-source names the module', () => {
    const dir = project({ 'probe.js': PROBE });
    const strict = runCli(['--check', '--json', '--strict'], dir);
    const site = (JSON.parse(strict.stdout) as { files: { sites: { action: string; reason: string }[] }[] }).files[0]?.sites[0];
    expect(site).toMatchObject({ action: 'skip', reason: expect.stringContaining('--strict') });
    expect(strict.status).toBe(1);

    expect(runCli(['--import-source', '@acme/proc'], dir).status).toBe(0);
    expect(readFileSync(join(dir, 'probe.js'), 'utf8')).toContain("import { pidIsAlive } from '@acme/proc';");
  });
});

describe('hermes-codemod code cache (the parsers compiled once per user: TypeScript for TypeScript files, espree and eslint-scope)', () => {
  const runWithCache = (cacheHome: string, dir: string): ReturnType<typeof runCli> => runCli(['--check', '.'], dir, { XDG_CACHE_HOME: cacheHome, LOCALAPPDATA: cacheHome });

  it('holds no TypeScript for JavaScript: espree parses it (from the cache too), and TypeScript is never loaded', () => {
    const dir = project({ 'probe.js': PROBE, 'clean.js': CLEAN });
    const cacheHome = mkdtempSync(join(tmpdir(), 'hermes-cache-'));
    expect(runWithCache(cacheHome, dir).status).toBe(1);
    const written = readdirSync(join(cacheHome, 'hermes-pid'));
    expect(written.filter((name) => name.startsWith('typescript-'))).toEqual([]);
    expect(written).toEqual(expect.arrayContaining([expect.stringMatching(/^acorn-[0-9a-f]{16}\.v8$/), expect.stringMatching(/^espree\.cjs-[0-9a-f]{16}\.v8$/), expect.stringMatching(/^eslint-scope\.cjs-[0-9a-f]{16}\.v8$/)]));
  });

  it('is written on the first run, used by the next, and a damaged one is replaced; the output never changes', () => {
    const dir = project({ 'probe.ts': PROBE, 'clean.js': CLEAN });
    const cacheHome = mkdtempSync(join(tmpdir(), 'hermes-cache-'));
    const uncached = runCli(['--check', '.'], dir, { NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(uncached.status).toBe(1);

    const first = runWithCache(cacheHome, dir);
    expect(first).toEqual(uncached);
    const cacheDir = join(cacheHome, 'hermes-pid');
    const written = readdirSync(cacheDir).sort();
    // The compiler typescript-estree runs on, beside the JavaScript engine's modules (loaded with the engine).
    expect(written.filter((name) => name.startsWith('typescript'))).toEqual([expect.stringMatching(/^typescript-[0-9a-f]{16}\.v8$/)]);
    expect(written.every((name) => name.endsWith('.v8'))).toBe(true);
    const stamps = written.map((name) => statSync(join(cacheDir, name)).mtimeMs);
    // The README says "about 2.5 MB": the compiled code of the 9 MB compiler, not the compiler.
    for (const name of written.filter((entry) => entry.startsWith('typescript-'))) expect(statSync(join(cacheDir, name)).size / 1e6).toSatisfy((mb: number) => mb > 1.5 && mb < 4);

    expect(runWithCache(cacheHome, dir)).toEqual(uncached);
    expect(written.map((name) => statSync(join(cacheDir, name)).mtimeMs)).toEqual(stamps); // used, not rewritten

    // The right stamp over garbage: V8 refuses the data, the run is unaffected and the cache is rebuilt.
    for (const name of written) {
      const stored = readFileSync(join(cacheDir, name));
      writeFileSync(join(cacheDir, name), Buffer.concat([stored.subarray(0, stored.indexOf(10) + 1), Buffer.alloc(4096, 7)]));
    }
    expect(runWithCache(cacheHome, dir)).toEqual(uncached);
    // Each entry rebuilt: the garbage is gone (the JavaScript engine's entries are small in a TypeScript-only run).
    for (const name of written) expect(readFileSync(join(cacheDir, name)).includes(Buffer.alloc(4096, 7)), name).toBe(false);
    for (const name of written.filter((entry) => entry.startsWith('typescript-'))) expect(statSync(join(cacheDir, name)).size).toBeGreaterThan(4097);
    expect(readdirSync(cacheDir).sort()).toEqual(written); // no temp files left
  });

  it('runs the same when the cache folder cannot be created', () => {
    const dir = project({ 'probe.ts': PROBE });
    const notAFolder = join(mkdtempSync(join(tmpdir(), 'hermes-cache-')), 'file');
    writeFileSync(notAFolder, '');
    const run = runWithCache(notAFolder, dir);
    expect(run).toEqual(runCli(['--check', '.'], dir, { NODE_DISABLE_COMPILE_CACHE: '1' }));
    expect(run.status).toBe(1);
  });
});
