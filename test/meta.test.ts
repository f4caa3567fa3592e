import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { expect, it } from 'vitest';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../src/meta.js';
import { repoRoot } from './support/scratch-project.js';

it('src/meta.ts agrees with package.json', () => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
  expect({ name: PACKAGE_NAME, version: PACKAGE_VERSION }).toEqual({ name: pkg.name, version: pkg.version });
});

interface Manifest {
  version: string;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
}

const read = (path: string): Manifest => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as Manifest;
const pid = read('../package.json');
const codemod = read('../packages/hermes-codemod/package.json');

it('hermes-codemod is versioned in step with hermes-pid and pins that exact version', () => {
  expect(codemod.version).toBe(pid.version);
  expect(codemod.dependencies['hermes-pid']).toBe(pid.version);
});

/** The packages each built entry checks for before it loads (scripts/build.mjs writes the lists into main.js). */
function checkedPeers(entry: string, file = 'main.js'): string[] {
  const text = readFileSync(join(repoRoot, 'dist/esm/src', entry, file), 'utf8');
  const list = /assertPeersInstalled\("[^"]+", (\[[^\]]*\])/.exec(text)?.[1];
  if (list === undefined) throw new Error(`dist/esm/src/${entry}/${file} checks no packages`);
  return JSON.parse(list) as string[];
}

it("hermes-pid's peers are the ESLint plugin's alone, all optional: the codemod's libraries come with hermes-codemod", () => {
  // A project's own TypeScript, ESLint or parser versions must never make `npm install hermes-pid` fail (issue 28).
  // @typescript-eslint/parser: only for typed linting of .js, which the user's config sets up (node-parser.ts).
  expect(Object.keys(pid.peerDependencies).sort()).toEqual([...checkedPeers('eslint-plugin'), 'eslint', 'typescript', '@typescript-eslint/parser'].sort());
  for (const name of Object.keys(pid.peerDependencies)) expect([name, pid.peerDependenciesMeta[name]?.optional]).toEqual([name, true]);
  for (const entry of ['codemod', 'ts-morph']) {
    for (const name of checkedPeers(entry)) {
      expect([entry, name, codemod.dependencies[name] !== undefined]).toEqual([entry, name, true]);
    }
  }
  for (const name of checkedPeers('cli', 'main.js')) expect([name, codemod.dependencies[name] !== undefined]).toEqual([name, true]);
});

it('each checked entry names every package its modules import at load, so a missing one is named, not a raw MODULE_NOT_FOUND', () => {
  const own = new Set(Object.keys(pid.dependencies));
  for (const entry of ['codemod', 'ts-morph', 'eslint-plugin']) {
    // The static imports (`from '...'`) reachable from the entry's index.js in the ESM build.
    const seen = new Set<string>();
    const packages = new Set<string>();
    const queue = [join(repoRoot, 'dist/esm/src', entry, 'index.js')];
    for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
      if (seen.has(file)) continue;
      seen.add(file);
      for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/^(?:import|export)\s[^;]*?\bfrom\s*['"]([^'"]+)['"]/gm)) {
        if (specifier === undefined || specifier.startsWith('node:') || builtinModules.includes(specifier)) continue;
        if (specifier.startsWith('.')) queue.push(join(dirname(file), specifier));
        else packages.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] as string));
      }
    }
    expect(seen.size).toBeGreaterThan(3);
    const checked = new Set(checkedPeers(entry));
    expect([entry, [...packages].filter((name) => !own.has(name) && !checked.has(name))]).toEqual([entry, []]);
  }
});

it('every package the built code imports is declared: a dependency, a peer, or a dependency of hermes-codemod', () => {
  const declared = new Set([...Object.keys(pid.dependencies), ...Object.keys(pid.peerDependencies), ...Object.keys(codemod.dependencies)]);
  const builtins = new Set(builtinModules);
  const found = new Set<string>();
  for (const tree of ['dist/esm', 'dist/cjs']) {
    for (const file of readdirSync(join(repoRoot, tree), { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.js')) continue;
      const text = readFileSync(join(repoRoot, tree, file), 'utf8');
      // import ... from 'x', import('x'), require('x') and nodeRequire('x').
      for (const [, specifier] of text.matchAll(/(?:\bfrom\s*|\bimport\(\s*|require\(\s*)['"]([^'"./$][^'"]*)['"]/gi)) {
        if (specifier === undefined || specifier.startsWith('node:') || builtins.has(specifier)) continue;
        const parts = specifier.split('/');
        found.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string));
      }
    }
  }
  expect(found.size).toBeGreaterThan(10);
  expect([...found].filter((name) => !declared.has(name))).toEqual([]);
});
