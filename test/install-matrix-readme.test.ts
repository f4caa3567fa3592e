// The README's "Supported versions" list says what package.json declares and what the install matrix
// tests: a range changed in one place and not the other fails here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { CELLS } from './support/install-cells.js';
import { repoRoot } from './support/scratch-project.js';

interface Manifest {
  engines: { node: string };
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
}

const read = (path: string): Manifest => JSON.parse(readFileSync(join(repoRoot, path), 'utf8')) as Manifest;
const pid = read('package.json');
const codemod = read('packages/hermes-codemod/package.json');
const README = readFileSync(join(repoRoot, 'README.md'), 'utf8');

/** The README list item that starts with `- label`: its backticked ranges and its "tested at" versions. */
function item(label: string): { ranges: string[]; tested: string[]; text: string } {
  const text = README.split('\n').find((line) => line.startsWith(`- ${label}`));
  if (text === undefined) throw new Error(`README.md has no "- ${label}" line under Supported versions`);
  const ranges = [...text.matchAll(/`([^`]+)`/g)].map((match) => match[1] as string);
  const tested = /tested at ([\d.]+(?:(?:, | and )[\d.]+)*)/.exec(text)?.[1]?.split(/, | and /) ?? [];
  return { ranges, tested, text };
}

const sorted = (versions: Iterable<string>): string[] => [...new Set(versions)].sort(semver.compare);

describe('README: Supported versions', () => {
  it('Node: the engines range of both packages', () => {
    expect(item('Node:').ranges[0]).toBe(pid.engines.node);
    expect(codemod.engines.node).toBe(pid.engines.node);
  });

  it.each([
    { label: 'ESLint', peers: ['eslint'], cell: 'eslint' },
    { label: 'typescript-eslint', peers: ['@typescript-eslint/utils', '@typescript-eslint/types', '@typescript-eslint/parser'], cell: 'typescriptEslint' },
    { label: 'TypeScript', peers: ['typescript'], cell: 'typescript' },
  ] as const)('$label: the peer range package.json declares, and the versions the matrix installs', ({ label, peers, cell }) => {
    const { ranges, tested } = item(`${label} (`);
    const range = ranges.find((text) => semver.validRange(text) !== null && !text.startsWith('@'));
    for (const name of peers) expect([name, range]).toEqual([name, pid.peerDependencies[name]]);
    expect(tested).toEqual(sorted(CELLS.map((c) => c[cell])));
    for (const version of tested) expect([version, semver.satisfies(version, range ?? '')]).toEqual([version, true]);
    // The floor we claim is one we install (TypeScript's is typescript-eslint's claim, not ours).
    if (label !== 'TypeScript') expect(tested).toContain(semver.minVersion(range ?? '')?.version);
  });

  it("The codemod: hermes-codemod's own ranges", () => {
    const { text } = item('The codemod');
    for (const name of ['typescript', 'ts-morph', 'espree']) {
      const named = new RegExp(`${name === 'typescript' ? 'TypeScript' : name} \`([^\`]+)\``).exec(text)?.[1];
      expect([name, named]).toEqual([name, codemod.dependencies[name]]);
    }
  });

  it('Package managers: the ones the matrix installs with', () => {
    const { text } = item('Package managers:');
    const named = text
      .replace(/^- Package managers: /, '')
      .replace(/ \([^)]*\)/g, '')
      .split(/, | and /)
      .map((name) => name.replace(/ berry$/, ''));
    expect(named.sort()).toEqual([...new Set(CELLS.map((c) => c.manager))].sort());
  });
});
