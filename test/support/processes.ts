import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/** A real child process that stays alive until it is killed. */
export async function startSleeper(): Promise<ChildProcess & { pid: number }> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000); process.send?.("up")'], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  await once(child, 'message');
  if (child.pid === undefined) throw new Error('sleeper has no pid');
  return child as ChildProcess & { pid: number };
}

/** Kills a child and waits until it has been reaped, so its pid no longer names a process. */
export async function killAndReap(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

/** Runs a node script and resolves with its stdout, rejecting on a non-zero exit. */
export async function runNode(
  args: readonly string[],
  options: { cwd?: string; uid?: number; gid?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<string> {
  const child = spawn(process.execPath, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`node ${args.join(' ')} exited ${String(code)}: ${stderr}`);
  return stdout;
}
