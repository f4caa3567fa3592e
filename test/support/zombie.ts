import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';

/**
 * A real zombie: `sh` starts a child that exits after 0.1 s, then execs `sleep`, which never reaps it.
 * Resolves once /proc says the child is in state Z. Kill `parent` to let init reap it.
 */
export async function startZombie(): Promise<{ parent: ChildProcess; zombiePid: number }> {
  const parent = spawn('sh', ['-c', 'sleep 0.1 & echo $!; exec sleep 60'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = (await once(parent.stdout, 'data')) as [Buffer];
  const zombiePid = Number(chunk.toString().trim());
  for (let waited = 0; waited < 5000; waited += 20) {
    const stat = readFileSync(`/proc/${zombiePid}/stat`, 'latin1');
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return { parent, zombiePid };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  parent.kill('SIGKILL');
  throw new Error(`pid ${zombiePid} never became a zombie`);
}
