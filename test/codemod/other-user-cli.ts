// hermes-codemod run as a user who lacks permissions, for the tests of what it cannot read. Root reads
// through any mode bits, so under root the CLI runs as nobody, from its own copy of dist/esm and the
// libraries it loads (a checkout in /root or a mode-0700 home is closed to nobody); otherwise as us.
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repoRoot } from '../support/scratch-project.js';
import type { CliRun } from './support.js';

export const asRoot = process.getuid?.() === 0;
/** nobody:nogroup on Debian. */
export const NOBODY = 65534;

export interface OtherUserCli {
  run(args: readonly string[], cwd: string): CliRun;
  /** Hands `dir` (and everything under it) to the user the CLI runs as, and opens the search bit of its parents under tmpdir(). */
  give(dir: string): void;
  remove(): void;
}

/** The package folders `name` needs, by Node's lookup from `from` (nested node_modules first). */
function closure(names: readonly string[]): string[] {
  const found = new Set<string>();
  const visit = (name: string, from: string): void => {
    let at = from;
    let dir: string | undefined;
    for (;;) {
      const candidate = join(at, 'node_modules', name);
      if (existsSync(join(candidate, 'package.json'))) {
        dir = candidate;
        break;
      }
      if (at === repoRoot || dirname(at) === at) break;
      at = dirname(at);
    }
    if (dir === undefined || found.has(dir)) return;
    found.add(dir);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
    for (const dependency of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) visit(dependency, dir);
  };
  for (const name of names) visit(name, repoRoot);
  return [...found];
}

function openUp(path: string): void {
  const stats = lstatSync(path);
  if (stats.isSymbolicLink()) return;
  chmodSync(path, stats.isDirectory() ? 0o755 : 0o644);
  if (stats.isDirectory()) for (const name of readdirSync(path)) openUp(join(path, name));
}

export function otherUserCli(): OtherUserCli {
  if (!asRoot) {
    const cli = join(repoRoot, 'dist/esm/src/cli/hermes-codemod.js');
    return {
      run: (args, cwd) => {
        const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
        return { status: result.status, stdout: result.stdout, stderr: result.stderr };
      },
      give: () => undefined,
      remove: () => undefined,
    };
  }
  const root = mkdtempSync(join(tmpdir(), 'hermes-codemod-other-user-'));
  cpSync(join(repoRoot, 'dist/esm'), join(root, 'dist/esm'), { recursive: true });
  cpSync(join(repoRoot, 'package.json'), join(root, 'package.json'));
  const { dependencies = {} } = JSON.parse(readFileSync(join(repoRoot, 'packages/hermes-codemod/package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  // ts-morph is for the typed pass of TypeScript files, which these runs never reach.
  const names = [...Object.keys(dependencies).filter((name) => name !== 'hermes-pid' && name !== 'ts-morph'), 'signal-exit'];
  for (const dir of closure(names)) cpSync(dir, join(root, dir.slice(repoRoot.length)), { recursive: true, dereference: true });
  openUp(root);
  const home = join(root, 'home');
  mkdirSync(home);
  chownSync(home, NOBODY, NOBODY);
  const cli = join(root, 'dist/esm/src/cli/hermes-codemod.js');
  return {
    run: (args, cwd) => {
      const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', uid: NOBODY, gid: NOBODY, env: { ...process.env, NO_COLOR: '1', HOME: home, XDG_CONFIG_HOME: home } });
      return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    },
    give: (dir) => {
      spawnSync('chown', ['-R', `${NOBODY}:${NOBODY}`, dir]);
      // Only the folders the test made (tempTree's mkdtemp is mode 0700), never the system's.
      for (let at = dirname(dir); at.startsWith(`${tmpdir()}/`); at = dirname(at)) chmodSync(at, lstatSync(at).mode | 0o111);
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
