// Biome as a host: the real Biome (the pinned devDependency) runs the GritQL plugin the package ships
// (biome/hermes-pid.grit, from the packed tarball, with docs/eslint-plugin.md's biome.json) over the
// whole corpus. Its findings are compared with no-raw-liveness-probe's under ESLint: no finding ESLint
// does not make (zero false positives), every probe it misses named in the docs, and its recall and
// precision as docs/benchmarks.md states them.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeScratchProjects, repoRoot } from '../support/scratch-project.js';
import { loadCorpus } from './support/corpus.js';
import { caseFile, corpusFolder, eslintReports, installPackedPlugin } from './support/hosts.js';

const BIOME = join(repoRoot, 'node_modules/@biomejs/biome/bin/biome');
const RULE = 'hermes-pid/no-raw-liveness-probe';
const corpus = loadCorpus();
/** The pinned tool, as npm ci installs it (its platform binary is an optional dependency): without it the tests skip, saying why. */
const installed = spawnSync(process.execPath, [BIOME, '--version'], { encoding: 'utf8' }).status === 0;

interface BiomeJson {
  readonly diagnostics: readonly { category: string; severity: string; message: string; location?: { path?: string; start?: { line: number; column: number } } }[];
}

/** The block after `<!-- example: NAME -->` in docs/eslint-plugin.md, as a user would copy it. */
function docExample(name: string): string {
  const page = readFileSync(join(repoRoot, 'docs/eslint-plugin.md'), 'utf8');
  const body = new RegExp(`<!-- example: ${name.replace(/\./g, '\\.')} -->\\s*\`\`\`\\w*\\n([\\s\\S]*?)\`\`\``).exec(page)?.[1];
  if (body === undefined) throw new Error(`docs/eslint-plugin.md has no example: ${name} block`);
  return body;
}

afterAll(removeScratchProjects);

describe.skipIf(!installed)('Biome with the shipped GritQL plugin' + (installed ? '' : ' (skipped: the pinned package or its platform binary is not installed; run npm ci)'), () => {
  let found: string[];
  let expected: string[];
  beforeAll(() => {
    const project = corpusFolder(corpus, 'hermes biome-');
    installPackedPlugin(project);
    writeFileSync(join(project, 'biome.json'), docExample('biome.json'));
    // Exit code 1 means "found errors": the JSON on stdout says what.
    const run = spawnSync(process.execPath, [BIOME, 'lint', '--reporter=json', '--max-diagnostics=none', ...corpus.map(caseFile)], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    if (run.status !== 0 && run.status !== 1) throw new Error(`biome exited ${String(run.status)}: ${run.stderr}`);
    const json = JSON.parse(run.stdout) as BiomeJson;
    // Biome's own rules are left on, as in a user's project: only the plugin's findings count.
    const plugin = json.diagnostics.filter((d) => d.category === 'plugin');
    expect(plugin.every((d) => d.message.startsWith(`Raw liveness probe (${RULE})`))).toBe(true);
    found = plugin.map((d) => `${String(d.location?.path)}:${String(d.location?.start?.line)}:${String(d.location?.start?.column)}`).sort();
    expected = eslintReports(corpus)
      .filter((r) => r.rule === RULE)
      .map((r) => `${r.file}:${String(r.line)}:${String(r.column)}`)
      .sort();
  }, 120_000);

  it('is the pinned version', () => {
    const pinned = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies['@biomejs/biome'];
    expect(execFileSync(process.execPath, [BIOME, '--version'], { encoding: 'utf8' }).trim()).toBe(`Version: ${String(pinned)}`);
  });

  it('reports nothing ESLint does not (zero false positives), at the position ESLint reports', () => {
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((at) => !expected.includes(at)), JSON.stringify(found.filter((at) => !expected.includes(at)))).toEqual([]);
  });

  it('misses only the probes docs/eslint-plugin.md lists, and docs/benchmarks.md states its recall and precision', () => {
    const missed = [...new Set(expected.filter((at) => !found.includes(at)).map((at) => at.split('/')[0] as string))].sort();
    const page = readFileSync(join(repoRoot, 'docs/eslint-plugin.md'), 'utf8');
    const listed = [...(/\x3c!-- biome-misses -->([\s\S]*?)\x3c!-- \/biome-misses -->/.exec(page)?.[1] ?? '').matchAll(/^- `([a-z0-9-]+)`/gm)].map((m) => m[1] as string).sort();
    expect(listed, JSON.stringify(missed)).toEqual(missed);
    const hits = found.filter((at) => expected.includes(at)).length;
    const row = `| Biome ${'2.6.8'} GritQL plugin (\`biome/hermes-pid.grit\`) | ${String(hits)}/${String(expected.length)} (${((100 * hits) / expected.length).toFixed(1)}%) | ${String(hits)}/${String(found.length)} (${((100 * hits) / found.length).toFixed(1)}%) |`;
    expect(readFileSync(join(repoRoot, "docs/benchmarks.md"), "utf8"), row).toContain(row);
  });
});
