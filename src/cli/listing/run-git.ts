// git in the background: the main thread goes on (listing, loading the command line) while it runs,
// where spawnSync blocked it for the whole of git's run (10-50 ms a call).
import { spawn } from 'node:child_process';

export interface GitAnswer {
  /** git's exit status; null when it could not start (no git) or died of a signal. */
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `git ...args` in `cwd`; never rejects (a git that cannot start answers status null). */
export function runGit(args: readonly string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<GitAnswer> {
  return new Promise((done) => {
    let child;
    try {
      child = spawn('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], ...(env === undefined ? {} : { env }) });
    } catch {
      return done({ status: null, stdout: '', stderr: '' });
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    // No git (ENOENT): 'error', and maybe no 'close'; the first answer stands.
    child.on('error', () => done({ status: null, stdout: '', stderr: '' }));
    child.on('close', (code) => done({ status: code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}
