// A real npm registry for the tests: verdaccio (a devDependency) on a free loopback port, with a
// throwaway storage folder, config and npm cache. hermes-pid and hermes-codemod are served only from
// it (no uplink for them: neither name may ever come from the public registry); every other package
// goes through to the registry npm itself is configured with.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { repoRoot } from './scratch-project.js';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
export const OUR_PACKAGES = ['hermes-pid', 'hermes-codemod'] as const;

export interface LocalRegistry {
  readonly url: string;
  /** Scratch folder of this registry: projects made with project() live in it. */
  readonly dir: string;
  /** Environment for npm/npx children: only this registry, its own npmrc and cache, no npm_* from the parent. */
  readonly env: NodeJS.ProcessEnv;
  /** npm with env, in cwd; stdout. */
  npm(args: readonly string[], cwd: string): string;
  /** A fresh folder with a package.json of its own. */
  project(name: string, manifest?: Record<string, unknown>): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess, log: () => string): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    if (child.exitCode !== null) throw new Error(`verdaccio exited with ${child.exitCode}:\n${log()}`);
    try {
      const response = await fetch(`${url}-/ping`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`verdaccio did not answer at ${url}:\n${log()}`);
}

/** The registry the user's npm uses (a mirror, if one is configured); verdaccio proxies other packages to it. */
function upstreamRegistry(): string {
  const configured = execFileSync(npm, ['config', 'get', 'registry'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  return configured.endsWith('/') ? configured : `${configured}/`;
}

/** `npm pack` of both packages from the built repo (the build ran in pretest), in dir. */
export function packBoth(dir: string): Record<(typeof OUR_PACKAGES)[number], string> {
  const pack = (folder: string): string => {
    const before = new Set(readdirSync(dir));
    execFileSync(npm, ['pack', '--ignore-scripts', '--pack-destination', dir, folder], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    const made = readdirSync(dir).find((name) => name.endsWith('.tgz') && !before.has(name));
    if (made === undefined) throw new Error(`npm pack ${folder} left no tarball`);
    return join(dir, made);
  };
  return { 'hermes-pid': pack(repoRoot), 'hermes-codemod': pack(join(repoRoot, 'packages/hermes-codemod')) };
}

export async function startLocalRegistry(): Promise<LocalRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'hermes-registry-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const ours = OUR_PACKAGES.map((name) => `  '${name}':\n    access: $all\n    publish: $authenticated\n`).join('');
  writeFileSync(
    join(dir, 'config.yaml'),
    [
      `storage: ${JSON.stringify(join(dir, 'storage'))}`,
      `auth:\n  htpasswd:\n    file: ${JSON.stringify(join(dir, 'htpasswd'))}`,
      `uplinks:\n  upstream:\n    url: ${JSON.stringify(upstreamRegistry())}\n    timeout: 60s`,
      `packages:\n${ours}  '**':\n    access: $all\n    publish: $authenticated\n    proxy: upstream`,
      'server:\n  keepAliveTimeout: 60',
      'log:\n  type: stdout\n  format: pretty\n  level: warn',
      '',
    ].join('\n'),
  );
  const bin = join(createRequire(import.meta.url).resolve('verdaccio/package.json'), '../bin/verdaccio');
  const child = spawn(process.execPath, [bin, '--config', join(dir, 'config.yaml'), '--listen', `127.0.0.1:${port}`], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await waitUntilUp(url, child, () => output);
    // A user to publish as: verdaccio's htpasswd plugin registers on first login.
    const response = await fetch(`${url}-/user/org.couchdb.user:hermes-test`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'hermes-test', password: 'hermes-test-password' }),
    });
    const { token } = (await response.json()) as { token?: string };
    if (token === undefined) throw new Error(`verdaccio registered no user (${response.status}):\n${output}`);

    const host = `//127.0.0.1:${port}/`;
    const npmrc = join(dir, 'npmrc');
    writeFileSync(npmrc, `registry=${url}\n${host}:_authToken=${token}\naudit=false\nfund=false\nupdate-notifier=false\n`);
    writeFileSync(join(dir, 'global-npmrc'), '');
    mkdirSync(join(dir, 'cache'));
    // Nothing of the parent npm leaks in: npm test sets npm_config_* (cache, userconfig, ...) and puts
    // the repo's node_modules/.bin (with its own hermes-codemod) on PATH.
    const inherited = Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && key !== 'PATH');
    const path = (process.env.PATH ?? '').split(delimiter).filter((entry) => !entry.startsWith(repoRoot) && !/node_modules[\\/]\.bin$/.test(entry));
    const env: NodeJS.ProcessEnv = {
      ...Object.fromEntries(inherited),
      PATH: path.join(delimiter),
      npm_config_userconfig: npmrc,
      npm_config_globalconfig: join(dir, 'global-npmrc'),
      npm_config_cache: join(dir, 'cache'),
      npm_config_registry: url,
    };
    return {
      url,
      dir,
      env,
      npm: (args, cwd) => execFileSync(npm, [...args], { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
      project: (name, manifest = {}) => {
        const project = join(dir, 'projects', name);
        mkdirSync(project, { recursive: true });
        writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name, version: '1.0.0', private: true, ...manifest }, null, 2)}\n`);
        return project;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
