// The engines range we claim is one we keep: the lowest Node of each of its ranges satisfies the
// `engines.node` of every package a user installs with hermes-pid or hermes-codemod (dependencies,
// the peers the lint and codemod faces need, and theirs, as installed here). Else `npm install` prints
// EBADENGINE and a user with engine-strict cannot install at all.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

interface Manifest {
  name: string;
  version: string;
  engines?: { node?: string };
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

function read(path: string): Manifest {
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}

/** Node's lookup: node_modules/NAME in the folder and every folder above. */
function resolveManifest(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(candidate)) return realpathSync(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}

/** Every installed package reachable from `manifestPath` through dependencies, optional and peer dependencies. */
function installedTree(manifestPath: string, found = new Map<string, Manifest>()): Map<string, Manifest> {
  const manifest = read(manifestPath);
  const names = Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies, ...manifest.peerDependencies });
  for (const name of names) {
    const path = resolveManifest(name, dirname(manifestPath));
    if (path === undefined || found.has(path)) continue;
    found.set(path, read(path));
    installedTree(path, found);
  }
  return found;
}

/** The lowest version of each `||` range: `^20.19.0 || ^22.13.0 || >=24` -> 20.19.0, 22.13.0, 24.0.0. */
function lowestVersions(range: string): string[] {
  return new semver.Range(range).set.map((comparators) => semver.minVersion(comparators.map((c) => c.value).join(' '))?.version ?? 'none');
}

const packages = [join(root, 'package.json'), join(root, 'packages/hermes-codemod/package.json')];

describe('engines.node', () => {
  const claimed = read(packages[0] as string).engines?.node ?? '';

  it('is the same range in both packages', () => {
    expect(claimed).not.toBe('');
    for (const path of packages) expect(read(path).engines?.node, path).toBe(claimed);
  });

  it.each(packages.map((path) => [path.slice(root.length)] as const))('%s: every installed dependency supports the lowest version of each range we claim', (relative) => {
    const tree = installedTree(join(root, relative));
    expect(tree.size).toBeGreaterThan(10);
    const unsupported: string[] = [];
    for (const manifest of tree.values()) {
      const needs = manifest.engines?.node;
      if (needs === undefined) continue;
      for (const version of lowestVersions(claimed)) {
        if (!semver.satisfies(version, needs)) unsupported.push(`${manifest.name}@${manifest.version} wants node ${needs}, not ${version}`);
      }
    }
    expect(unsupported).toEqual([]);
  });
});
