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
  await untilZombie(zombiePid, parent);
  return { parent, zombiePid };
}

/** Resolves once /proc says `pid` is in state Z; kills `parent` and throws if it never gets there. */
async function untilZombie(pid: number, parent: ChildProcess): Promise<void> {
  for (let waited = 0; waited < 10_000; waited += 20) {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  parent.kill('SIGKILL');
  throw new Error(`pid ${pid} never became a zombie`);
}

/**
 * A real zombie whose parent reaps it on demand: a node helper spawns a child that exits at once,
 * then blocks its event loop in a synchronous read of stdin, so libuv cannot reap the child. `reap()`
 * unblocks it and resolves once the helper has reaped the child (and exited).
 */
export async function startReapableZombie(): Promise<{ parent: ChildProcess; zombiePid: number; reap: () => Promise<void> }> {
  const script = `
    const { spawn } = require('node:child_process');
    const { readSync } = require('node:fs');
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    child.on('exit', () => process.stdout.write('reaped\\n'));
    process.stdout.write(child.pid + '\\n');
    const cell = new Int32Array(new SharedArrayBuffer(4));
    for (;;) {
      try { if (readSync(0, Buffer.alloc(1)) >= 0) break; } catch (e) { if (e.code !== 'EAGAIN') break; Atomics.wait(cell, 0, 0, 10); }
    }`;
  const parent = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  const lines = (async function* (): AsyncGenerator<string> {
    for await (const chunk of parent.stdout as AsyncIterable<Buffer>) {
      out += chunk.toString();
      let newline: number;
      while ((newline = out.indexOf('\n')) >= 0) {
        yield out.slice(0, newline);
        out = out.slice(newline + 1);
      }
    }
  })();
  const zombiePid = Number((await lines.next()).value);
  const reap = async (): Promise<void> => {
    const exited = once(parent, 'exit');
    parent.stdin?.end('x');
    const { value } = await lines.next();
    if (value !== 'reaped') throw new Error(`helper said ${String(value)} instead of reaped`);
    await exited;
  };
  await untilZombie(zombiePid, parent);
  return { parent, zombiePid, reap };
}
