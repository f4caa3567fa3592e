// The shared fixture corpus drives the codemod: every case's sites, its output (or byte-identity),
// idempotence, and agreement with the lint rule about where each probe is.
import { fileURLToPath } from 'node:url';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { transformSource } from '../../src/codemod/index.js';
import type { TransformOptions } from '../../src/codemod/index.js';
import { moduleTypeOf } from '../../src/internal/package-scope.js';

const corpus = fileURLToPath(new URL('../fixtures/', import.meta.url));

interface ExpectedSite {
  line: number;
  column: number;
  shape: string;
  flag: boolean | null;
  action: 'rewrite' | 'skip';
  behaviourChange: boolean;
  reason?: string;
}
interface CodemodJson {
  options?: { importSource?: string; strict?: boolean };
  sites: ExpectedSite[];
}
interface Diagnostic {
  rule: string;
  line: number;
  column: number;
}

const cases = readdirSync(corpus, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => {
    const dir = join(corpus, entry.name);
    const files = readdirSync(dir);
    const input = files.find((f) => f.startsWith('input.'));
    const ext = input?.slice('input'.length) ?? '';
    const read = (name: string): string | undefined => (files.includes(name) ? readFileSync(join(dir, name), 'utf8') : undefined);
    return {
      name: entry.name,
      // As the CLI reads it: a case folder may hold a package.json ("type", or a marker) to say how Node loads it.
      moduleType: moduleTypeOf(dir),
      ownPackageJson: existsSync(join(dir, 'package.json')),
      input: input === undefined ? undefined : readFileSync(join(dir, input), 'utf8'),
      fileName: `input${ext}`,
      output: read(`output${ext}`),
      codemod: existsSync(join(dir, 'codemod.json')) ? (JSON.parse(read('codemod.json') ?? '') as CodemodJson) : undefined,
      diagnostics: existsSync(join(dir, 'diagnostics.json')) ? (JSON.parse(read('diagnostics.json') ?? '') as Diagnostic[]) : undefined,
    };
  });

/** The same JavaScript parsed as TypeScript must get the same answer. */
const AS_TYPESCRIPT: Record<string, string> = { '.js': '.ts', '.mjs': '.mts', '.cjs': '.cts', '.jsx': '.tsx' };

function sitesOf(source: string, options: TransformOptions): ExpectedSite[] {
  return transformSource(source, options).sites.map((s) => ({
    line: s.line,
    column: s.column,
    shape: s.shape,
    flag: s.flag ?? null,
    action: s.action,
    behaviourChange: s.behaviourChange,
    ...(s.reason === undefined ? {} : { reason: s.reason }),
  }));
}

describe.each(cases.filter((c) => c.input !== undefined && c.codemod !== undefined))('fixture $name', ({ input, fileName, output, codemod, moduleType, ownPackageJson }) => {
  const source = input as string;
  const expected = codemod as CodemodJson;
  const options: TransformOptions = { fileName, moduleType, ...expected.options };

  it('finds every site with its shape, flag and action', () => {
    const actual = sitesOf(source, options);
    expect(actual.map(({ reason: _reason, ...site }) => site)).toEqual(expected.sites.map(({ reason: _reason, ...site }) => site));
    expected.sites.forEach((site, i) => {
      if (site.reason !== undefined) expect(actual[i]?.reason).toContain(site.reason);
    });
  });

  it(output === undefined ? 'leaves the file byte-identical' : 'rewrites to the expected output', () => {
    const result = transformSource(source, options);
    expect(result.output).toBe(output ?? source);
    expect(result.changed).toBe(output !== undefined);
  });

  it('is idempotent', () => {
    const once = transformSource(source, options).output;
    const twice = transformSource(once, options);
    expect(twice.output).toBe(once);
    expect(twice.sites.filter((s) => s.action === 'rewrite')).toEqual([]);
  });

  const tsExt = AS_TYPESCRIPT[fileName.slice('input'.length)];
  // TypeScript is strict code: a sloppy-mode script (`0755`, `'\033'`) is a syntax error there, as tsc says.
  const tsRefuses = tsExt !== undefined && transformSource(source, { ...options, fileName: `input${tsExt}` }).parseErrors.length > 0;
  // A package "type" decides only for .js: a CommonJS-package script written as .ts gets an import (tsc compiles it).
  if (tsExt !== undefined && !tsRefuses && !ownPackageJson) {
    it(`gives the same answer when the JavaScript is parsed as ${tsExt}`, () => {
      const asTs = { ...options, fileName: `input${tsExt}` };
      expect(sitesOf(source, asTs)).toEqual(sitesOf(source, options));
      expect(transformSource(source, asTs).output).toBe(output ?? source);
    });
  }
});

describe('lint and codemod agree on where every probe is', () => {
  const both = cases.filter((c) => c.codemod !== undefined && c.diagnostics !== undefined);
  it('covers every case of the corpus', () => {
    const incomplete = cases.filter((c) => c.input === undefined || c.codemod === undefined || c.diagnostics === undefined).map((c) => c.name);
    expect(incomplete).toEqual([]);
    expect(both.length).toBeGreaterThanOrEqual(40);
  });
  it.each(both)('$name', ({ codemod, diagnostics }) => {
    const lint = (diagnostics ?? []).filter((d) => d.rule.endsWith('no-raw-liveness-probe')).map((d) => `${d.line}:${d.column}`);
    const engine = (codemod?.sites ?? []).map((s) => `${s.line}:${s.column}`);
    expect(engine).toEqual(lint);
  });
});
