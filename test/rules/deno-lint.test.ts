// deno lint as a host: the real deno (the pinned devDependency, the npm package) loads the packed plugin
// as a lint plugin, as docs/eslint-plugin.md's deno.json says, and lints the whole corpus; it must give
// what ESLint gives (rule, line, column, message) for every case Deno's parser reads. deno lint has no
// severities and no suggestions: a report ESLint gives a suggestion for carries a hint naming the codemod.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REWRITE_HINT } from '../../rules/utils/host-context.js';
import { removeScratchProjects, repoRoot } from '../support/scratch-project.js';
import { loadCorpus } from './support/corpus.js';
import { caseFile, copyModuleTypes, corpusFolder, eslintReports, installPackedPlugin, sorted, type HostReport } from './support/hosts.js';

const DENO = join(repoRoot, 'node_modules/deno/bin.cjs');
const corpus = loadCorpus();
/** The pinned tool, as npm ci installs it (its platform binary is an optional dependency): without it the tests skip, saying why. */
const installed = spawnSync(process.execPath, [DENO, '--version'], { encoding: 'utf8' }).status === 0;

interface DenoJson {
  readonly diagnostics: readonly { filename: string; range: { start: { line: number; col: number } }; message: string; code: string; hint?: string | null }[];
  readonly errors: readonly { file_path: string; message: string }[];
}

/** The block after `<!-- example: NAME -->` in docs/eslint-plugin.md, as a user would copy it. */
function docExample(name: string): string {
  const page = readFileSync(join(repoRoot, 'docs/eslint-plugin.md'), 'utf8');
  const body = new RegExp(`<!-- example: ${name.replace(/\./g, '\\.')} -->\\s*\`\`\`\\w*\\n([\\s\\S]*?)\`\`\``).exec(page)?.[1];
  if (body === undefined) throw new Error(`docs/eslint-plugin.md has no example: ${name} block`);
  return body;
}

function denoLint(cwd: string, args: readonly string[]): DenoJson {
  // Deno's own cache in the project: nothing read from or written to the user's.
  const env = { ...process.env, DENO_DIR: join(cwd, '.deno'), DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' };
  // Exit code 1 means "found problems": the JSON on stdout says what.
  const run = spawnSync(process.execPath, [DENO, 'lint', '--json', ...args], { cwd, encoding: 'utf8', env });
  if (run.status !== 0 && run.status !== 1) throw new Error(`deno lint exited ${String(run.status)}: ${run.stderr}${run.stdout}`);
  return JSON.parse(run.stdout) as DenoJson;
}

function reports(cwd: string, json: DenoJson): (HostReport & { hint?: string })[] {
  // Deno's own rules stay on, as in a user's project: only hermes-pid's reports are compared.
  return sorted(
    json.diagnostics.filter((d) => d.code.startsWith('hermes-pid/')).map((d) => ({
      file: relative(cwd, fileURLToPath(d.filename)),
      rule: d.code,
      severity: 'error' as const,
      line: d.range.start.line,
      // Deno counts columns from 0, ESLint from 1.
      column: d.range.start.col + 1,
      message: d.message,
      ...(d.hint === undefined || d.hint === null ? {} : { hint: d.hint }),
    })),
  );
}

afterAll(removeScratchProjects);

describe.skipIf(!installed)('deno lint with the packed plugin' + (installed ? '' : ' (skipped: the pinned package or its platform binary is not installed; run npm ci)'), () => {
  let project: string;
  let json: DenoJson;
  beforeAll(() => {
    project = corpusFolder(corpus, 'hermes deno-');
    copyModuleTypes(corpus, project);
    installPackedPlugin(project);
    writeFileSync(join(project, 'deno.json'), docExample('deno.json'));
    json = denoLint(project, corpus.map(caseFile));
  }, 120_000);

  it('is the pinned version', () => {
    const pinned = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies.deno;
    expect(execFileSync(process.execPath, [DENO, '--version'], { encoding: 'utf8' })).toMatch(new RegExp(`^deno ${String(pinned).replace(/\./g, '\\.')} `));
  });

  it('parses every case, sloppy-mode scripts included, and no rule fails', () => {
    expect(json.errors).toEqual([]);
  });

  it('reports on the whole corpus exactly what ESLint reports: rule, line, column, message', () => {
    const expected = eslintReports(corpus).map(({ severity: _, ...rest }) => rest);
    expect(expected.length).toBeGreaterThan(100);
    expect(reports(project, json).map(({ severity: _, hint: __, ...rest }) => rest)).toEqual(expected);
  });

  it('names the codemod where ESLint offers a suggestion, and nowhere else', () => {
    const linter = eslintReportsWithSuggestions();
    const hinted = reports(project, json).filter((r) => r.hint !== undefined);
    expect(hinted.every((r) => r.hint === REWRITE_HINT)).toBe(true);
    expect(hinted.map((r) => `${r.file}:${String(r.line)}:${String(r.column)}`).sort()).toEqual(linter.sort());
  });
});

/** `<case>/input.<ext>:line:column` of every ESLint report with a suggestion, from the corpus's diagnostics.json. */
function eslintReportsWithSuggestions(): string[] {
  return corpus.flatMap((c) => c.diagnostics.filter((d) => d.suggestion !== undefined).map((d) => `${caseFile(c)}:${String(d.line)}:${String(d.column)}`));
}
