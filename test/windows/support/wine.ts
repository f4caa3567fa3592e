import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const cacheDir = process.env.HERMES_WINE_CACHE ?? join(repoRoot, '.cache/wine');

/** What scripts/wine-setup.sh wrote once the stack passed its smoke test. */
export interface WineStack {
  winePrefix: string;
  nodeExe: string;
  nodeVersion: string;
  koffiVersion: string;
  koffiModules: string;
}

/** The Wine stack, or why it cannot be used. */
export function findWineStack(): { stack: WineStack } | { missing: string } {
  const file = join(cacheDir, 'stack.json');
  if (!existsSync(file)) return { missing: `no Wine stack at ${cacheDir} (run scripts/wine-setup.sh, or npm run test:windows)` };
  const stack = JSON.parse(readFileSync(file, 'utf8')) as WineStack;
  const koffiVersion = (JSON.parse(readFileSync(join(repoRoot, 'node_modules/koffi/package.json'), 'utf8')) as { version: string }).version;
  if (stack.koffiVersion !== koffiVersion) return { missing: `Wine stack has koffi ${stack.koffiVersion}, the repo ${koffiVersion} (rerun scripts/wine-setup.sh)` };
  if (spawnSync('wine', ['--version']).status !== 0) return { missing: '`wine` is not on PATH (run scripts/wine-setup.sh)' };
  return { stack };
}

/** The path node.exe sees for a Linux path: Wine maps drive Z: to the Linux root. */
export function windowsPath(linuxPath: string): string {
  return `Z:${linuxPath.replaceAll('/', '\\')}`;
}

function wineEnv(stack: WineStack, extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...process.env, WINEPREFIX: stack.winePrefix, WINEDEBUG: '-all', ...extra };
}

/**
 * Keeps one wineserver up for the run (and 60 s after its last client), so each node.exe does not
 * pay for a server start. Harmless when one is already running.
 */
export function startPersistentWineserver(stack: WineStack): void {
  spawnSync('wineserver', ['-p60'], { env: wineEnv(stack, {}), stdio: 'ignore' });
}

export interface WindowsRunOptions {
  /** Whether node.exe can load koffi's Windows binary (off: the "koffi cannot load" case). */
  koffi?: boolean;
  timeoutMs?: number;
}

/**
 * Runs a plain-JS program under `wine node.exe` with a result file as its first argument and
 * resolves with the JSON it wrote there. Under Wine node.exe cannot write to a pipe (EBADF),
 * so stdout and stderr go to files, quoted in the error when the program fails.
 */
export async function runUnderWine<T>(stack: WineStack, program: string, args: readonly string[] = [], options: WindowsRunOptions = {}): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'hermes-wine-'));
  const resultFile = join(dir, 'result.json');
  const logFile = join(dir, 'output.log');
  const log = openSync(logFile, 'w');
  const env = wineEnv(stack, options.koffi === false ? { NODE_PATH: '' } : { NODE_PATH: windowsPath(stack.koffiModules) });
  const child = spawn('wine', [stack.nodeExe, windowsPath(program), windowsPath(resultFile), ...args], { env, stdio: ['ignore', log, log] });
  closeSync(log);
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  const output = readFileSync(logFile, 'utf8').trim();
  if (!existsSync(resultFile)) throw new Error(`wine node.exe ${program} exited ${String(code)} without a result${output ? `:\n${output}` : ''}`);
  return JSON.parse(readFileSync(resultFile, 'utf8')) as T;
}

/** What a Windows test program wrote: one entry of observations per case. */
export type CaseResults = Record<string, Record<string, unknown>>;

/** One case's observations; a case that threw inside node.exe fails with its stack. */
export function caseResult(results: CaseResults, name: string): Record<string, unknown> {
  const observed = results[name];
  if (observed === undefined) throw new Error(`node.exe reported nothing for case ${name}`);
  if (typeof observed.error === 'string') throw new Error(`case ${name} threw under Wine:\n${observed.error}`);
  return observed;
}
