// Tests about pid 1 run in a new pid namespace whose pid 1 is a throwaway shell, never against the
// machine's own init (which belongs to whatever runs the suite).
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';

/** Why pid namespaces cannot be made here (`undefined`: they can). */
export function pidNamespaceProblem(): string | undefined {
  if (process.platform !== 'linux') return 'pid namespaces are Linux-only';
  if (process.getuid?.() !== 0) return 'unshare -p needs root';
  const probe = spawnSync('unshare', ['-p', '-f', '--mount-proc', 'true'], { encoding: 'utf8' });
  if (probe.error !== undefined) return `unshare cannot run (${probe.error.message})`;
  return probe.status === 0 ? undefined : `unshare -p -f --mount-proc failed: ${probe.stderr.trim()}`;
}

/**
 * Runs `node -e script` as nobody (uid 65534, via setpriv) in a new pid namespace whose pid 1 is a
 * root shell, and resolves with its stdout; rejects on a non-zero exit. `sh` stays pid 1 (`; true`
 * keeps it from exec'ing node), so "pid 1" in the script is that throwaway shell.
 */
export async function runAsNobodyInPidNamespace(script: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const shell = `cd / && setpriv --reuid=65534 --regid=65534 --clear-groups "$0" -e "$1"; status=$?; [ "$(cat /proc/1/comm)" = sh ] && exit $status`;
  const child = spawn('unshare', ['-p', '-f', '--mount-proc', '--kill-child=SIGKILL', 'sh', '-c', shell, process.execPath, script], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`node as nobody in a pid namespace exited ${String(code)}: ${stderr}`);
  return stdout;
}
