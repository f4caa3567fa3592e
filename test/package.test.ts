import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_VERSION } from '../src/meta.js';
import { npmRun, packedTarballs, repoRoot, removeScratchProjects, scratchProject } from './support/scratch-project.js';

function node(args: readonly string[], cwd: string): string {
  return execFileSync(process.execPath, [...args], { cwd, encoding: 'utf8' });
}

afterAll(removeScratchProjects);

describe('the packed tarballs (npm pack, unpacked)', () => {
  /** Every file of the tarball, by its path inside the package. */
  function unpack(tarball: string): Map<string, string> {
    const dir = mkdtempSync(join(tmpdir(), 'hermes-unpacked-'));
    try {
      mkdirSync(join(dir, 'x'));
      execFileSync('tar', ['-xzf', tarball, '-C', join(dir, 'x')]);
      const root = join(dir, 'x/package');
      const files = new Map<string, string>();
      for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
        if (entry.isFile()) files.set(join(entry.parentPath, entry.name).slice(root.length + 1), readFileSync(join(entry.parentPath, entry.name), 'utf8'));
      }
      return files;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it.each(['hermesPid', 'hermesCodemod'] as const)('%s ships an MIT LICENSE matching package.json, and no file names a source map it does not ship', (name) => {
    const files = unpack(packedTarballs()[name]);
    const manifest = JSON.parse(files.get('package.json') ?? '{}') as { license?: string };
    expect(manifest.license).toBe('MIT');
    expect(files.get('LICENSE')).toMatch(/^MIT License\n\nCopyright \(c\) [^\n]+\n\nPermission is hereby granted, free of charge/);
    const dangling: string[] = [];
    for (const [path, text] of files) {
      const named = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(text)?.[1];
      if (named !== undefined && !files.has(join(path, '..', named))) dangling.push(`${path} -> ${named}`);
    }
    expect(dangling).toEqual([]);
    if (name === 'hermesPid') expect([...files.keys()].filter((path) => path.endsWith('.js')).length).toBeGreaterThan(100);
  }, 300_000);
});

describe('hermes-pid installed from its tarball into a scratch project', () => {
  let project: string;
  beforeAll(() => {
    project = scratchProject({ typescript: execFileSync(process.execPath, ['-p', 'require("typescript/package.json").version'], { cwd: repoRoot, encoding: 'utf8' }).trim(), '@types/node': '^20' }, { codemod: true });
    // Both tarballs, TypeScript and the codemod's libraries: minutes on a busy machine.
  }, 300_000);

  it('works with require() from CommonJS', () => {
    const out = node(['-e', `
      const h = require('hermes-pid');
      console.log(JSON.stringify([typeof h.pidIsAlive, typeof h.pidState, h.pidState(process.pid), h.pidIsAlive('')]));`], project);
    expect(JSON.parse(out)).toEqual(['function', 'function', 'alive', false]);
  });

  it('works with import from ESM', () => {
    const out = node(['--input-type=module', '-e', `
      import { pidIsAlive, pidState } from 'hermes-pid';
      const dynamic = await import('hermes-pid');
      console.log(JSON.stringify([typeof pidIsAlive, pidState(process.pid), dynamic.pidIsAlive === pidIsAlive]));`], project);
    expect(JSON.parse(out)).toEqual(['function', 'alive', true]);
  });

  it('takes and releases a pid lock from CommonJS and from ESM', () => {
    const lockPath = join(project, 'app.pid');
    const cjs = node(['-e', `
      const { acquirePidLock, readPidLock, processStartTime, PidLockHeldError } = require('hermes-pid');
      const lock = acquirePidLock(${JSON.stringify(lockPath)});
      let held; try { acquirePidLock(${JSON.stringify(lockPath)}); } catch (error) { held = error instanceof PidLockHeldError; }
      console.log(JSON.stringify([lock.record.startTime === processStartTime(process.pid), readPidLock(${JSON.stringify(lockPath)}).state, held, lock.release()]));`], project);
    expect(JSON.parse(cjs)).toEqual([true, 'held', true, true]);
    const esm = node(['--input-type=module', '-e', `
      import { acquirePidLock, readPidLock } from 'hermes-pid';
      const lock = acquirePidLock(${JSON.stringify(lockPath)});
      console.log(JSON.stringify([readPidLock(${JSON.stringify(lockPath)}).record.pid === process.pid, lock.release()]));`], project);
    expect(JSON.parse(esm)).toEqual([true, true]);
  });

  it('loads neither ESLint nor the codemod parser nor koffi for the helper', () => {
    const script = `
      const h = require('hermes-pid');
      h.pidState(process.ppid); // never the machine's init
      h.probeBackend();
      h.processStartTime(process.ppid);
      const loaded = Object.keys(require.cache);
      console.log(JSON.stringify(['/eslint/', '/typescript-estree/', '/typescript/', '/koffi/'].filter((p) => loaded.some((f) => f.includes(p)))));`;
    expect(JSON.parse(node(['-e', script], project))).toEqual([]);
  });

  it('does not load koffi (native code) when imported from ESM on Linux', () => {
    const script = `
      import { createRequire } from 'node:module';
      import { pidState, probeBackend, processStartTime } from 'hermes-pid';
      const states = [pidState(process.ppid), pidState(process.pid), probeBackend(), typeof processStartTime(process.pid)];
      // koffi is CommonJS: once loaded, by require or import, it sits in the CommonJS cache.
      const cache = Object.keys(createRequire(import.meta.url).cache);
      console.log(JSON.stringify({ states, koffi: cache.filter((f) => f.includes('/koffi/')), cached: cache.length }));`;
    const result = JSON.parse(node(['--input-type=module', '-e', script], project)) as Record<string, unknown>;
    expect(result).toMatchObject({ states: [expect.any(String), 'alive', 'process.kill', 'number'], koffi: [] });
  });

  it('ships types that type-check for ESM and CommonJS callers', () => {
    const source = `
      import { pidIsAlive, pidState, type PidState, type PidIsAliveOptions } from 'hermes-pid';
      const options: PidIsAliveOptions = { treatPermissionDeniedAsAlive: true };
      const state: PidState = pidState('42\\n');
      const alive: boolean = pidIsAlive(42, options);
      // @ts-expect-error the option is a boolean
      pidIsAlive(42, { treatPermissionDeniedAsAlive: 'yes' });
      import { acquirePidLock, readPidLock, type PidLock, type PidLockStatus, type PidLockStaleReason } from 'hermes-pid';
      const lock: PidLock = acquirePidLock('app.pid', { onStale: (record, reason: PidLockStaleReason) => console.log(record?.pid, reason) });
      const status: PidLockStatus = readPidLock('app.pid');
      export { state, alive, lock, status };`;
    writeFileSync(join(project, 'esm.mts'), source);
    writeFileSync(join(project, 'cjs.cts'), source.replace(/^\s*export .*$/m, ''));
    const tsc = join(project, 'node_modules/typescript/bin/tsc');
    const run = (file: string): string =>
      node([tsc, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--types', 'node', file], project);
    expect(run('esm.mts')).toBe('');
    expect(run('cjs.cts')).toBe('');
    // Two tsc runs: well past the default timeout on a loaded 2-core machine.
  }, 120_000);

  it('puts hermes-codemod (from its own package) on the path with --help and --version', () => {
    const bin = join(project, 'node_modules/.bin/hermes-codemod');
    expect(execFileSync(bin, ['--help'], { encoding: 'utf8' })).toMatch(/^Usage: hermes-codemod/);
    expect(execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim()).toBe(`hermes-codemod ${PACKAGE_VERSION}\nhermes-pid ${PACKAGE_VERSION}`);
  });
});

describe('hermes-pid installed from the repo path into a scratch project', () => {
  it('exposes the helper, the plugin and the codemod engine to require() and import', () => {
    const project = mkdtempSync(join(tmpdir(), 'hermes-path-'));
    try {
      writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'scratch-path', private: true, version: '1.0.0' }));
      npmRun(['install', '--prefer-offline', '--no-audit', '--no-fund', repoRoot], project);
      const report = `[typeof h.pidIsAlive, typeof h.pidState, h.pidState(process.pid), typeof p.configs.recommended, typeof c.transformSource]`;
      const cjs = node(['-e', `
        const h = require('hermes-pid'), p = require('hermes-pid/eslint-plugin'), c = require('hermes-pid/codemod');
        console.log(JSON.stringify(${report}));`], project);
      const esm = node(['--input-type=module', '-e', `
        const h = await import('hermes-pid'), p = (await import('hermes-pid/eslint-plugin')).default, c = await import('hermes-pid/codemod');
        console.log(JSON.stringify(${report}));`], project);
      const expected = ['function', 'function', 'alive', 'object', 'function'];
      expect(JSON.parse(cjs)).toEqual(expected);
      expect(JSON.parse(esm)).toEqual(expected);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  }, 120_000);
});
