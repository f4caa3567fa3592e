// oxlint as a host: the real oxlint binary (the pinned devDependency) loads the packed plugin as a JS
// plugin and lints the whole corpus, JavaScript and TypeScript; it must give exactly what ESLint gives
// (rule, severity, line, column, message), and its suggestions must be ESLint's.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../../src/eslint-plugin/index.js';
import { removeScratchProjects, repoRoot, tempDir } from '../support/scratch-project.js';
import { loadCorpus } from './support/corpus.js';
import { caseFile, corpusFolder, eslintReports, installPackedPlugin, sorted, type HostReport } from './support/hosts.js';

const OXLINT = join(repoRoot, 'node_modules/oxlint/bin/oxlint');
const corpus = loadCorpus();

interface OxlintJson {
  readonly diagnostics: readonly { code?: string; message: string; severity: string; filename: string; labels: readonly { span: { line: number; column: number } }[] }[];
  readonly number_of_files: number;
}

/** The block after `<!-- example: NAME -->` in docs/eslint-plugin.md, as a user would copy it. */
function docExample(name: string): string {
  const page = readFileSync(join(repoRoot, 'docs/eslint-plugin.md'), 'utf8');
  const body = new RegExp(`<!-- example: ${name.replace(/\./g, '\\.')} -->\\s*\`\`\`\\w*\\n([\\s\\S]*?)\`\`\``).exec(page)?.[1];
  if (body === undefined) throw new Error(`docs/eslint-plugin.md has no example: ${name} block`);
  return body;
}

/** The recommended config's rules, unchanged, and none of oxlint's own rules: every report must be ours. */
const OXLINTRC = { jsPlugins: ['hermes-pid/eslint-plugin'], plugins: [], categories: { correctness: 'off' }, rules: plugin.configs.recommended[0].rules };

function oxlint(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): OxlintJson {
  // Exit code 1 means "found errors": the JSON on stdout says what.
  const run = spawnSync(process.execPath, [OXLINT, '--format', 'json', ...args], { cwd, encoding: 'utf8', env });
  if (run.status !== 0 && run.status !== 1) throw new Error(`oxlint exited ${String(run.status)}: ${run.stderr}${run.stdout}`);
  return JSON.parse(run.stdout) as OxlintJson;
}

function reports(json: OxlintJson): HostReport[] {
  return sorted(
    json.diagnostics.map((d) => {
      const rule = /^hermes-pid\((.+)\)$/.exec(d.code ?? '')?.[1];
      const at = d.labels[0]?.span;
      // A crash in a JS plugin comes back as a diagnostic without a rule: keep it visible.
      return { file: d.filename, rule: rule === undefined ? `not a rule: ${d.message}` : `hermes-pid/${rule}`, severity: d.severity === 'error' ? 'error' : 'warning', line: at?.line ?? 0, column: at?.column ?? 0, message: d.message };
    }),
  );
}

afterAll(removeScratchProjects);

describe('oxlint with the packed plugin', () => {
  let project: string;
  beforeAll(() => {
    project = corpusFolder(corpus, 'hermes-oxlint-');
    installPackedPlugin(project);
    writeFileSync(join(project, '.oxlintrc.json'), JSON.stringify(OXLINTRC, null, 2));
  });

  it('is the pinned version, with JS plugins', () => {
    const pinned = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies.oxlint;
    expect(execFileSync(process.execPath, [OXLINT, '--version'], { encoding: 'utf8' }).trim()).toBe(`Version: ${String(pinned)}`);
  });

  it('reports on the whole corpus exactly what ESLint reports: rule, severity, line, column, message', () => {
    const json = oxlint(project, corpus.map((c) => c.name));
    expect(json.number_of_files).toBe(corpus.length);
    const expected = eslintReports(corpus);
    expect(expected.length).toBeGreaterThan(100);
    expect(reports(json)).toEqual(expected);
  });

  it('applies a suggestion (--fix-suggestions) as ESLint does', () => {
    // Cases whose one report has a suggestion: oxlint applies every suggestion at once, ESLint one at a time.
    const single = corpus.filter((c) => readdirSync(c.dir).some((f) => f.startsWith('suggestion.')));
    expect(single.length).toBeGreaterThan(0);
    const dir = corpusFolder(single, 'hermes-oxlint-fix-');
    installPackedPlugin(dir);
    writeFileSync(join(dir, '.oxlintrc.json'), JSON.stringify(OXLINTRC));
    oxlint(dir, ['--fix-suggestions', ...single.map((c) => c.name)]);
    for (const c of single) {
      const suggestion = readdirSync(c.dir).find((f) => f.startsWith('suggestion.')) as string;
      expect(readFileSync(join(dir, caseFile(c)), 'utf8'), c.name).toBe(c.read(suggestion));
    }
  });

  it("lists in docs/eslint-plugin.md's .oxlintrc.json exactly configs.recommended's rules", () => {
    const rc = JSON.parse(docExample('.oxlintrc.json')) as { jsPlugins: string[]; rules: Record<string, string> };
    expect(rc.jsPlugins).toEqual(['hermes-pid/eslint-plugin']);
    expect(rc.rules).toEqual(plugin.configs.recommended[0].rules);
  });

  it("takes configs.recommended's rules from docs/eslint-plugin.md's oxlint.config.ts, as written there", () => {
    const dir = tempDir('hermes-oxlint-ts-');
    installPackedPlugin(dir);
    symlinkSync(join(repoRoot, 'node_modules/oxlint'), join(dir, 'node_modules/oxlint'), 'dir');
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(
      join(dir, 'oxlint.config.ts'),
      docExample('oxlint.config.ts'),
    );
    writeFileSync(join(dir, 'status.js'), 'export function up(pid) {\n  try {\n    process.kill(pid, 0);\n    return true;\n  } catch {\n    return false;\n  }\n}\n');
    // Node runs a .ts config itself from 22.18 on; before that, tsx's loader does (as the docs say), named
    // by URL: NODE_OPTIONS splits a plain path at its spaces.
    const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
    const native = major > 22 || (major === 22 && minor >= 18);
    const env = native ? process.env : { ...process.env, NODE_OPTIONS: `--import=${pathToFileURL(join(repoRoot, 'node_modules/tsx/dist/esm/index.mjs')).href}` };
    const found = reports(oxlint(dir, ['status.js'], env)).map(({ file, rule, severity, line, column }) => [file, rule, severity, line, column]);
    expect(found).toEqual([['status.js', 'hermes-pid/no-raw-liveness-probe', 'error', 3, 5]]);
  });
});
