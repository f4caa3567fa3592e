// Both packages as users meet them: packed, published to a real (local) npm registry, then used the
// way the README says from projects that have neither installed: `npx hermes-codemod --dry .`,
// `npm install hermes-pid` and the lint setup of docs/eslint-plugin.md, in a CommonJS and in an ES module project.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_VERSION } from '../src/meta.js';
import { type LocalRegistry, OUR_PACKAGES, packBoth, startLocalRegistry } from './support/local-registry.js';
import { repoRoot } from './support/scratch-project.js';

const README = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const ESLINT_PAGE = readFileSync(join(repoRoot, 'docs/eslint-plugin.md'), 'utf8');
const HELPER_LIMIT_BYTES = 5_000_000;

/** The body of the fenced block in `section` (a heading of docs/eslint-plugin.md) whose first line matches `first`. */
function lintSetupBlock(section: string, first: RegExp): string {
  const start = ESLINT_PAGE.indexOf(`\n${section}\n`);
  if (start < 0) throw new Error(`docs/eslint-plugin.md has no "${section}" section`);
  const rest = ESLINT_PAGE.slice(start + section.length + 2);
  const end = rest.search(/\n#{1,3} /);
  const text = end < 0 ? rest : rest.slice(0, end);
  for (const [, body] of text.matchAll(/```[a-z]*\n([\s\S]*?)```/g)) {
    if (body !== undefined && first.test(body.split('\n')[0] ?? '')) return body;
  }
  throw new Error(`docs/eslint-plugin.md section "${section}" has no block starting with ${first}`);
}

/** Arguments of a one-line shell command from the README (plain words, no quoting needed there). */
const words = (line: string): string[] => line.trim().split(/\s+/);

/** Bytes of every file under dir (symlinks counted as links, not followed), as `du --apparent-size`. */
function treeBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? treeBytes(path) : lstatSync(path).size;
  }
  return total;
}

const DAEMON_CJS = `const { readFileSync } = require('node:fs');
exports.isRunning = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
`;
const DAEMON_ESM = DAEMON_CJS.replace("const { readFileSync } = require('node:fs');", "import { readFileSync } from 'node:fs';").replace('exports.isRunning = (pid) =>', 'export const isRunning = (pid) =>');

let registry: LocalRegistry;

beforeAll(async () => {
  registry = await startLocalRegistry();
  const tarballs = packBoth(registry.dir);
  for (const name of OUR_PACKAGES) registry.npm(['publish', '--ignore-scripts', tarballs[name]], registry.dir);
}, 300_000);

afterAll(async () => {
  await registry?.stop();
});

describe('the local registry', () => {
  it('serves both packages at the version in package.json, and nothing else is published', () => {
    for (const name of OUR_PACKAGES) {
      expect(JSON.parse(registry.npm(['view', name, 'version', '--json'], registry.dir))).toBe(PACKAGE_VERSION);
    }
    // hermes-codemod pins the hermes-pid it was released with.
    expect(JSON.parse(registry.npm(['view', 'hermes-codemod', 'dependencies', '--json'], registry.dir))).toMatchObject({ 'hermes-pid': PACKAGE_VERSION });
  });
});

describe('npx hermes-codemod, as the README runs it, in a project that has nothing installed', () => {
  it('prints the dry-run diff for a copy of examples/legacy-daemon and writes nothing', () => {
    const project = join(registry.dir, 'projects', 'legacy-daemon');
    cpSync(join(repoRoot, 'examples/legacy-daemon'), project, { recursive: true });
    const before = readFileSync(join(project, 'src/daemon.ts'), 'utf8');
    const command = /npx hermes-codemod --dry \.$/m.exec(README)?.[0];
    expect(command).toBe('npx hermes-codemod --dry .');
    const [npx, ...args] = words(command ?? '');
    const run = spawnSync(npx === 'npx' && process.platform === 'win32' ? 'npx.cmd' : (npx ?? ''), args, { cwd: project, env: registry.env, encoding: 'utf8' });
    expect(run.stderr).not.toMatch(/npm error/);
    expect(run.status).toBe(0);
    // Colours are on wherever CI is set (picocolors' rule): read the text without them.
    const stdout = stripVTControlCharacters(run.stdout);
    expect(stdout).toMatch(/^\+.*pidIsAlive\(/m);
    expect(stdout).toContain('Left for review:');
    expect(readFileSync(join(project, 'src/daemon.ts'), 'utf8')).toBe(before);
    expect(existsSync(join(project, 'node_modules'))).toBe(false);
  }, 300_000);

  it('names both versions with --version', () => {
    const project = registry.project('versions');
    const out = execFileSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['hermes-codemod', '--version'], { cwd: project, env: registry.env, encoding: 'utf8' });
    expect(out.trim().split('\n')).toEqual([`hermes-codemod ${PACKAGE_VERSION}`, `hermes-pid ${PACKAGE_VERSION}`]);
  }, 300_000);
});

describe.each([
  { type: 'commonjs', configs: { 'eslint.config.mjs': /^import /, 'eslint.config.js': /^const .*require\(/ }, daemon: DAEMON_CJS },
  { type: 'module', configs: { 'eslint.config.mjs': /^import /, 'eslint.config.cjs': /^const .*require\(/ }, daemon: DAEMON_ESM },
] as const)('npm install hermes-pid in a $type project', ({ type, configs, daemon }) => {
  let project: string;
  beforeAll(() => {
    project = registry.project(`helper-${type}`, { type });
    const install = /^npm install hermes-pid$/m.exec(README)?.[0];
    expect(install).toBe('npm install hermes-pid');
    registry.npm(words(install ?? '').slice(1), project);
  }, 300_000);

  it('installs the helper alone: under 5 MB, no TypeScript, no ESLint, no ts-morph', () => {
    const modules = join(project, 'node_modules');
    const bytes = treeBytes(modules);
    console.log(`npm install hermes-pid (${type}): ${readdirSync(modules).length} entries in node_modules, ${(bytes / 1e6).toFixed(2)} MB`);
    expect(bytes).toBeLessThan(HELPER_LIMIT_BYTES);
    for (const heavy of ['typescript', 'eslint', 'ts-morph', '@ts-morph', '@typescript-eslint']) expect([heavy, existsSync(join(modules, heavy))]).toEqual([heavy, false]);
    expect(existsSync(join(modules, 'koffi'))).toBe(true);
  });

  it('runs the helper and the lock as the README imports them', () => {
    const source =
      type === 'module'
        ? "import { pidIsAlive, pidState, acquirePidLock } from 'hermes-pid';\n"
        : "const { pidIsAlive, pidState, acquirePidLock } = require('hermes-pid');\n";
    writeFileSync(
      join(project, 'helper.js'),
      `${source}const lock = acquirePidLock('app.pid');\nconsole.log(JSON.stringify([pidState(process.pid), pidIsAlive(''), lock.release()]));\n`,
    );
    expect(JSON.parse(execFileSync(process.execPath, ['helper.js'], { cwd: project, encoding: 'utf8' }))).toEqual(['alive', false, true]);
  });

  it('says which package to install when the plugin is loaded without its peers', () => {
    const run = spawnSync(process.execPath, ['-e', "require('hermes-pid/eslint-plugin')"], { cwd: project, encoding: 'utf8' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('hermes-pid/eslint-plugin needs the packages "@typescript-eslint/utils", "@typescript-eslint/types"');
    expect(run.stderr).toContain('npm install --save-dev @typescript-eslint/utils @typescript-eslint/types');
    const esm = spawnSync(process.execPath, ['--input-type=module', '-e', "await import('hermes-pid/codemod')"], { cwd: project, encoding: 'utf8' });
    expect(esm.stderr).toContain('hermes-pid/codemod needs the packages "espree", "eslint-scope", "typescript"');
  });

  it("lints with docs/eslint-plugin.md's setup, in each config form it gives for this package type", () => {
    const install = lintSetupBlock('## Lint setup', /^npm install --save-dev /).trim();
    registry.npm(words(install).slice(1), project);
    writeFileSync(join(project, 'daemon.js'), daemon);
    for (const [file, first] of Object.entries(configs)) {
      writeFileSync(join(project, file), lintSetupBlock('## Lint setup', first));
      const lint = spawnSync(process.execPath, [join(project, 'node_modules/eslint/bin/eslint.js'), '--config', file, 'daemon.js'], { cwd: project, encoding: 'utf8' });
      expect([file, lint.stderr]).toEqual([file, '']);
      expect([file, lint.status]).toEqual([file, 1]);
      expect(lint.stdout).toMatch(/4:5 +error .*hermes-pid\/no-raw-liveness-probe/);
    }
  }, 300_000);
});

describe('npm install hermes-pid, other ways', () => {
  it('keeps koffi’s Windows binary in an install for win32 x64', () => {
    const project = registry.project('helper-win32');
    registry.npm(['install', '--os=win32', '--cpu=x64', 'hermes-pid'], project);
    const binary = join(project, 'node_modules/@koromix/koffi-win32-x64');
    expect(readdirSync(binary, { recursive: true }).some((file) => String(file).endsWith('.node'))).toBe(true);
  }, 300_000);

  it('works with install scripts disabled', () => {
    const project = registry.project('helper-no-scripts', { type: 'module' });
    registry.npm(['install', '--ignore-scripts', 'hermes-pid'], project);
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', "import { pidState, probeBackend } from 'hermes-pid'; console.log(pidState(process.pid), probeBackend())"], { cwd: project, encoding: 'utf8' });
    expect(out.trim()).toBe('alive process.kill');
  }, 300_000);
});
