import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../src/meta.js';

it('src/meta.ts agrees with package.json', () => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
  expect({ name: PACKAGE_NAME, version: PACKAGE_VERSION }).toEqual({ name: pkg.name, version: pkg.version });
});

interface Manifest {
  version: string;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
}

it('hermes-codemod is versioned in step with hermes-pid and pins that exact version', () => {
  const read = (path: string): Manifest => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as Manifest;
  const pid = read('../package.json');
  const codemod = read('../packages/hermes-codemod/package.json');
  expect(codemod.version).toBe(pid.version);
  expect(codemod.dependencies['hermes-pid']).toBe(pid.version);
  // What hermes-codemod brings is what hermes-pid's CLI and engine accept as peers.
  for (const [name, range] of Object.entries(codemod.dependencies)) {
    if (name !== 'hermes-pid') expect([name, pid.peerDependencies[name]]).toEqual([name, range]);
  }
});
