import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { readPidLock } from '../src/index.js';
import { daemonScript, distIndex, watchDaemon, type Daemon as DaemonOf } from './support/lock-race.js';


type Daemon = DaemonOf<ChildProcessByStdio<null, Readable, null>>;

const running: Daemon[] = [];

function startDaemon(lockPath: string): Daemon {
  const daemon = watchDaemon(spawn(process.execPath, [daemonScript, distIndex, lockPath], { stdio: ['ignore', 'pipe', 'inherit'] }));
  running.push(daemon);
  return daemon;
}

async function stop(daemon: Daemon, signal: NodeJS.Signals): Promise<[number | null, NodeJS.Signals | null]> {
  const exited = once(daemon.child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  daemon.child.kill(signal);
  return exited;
}

const dirs: string[] = [];
function lockPathInFreshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hermes-daemon-'));
  dirs.push(dir);
  return join(dir, 'daemon.pid');
}

afterEach(() => {
  for (const { child } of running.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('a daemon guarded by the lock (restart-loop scenario)', () => {
  it('after a SIGKILL, the next start recovers the lock with no manual step; SIGTERM releases it', async () => {
    const lockPath = lockPathInFreshDir();

    const first = startDaemon(lockPath);
    expect(await first.started).toEqual([{ pid: first.child.pid, event: 'acquired' }]);

    // A second instance while the first runs: refused, naming the holder.
    const second = startDaemon(lockPath);
    const [code] = (await once(second.child, 'exit')) as [number | null];
    expect(code).toBe(75);
    await expect(second.started).resolves.toEqual([expect.objectContaining({ event: 'held', holderPid: first.child.pid })]);

    // kill -9: no exit handler runs, the pid file stays behind, but the kernel freed its lock: stale
    // because nothing holds the lock, with no pid or start-time judgement involved.
    expect(await stop(first, 'SIGKILL')).toEqual([null, 'SIGKILL']);
    expect(readPidLock(lockPath)).toMatchObject({ state: 'stale', reason: 'unlocked', lockKind: 'kernel', record: { pid: first.child.pid } });

    const restarted = startDaemon(lockPath);
    expect(await restarted.started).toEqual([
      { pid: restarted.child.pid, event: 'stale', reason: 'unlocked', stalePid: first.child.pid },
      { pid: restarted.child.pid, event: 'acquired' },
    ]);
    expect(readPidLock(lockPath)).toMatchObject({ state: 'held', reason: 'locked', lockKind: 'kernel', record: { pid: restarted.child.pid } });

    // SIGTERM: the library's handler removes the file, then the signal ends the process as usual.
    expect(await stop(restarted, 'SIGTERM')).toEqual([null, 'SIGTERM']);
    expect(existsSync(lockPath)).toBe(false);
  });

  it('SIGINT releases the lock too', async () => {
    const lockPath = lockPathInFreshDir();
    const daemon = startDaemon(lockPath);
    expect(await daemon.started).toEqual([{ pid: daemon.child.pid, event: 'acquired' }]);
    expect(await stop(daemon, 'SIGINT')).toEqual([null, 'SIGINT']);
    expect(existsSync(lockPath)).toBe(false);
  });
});
