// The real-code corpus of bench/codemod.ts: published daemon and CLI packages (`npm pack`, from the
// npm registry only), each unpacked into its own folder with .gitignore files (a root one and nested
// ones, as repositories have) and made a git work tree; the folder holding them is not one. Built once
// under .cache/bench-corpus, then reused.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Pinned, so that every run measures the same code. */
export const PACKAGES = [
  'pm2@7.0.4',
  'forever-monitor@3.0.3',
  'nodemon@3.1.14',
  'mongodb-memory-server-core@11.3.0',
  'verdaccio@6.8.0',
  'nx@24.0.6',
  '@angular/cli@21.2.28',
  'typeorm@1.1.1',
  'jest-cli@30.5.2',
  'webpack-dev-server@5.2.7',
  'npm@11.21.2',
  '@nestjs/cli@12.0.8',
  'firebase-tools@15.34.2',
  'netlify-cli@26.2.0',
] as const;

/** Renamed in the copies: the codemod skips these by design, rg and ast-grep would not (npm bundles its dependencies). */
const SKIPPED = new Set(['node_modules', 'dist', 'build', 'out', 'coverage']);
const ROOT_GITIGNORE = ['node_modules/', 'coverage/', '.nyc_output/', '*.log', '.env', '.DS_Store', '/tmp/', '*.tgz', ''].join('\n');
const NESTED_GITIGNORE = ['*.tmp', '*.orig', '/fixtures-out/', ''].join('\n');
const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;

export interface RealCorpus {
  /** The folder holding every repository (not a git work tree). */
  readonly dir: string;
  /** Repository folders, largest (most JS/TS files) first, with their counts. */
  readonly repos: readonly { readonly dir: string; readonly files: number }[];
}

function renameSkipped(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    let name = entry.name;
    if (SKIPPED.has(name)) {
      name = `${name}_`;
      renameSync(join(dir, entry.name), join(dir, name));
    }
    renameSkipped(join(dir, name));
  }
}

function countSources(dir: string): number {
  let count = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'tmp') continue;
    if (entry.isDirectory()) count += countSources(join(dir, entry.name));
    else if (SOURCE.test(entry.name) && !/\.d\.[cm]?ts$/.test(entry.name)) count++;
  }
  return count;
}

/** A repository: the package's files, a root .gitignore, one in each top-level folder, an ignored tmp/ with sources in it. */
function makeRepo(tarball: string, dir: string): void {
  mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['xzf', tarball, '-C', dir, '--strip-components=1']);
  renameSkipped(dir);
  writeFileSync(join(dir, '.gitignore'), ROOT_GITIGNORE);
  const top = readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory());
  for (const entry of top) writeFileSync(join(dir, entry.name, '.gitignore'), NESTED_GITIGNORE);
  // Ignored files that a listing must not return: a scratch folder with copies of sources.
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  const sources = readdirSync(dir).filter((name) => SOURCE.test(name));
  for (const name of sources.slice(0, 5)) copyFileSync(join(dir, name), join(dir, 'tmp', name));
  writeFileSync(join(dir, 'tmp', 'scratch.js'), 'process.kill(pid, 0);\n');
  const git = (...args: string[]): void => {
    execFileSync('git', ['-c', 'user.email=bench@example.com', '-c', 'user.name=bench', '-c', 'core.autocrlf=false', ...args], { cwd: dir, stdio: 'ignore' });
  };
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '--no-verify', '-m', 'corpus');
}

export function realCorpus(root: string): RealCorpus {
  const base = join(root, '.cache', 'bench-corpus');
  const dir = join(base, 'repos');
  const complete = join(base, 'complete');
  if (!existsSync(complete)) {
    rmSync(base, { recursive: true, force: true });
    const tarballs = join(base, 'tarballs');
    mkdirSync(tarballs, { recursive: true });
    mkdirSync(dir, { recursive: true });
    for (const spec of PACKAGES) {
      console.log(`corpus: npm pack ${spec}`);
      const out = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', tarballs], { encoding: 'utf8' }).trim().split('\n').pop() ?? '';
      const name = spec.slice(0, spec.lastIndexOf('@')).replace('@', '').replace('/', '-');
      makeRepo(join(tarballs, out), join(dir, name));
    }
    writeFileSync(complete, `${PACKAGES.join('\n')}\n`);
  }
  const repos = readdirSync(dir)
    .map((name) => ({ dir: join(dir, name), files: countSources(join(dir, name)) }))
    .sort((a, b) => b.files - a.files);
  return { dir, repos };
}
