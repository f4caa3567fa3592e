// ESLint's multithreaded mode (`--concurrency`, ESLint 9.34+): each worker thread loads the config and
// the packed plugin itself, and the corpus gets the reports a single-threaded run (and the Linter) gives.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeScratchProjects, repoRoot } from '../support/scratch-project.js';
import { languageOptionsFor, loadCorpus } from './support/corpus.js';
import { caseFile, copyModuleTypes, corpusFolder, eslintReports, installPackedPlugin, sorted, type HostReport } from './support/hosts.js';

const ESLINT = join(repoRoot, 'node_modules/eslint/bin/eslint.js');
const corpus = loadCorpus();

/** The config a project would write, one block a case for its parser options; each load is logged with its thread. */
function configFor(): string {
  const cases = corpus.map((c) => {
    const { sourceType, parserOptions, parser } = languageOptionsFor(c.fileName, c.eslint);
    return [caseFile(c), { sourceType, parserOptions }, parser === undefined, c.eslint.rules ?? {}] as const;
  });
  return `import { appendFileSync } from 'node:fs';
import { threadId } from 'node:worker_threads';
import tsParser from '@typescript-eslint/parser';
import hermesPid from 'hermes-pid/eslint-plugin';

appendFileSync(new URL('./threads.log', import.meta.url), threadId + '\\n');
const cases = ${JSON.stringify(cases)};
export default [
  ...cases.map(([file, languageOptions, typescript, rules]) => ({ files: [file], languageOptions: { ...languageOptions, ...(typescript ? { parser: tsParser } : {}) }, rules })),
  ...hermesPid.configs.recommended,
];
`;
}

interface EslintResult {
  readonly filePath: string;
  readonly messages: readonly { ruleId: string | null; severity: number; line: number; column: number; message: string }[];
}

afterAll(removeScratchProjects);

describe('eslint --concurrency with the packed plugin', () => {
  let project: string;
  beforeAll(() => {
    project = corpusFolder(corpus, 'hermes-concurrency-');
    copyModuleTypes(corpus, project);
    installPackedPlugin(project);
    writeFileSync(join(project, 'eslint.config.mjs'), configFor());
  });

  function lint(concurrency: string): { reports: HostReport[]; threads: number[] } {
    writeFileSync(join(project, 'threads.log'), '');
    const run = spawnSync(process.execPath, [ESLINT, '--format', 'json', `--concurrency=${concurrency}`, ...corpus.map((c) => c.name)], { cwd: project, encoding: 'utf8' });
    if (run.status !== 0 && run.status !== 1) throw new Error(`eslint exited ${String(run.status)}: ${run.stderr}${run.stdout}`);
    const results = JSON.parse(run.stdout) as EslintResult[];
    expect(results).toHaveLength(corpus.length);
    const reports = results.flatMap((r) =>
      r.messages.map((m) => ({ file: relative(project, r.filePath), rule: m.ruleId ?? `fatal: ${m.message}`, severity: m.severity === 2 ? ('error' as const) : ('warning' as const), line: m.line, column: m.column, message: m.message })),
    );
    const threads = readFileSync(join(project, 'threads.log'), 'utf8').split('\n').filter(Boolean).map(Number);
    return { reports: sorted(reports), threads };
  }

  it('loads the plugin in two worker threads and reports what a single-threaded run reports', () => {
    const single = lint('off');
    const expected = eslintReports(corpus);
    expect(expected.length).toBeGreaterThan(100);
    expect(single.reports).toEqual(expected);
    expect(single.threads).toEqual([0]);

    const threaded = lint('2');
    expect(threaded.reports).toEqual(single.reports);
    // The config (and with it the plugin) was loaded by two workers, not by the main thread.
    expect(new Set(threaded.threads.filter((id) => id !== 0)).size).toBe(2);
  });
});
