// stopPidLockHolder with real holders and real lock files, and docs/lock.md's example daemon `stop`
// command, extracted from there and run as written.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { processStartTime, readPidLock, stopPidLockHolder } from '../src/index.js';
import { removeLockFileIfUnchanged } from '../src/lock/pid-lock.js';
import { repoRoot } from './support/scratch-project.js';

const distIndex = fileURLToPath(new URL('../dist/cjs/src/index.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'hermes-stop-holder-'));
const started: ChildProcess[] = [];
let files = 0;

const lockPath = (): string => join(dir, `lock-${++files}.pid`);

function exitOf(child: ChildProcess): Promise<[number | null, NodeJS.Signals | null]> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve([child.exitCode, child.signalCode]);
  return once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
}

/** A process that takes the lock at `path` and runs; with `ignore-term` it survives SIGTERM. */
async function startHolder(path: string, mode = ''): Promise<ChildProcess & { pid: number }> {
  const script = `
    require(${JSON.stringify(distIndex)}).acquirePidLock(process.argv[1]);
    if (process.argv[2] === 'ignore-term') process.on('SIGTERM', () => {});
    setInterval(() => {}, 1000);
    process.send('up');`;
  const child = spawn(process.execPath, ['-e', script, path, mode], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  started.push(child);
  await once(child, 'message');
  return child as ChildProcess & { pid: number };
}

/** A process that reports every SIGTERM it gets in `messages` (and survives it). */
async function startStranger(): Promise<{ stranger: ChildProcess; pid: number; messages: unknown[] }> {
  const stranger = spawn(process.execPath, ['-e', 'process.on("SIGTERM", () => process.send("SIGTERM")); setInterval(() => {}, 1000); process.send("up")'], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  started.push(stranger);
  await once(stranger, 'message');
  const messages: unknown[] = [];
  stranger.on('message', (message) => messages.push(message));
  return { stranger, pid: stranger.pid ?? 0, messages };
}

function record(pid: number, startTime: number | null, host: string | null = hostname()): string {
  return `${JSON.stringify({ pid, startTime, hostname: host, argv: ['node', 'old.js'], acquiredAt: new Date(0).toISOString() })}\n`;
}

afterEach(async () => {
  for (const child of started.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exitOf(child);
    }
  }
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('stopPidLockHolder', () => {
  it('stops a live holder; the holder releases its own lock on SIGTERM', async () => {
    const path = lockPath();
    const holder = await startHolder(path);
    const result = await stopPidLockHolder(path, { timeoutMs: 20_000 });
    expect(result).toMatchObject({ outcome: 'stopped', removed: false, record: { pid: holder.pid } });
    expect(await exitOf(holder)).toEqual([null, 'SIGTERM']);
    expect(existsSync(path)).toBe(false);
  });

  it('kills a holder that ignores SIGTERM and removes the lock file it left', async () => {
    const path = lockPath();
    const holder = await startHolder(path, 'ignore-term');
    const result = await stopPidLockHolder(path, { timeoutMs: 200, forceTimeoutMs: 20_000 });
    expect(result).toMatchObject({ outcome: 'killed', removed: true, record: { pid: holder.pid } });
    expect(await exitOf(holder)).toEqual([null, 'SIGKILL']);
    expect(existsSync(path)).toBe(false);
  });

  it('removes a record whose pid now names another process, and never signals that process', async () => {
    const path = lockPath();
    const { stranger, pid, messages } = await startStranger();
    writeFileSync(path, record(pid, (processStartTime(pid) ?? 0) - 1));
    const result = await stopPidLockHolder(path, { timeoutMs: 200 });
    expect(result).toMatchObject({ outcome: 'reused', removed: true });
    expect(existsSync(path)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(messages).toEqual([]);
    expect(stranger.exitCode).toBeNull();
  });

  it('removes the record of a holder that has exited', async () => {
    const path = lockPath();
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    const pid = child.pid ?? 0;
    const startTime = processStartTime(pid);
    await exitOf(child);
    writeFileSync(path, record(pid, startTime ?? null));
    expect(await stopPidLockHolder(path)).toMatchObject({ outcome: 'gone', removed: true, record: { pid } });
    expect(existsSync(path)).toBe(false);
  });

  it('never touches a lock from another host, nor a lock this process holds', async () => {
    const path = lockPath();
    const text = record(process.pid, processStartTime(process.pid) ?? null, 'another-host.invalid');
    writeFileSync(path, text);
    expect(await stopPidLockHolder(path)).toMatchObject({ outcome: 'denied', removed: false });
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('answers gone for a missing file and leaves an unreadable record to acquirePidLock', async () => {
    expect(await stopPidLockHolder(join(dir, 'missing.pid'))).toMatchObject({ outcome: 'gone', removed: false, record: undefined });
    const path = lockPath();
    writeFileSync(path, '{"pid": 12');
    expect(await stopPidLockHolder(path)).toMatchObject({ outcome: 'gone', removed: false, record: undefined });
    expect(readFileSync(path, 'utf8')).toBe('{"pid": 12');
  });

  it('removes a lock file only while it holds the record judged gone', () => {
    const path = lockPath();
    writeFileSync(path, record(4242, 1));
    expect(removeLockFileIfUnchanged(path, record(4242, 2))).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe(record(4242, 1));
    expect(removeLockFileIfUnchanged(path, record(4242, 1))).toBe(true);
    expect(existsSync(path)).toBe(false);
    expect(removeLockFileIfUnchanged(path, record(4242, 1))).toBe(false);
  });
});

/** docs/lock.md's example daemon, as written there: the ```js block after the "example: myd.mjs" marker. */
function readmeExample(): string {
  const page = readFileSync(join(repoRoot, 'docs/lock.md'), 'utf8');
  const match = /<!-- example: myd\.mjs -->\s*```js\n([\s\S]*?)```/.exec(page);
  if (match?.[1] === undefined) throw new Error('docs/lock.md has no example: myd.mjs block');
  return match[1];
}

describe("docs/lock.md's example daemon stop command", () => {
  const app = mkdtempSync(join(tmpdir(), 'hermes-myd-'));
  const pidFile = join(app, 'myd.pid');
  const env = { ...process.env, MYD_PID_FILE: pidFile };
  afterAll(() => {
    rmSync(app, { recursive: true, force: true });
  });

  function run(command: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const child = spawn(process.execPath, ['myd.mjs', command], { cwd: app, env, stdio: ['ignore', 'pipe', 'pipe'] });
    started.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    return exitOf(child).then(([code]) => ({ code, stdout, stderr }));
  }

  it('starts, refuses a second start, stops the first, and says when nothing runs', async () => {
    writeFileSync(join(app, 'myd.mjs'), readmeExample());
    writeFileSync(join(app, 'package.json'), '{ "private": true, "type": "module" }\n');
    mkdirSync(join(app, 'node_modules'));
    symlinkSync(repoRoot, join(app, 'node_modules/hermes-pid'), 'junction');

    const daemon = spawn(process.execPath, ['myd.mjs', 'start'], { cwd: app, env, stdio: ['ignore', 'pipe', 'inherit'] });
    started.push(daemon);
    const [greeting] = (await once(daemon.stdout, 'data')) as [Buffer];
    expect(greeting.toString()).toContain(`myd running as pid ${String(daemon.pid)}`);
    expect(readPidLock(pidFile)).toMatchObject({ state: 'held', record: { pid: daemon.pid } });

    const second = await run('start');
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`held by pid ${String(daemon.pid)}`);

    const stop = await run('stop');
    expect(stop).toMatchObject({ code: 0, stderr: '' });
    expect(stop.stdout).toMatch(new RegExp(`^myd \\(pid ${String(daemon.pid)}\\) stopped in \\d+ ms\\n$`));
    expect(await exitOf(daemon)).toEqual([null, 'SIGTERM']);
    expect(existsSync(pidFile)).toBe(false);

    const again = await run('stop');
    expect(again).toMatchObject({ code: 0, stdout: 'myd was not running\n' });
  });

  it('clears a pid file left by a crash whose pid now names another process, without signalling it', async () => {
    const { stranger, pid, messages } = await startStranger();
    writeFileSync(pidFile, record(pid, (processStartTime(pid) ?? 0) + 7));
    const stop = await run('stop');
    expect(stop).toMatchObject({ code: 0, stdout: `myd was not running (pid ${pid} now names another process); removed its pid file\n` });
    expect(existsSync(pidFile)).toBe(false);
    await vi.waitFor(() => expect(stranger.exitCode).toBeNull());
    expect(messages).toEqual([]);
  });
});
