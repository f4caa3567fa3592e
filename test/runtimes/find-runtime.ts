// Finds the Bun and Deno binaries that npm installed with the `bun` and `deno` devDependencies. Both
// ship their binary in a per-platform optional package; their postinstall scripts only move or link it,
// so the binary is looked up in the platform package first (an install without scripts), then where the
// postinstall puts it. Never runs an install script, never downloads.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type RuntimeName = 'node' | 'bun' | 'deno';

/** How to run a script under one runtime: `command ...args script ...scriptArgs`. */
export interface Runtime {
  readonly name: RuntimeName;
  readonly command: string;
  /** Arguments before the script (`run -A` for Deno). */
  readonly args: readonly string[];
  readonly version: string;
}

export type FindResult = { readonly runtime: Runtime } | { readonly skip: string };

const repoRoot = join(import.meta.dirname, '..', '..');

function isMusl(): boolean {
  const report = process.report.getReport() as { header?: { glibcVersionRuntime?: string } };
  return process.platform === 'linux' && report.header?.glibcVersionRuntime === undefined;
}

/** The directory of `name`'s package.json as `from` resolves it, or `undefined` when it is not installed. */
function packageDir(name: string, from: NodeJS.Require): string | undefined {
  try {
    return dirname(from.resolve(`${name}/package.json`));
  } catch {
    return undefined;
  }
}

/** The first candidate that exists and reports `version`, or why none did. */
function firstWorking(name: RuntimeName, candidates: readonly string[], version: string, args: readonly string[]): FindResult {
  const tried: string[] = [];
  for (const candidate of candidates) {
    if (!existsSync(candidate)) {
      tried.push(`${candidate}: missing`);
      continue;
    }
    try {
      const out = execFileSync(candidate, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
      if (out.includes(version)) return { runtime: { name, command: candidate, args, version } };
      tried.push(`${candidate}: says ${out.trim().split('\n')[0] ?? ''}, not ${version}`);
    } catch (error) {
      // The postinstall placeholder, a binary for a CPU without AVX2, a noexec file system...
      tried.push(`${candidate}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  }
  return { skip: `${name} ${version} cannot run here (${tried.join('; ') || 'no package for this platform'})` };
}

function installedVersion(dir: string): string {
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Bun: @oven/bun-<os>-<arch>[-musl]/bin/bun, or bun/bin/bun.exe once bun's postinstall has moved it there. */
export function findBun(root = repoRoot): FindResult {
  const dir = packageDir('bun', createRequire(join(root, 'package.json')));
  if (dir === undefined) return { skip: 'the bun package is not installed (npm ci installs it from the devDependencies)' };
  const version = installedVersion(dir);
  const os = process.platform === 'win32' ? 'windows' : process.platform;
  const arch = process.arch === 'arm64' ? 'aarch64' : process.arch;
  const platformPackage = `@oven/bun-${os}-${arch}${isMusl() ? '-musl' : ''}`;
  const exe = process.platform === 'win32' ? 'bun.exe' : 'bun';
  const candidates: string[] = [];
  const platformDir = packageDir(platformPackage, createRequire(join(dir, 'package.json')));
  if (platformDir !== undefined) candidates.push(join(platformDir, 'bin', exe));
  candidates.push(join(dir, 'bin', 'bun.exe'));
  return firstWorking('bun', candidates, version, []);
}

/** Deno: @deno/<os>-<arch>[-glibc]/deno, or deno/deno once deno's postinstall has linked it there. */
export function findDeno(root = repoRoot): FindResult {
  const dir = packageDir('deno', createRequire(join(root, 'package.json')));
  if (dir === undefined) return { skip: 'the deno package is not installed (npm ci installs it from the devDependencies)' };
  const version = installedVersion(dir);
  const os = process.platform;
  const libc = os === 'linux' ? (isMusl() ? '-musl' : '-glibc') : '';
  const exe = os === 'win32' ? 'deno.exe' : 'deno';
  const candidates: string[] = [];
  const platformDir = packageDir(`@deno/${os}-${process.arch}${libc}`, createRequire(join(dir, 'package.json')));
  if (platformDir !== undefined) candidates.push(join(platformDir, exe));
  candidates.push(join(dir, exe));
  // -A: the full guarantees need every permission on Linux (see docs/helper.md, "Bun and Deno").
  return firstWorking('deno', candidates, version, ['run', '-A']);
}

export const nodeRuntime: Runtime = { name: 'node', command: process.execPath, args: [], version: process.versions.node };

/** Environment for a runtime child: no update checks, no prompts, Deno's cache in `denoDir` (not the home). */
export function runtimeEnv(denoDir: string): NodeJS.ProcessEnv {
  return { ...process.env, DENO_DIR: denoDir, DENO_NO_UPDATE_CHECK: '1', DENO_NO_PROMPT: '1', NO_COLOR: '1', BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0' };
}
