// Typed linting (typescript-eslint's parserOptions.projectService): the rules ask the type checker what
// scope analysis cannot see, such as a ChildProcess declared in another file, or a pid typed as a string.
// Without type information, the same project gets exactly what it got before.
import { join, relative } from 'node:path';
import { cpSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import tsParser from '@typescript-eslint/parser';
import { ESLint, Linter } from 'eslint';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import plugin from '../../src/eslint-plugin/index.js';
import { repoRoot } from '../support/scratch-project.js';
import { languageOptionsFor, loadCorpus, qualifiedRule } from './support/corpus.js';
import { runCli } from '../codemod/support.js';
import { removeTempTrees, tempTree } from '../codemod/temp-tree.js';

afterAll(removeTempTrees);

const PROJECT = join(repoRoot, 'test/typed-fixtures/child-process-across-files');

interface Expected {
  readonly file: string;
  readonly rule: string;
  readonly messageId: string;
  readonly line: number;
  readonly column: number;
}

const expected = JSON.parse(readFileSync(join(PROJECT, 'expected.json'), 'utf8')) as { typed: Expected[]; untyped: Expected[] };

async function lint(typed: boolean): Promise<Expected[]> {
  const parserOptions: Linter.ParserOptions = typed ? { projectService: true, tsconfigRootDir: PROJECT } : {};
  const eslint = new ESLint({
    cwd: PROJECT,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.{js,ts}'], languageOptions: { parser: tsParser, parserOptions } }, ...plugin.configs.recommended],
  });
  const results = await eslint.lintFiles(['src']);
  return results
    .flatMap((r) => r.messages.map((m) => ({ file: relative(PROJECT, r.filePath), rule: m.ruleId ?? `fatal: ${m.message}`, messageId: m.messageId ?? '', line: m.line, column: m.column })))
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

describe('typed linting over a tsconfig project', () => {
  it('reports a ChildProcess declared in another file, and pids typed as strings', async () => {
    expect(await lint(true)).toEqual(expected.typed);
  });

  it('reports what it always did without type information', async () => {
    expect(await lint(false)).toEqual(expected.untyped);
  });
});

describe('typed linting over the fixture corpus', () => {
  // One program over every case's input, as a project with allowJs would have; espree-only cases (sloppy-mode scripts) are not TypeScript's.
  const cases = loadCorpus().filter((c) => c.eslint.parser !== 'espree');
  const program = ts.createProgram(
    cases.map((c) => c.filePath),
    { allowJs: true, checkJs: false, noEmit: true, jsx: ts.JsxEmit.Preserve, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, target: ts.ScriptTarget.ES2022, types: ['node'] },
  );

  it.each(cases)('$name: the same reports as without type information', (c) => {
    let typed = false;
    // Not a check of the plugin: proof that this file was linted with a program (the rules saw types).
    const seesProgram = { create: (context: { sourceCode: { parserServices?: { program?: unknown } } }) => ((typed = Boolean(context.sourceCode.parserServices?.program)), {}) };
    const options = languageOptionsFor(c.fileName, c.eslint);
    const messages = new Linter({ configType: 'flat' }).verify(
      c.code,
      [
        { files: ['**/*.*'], languageOptions: { parser: tsParser, ...options, parserOptions: { ...options.parserOptions, programs: [program] } }, rules: c.eslint.rules ?? {} },
        ...plugin.configs.recommended,
        { plugins: { test: { rules: { 'sees-program': seesProgram } } }, rules: { 'test/sees-program': 'error' } },
      ] as Linter.Config[],
      c.filePath,
    );
    expect(typed).toBe(true);
    expect(messages.map((m) => ({ rule: m.ruleId ?? `fatal: ${m.message}`, messageId: m.messageId, line: m.line, column: m.column }))).toEqual(
      c.diagnostics.map((d) => ({ rule: qualifiedRule(d.rule), messageId: d.messageId, line: d.line, column: d.column })),
    );
  });
});

describe('one answer to "is this a child process?" (src/analysis/is-child-process-type.ts)', () => {
  // The fixture the codemod's typed pass runs too (test/codemod/cli-typecheck.test.ts): values whose
  // types only a checker sees, each probed with `.kill(0)` on lines 4-11 of src/use.ts.
  const input = join(repoRoot, 'test/codemod/typed-fixtures/child-process-types/input');
  // node, maybe?, bun (Subprocess), execa (ResultPromise), worker (extends ChildProcess), tagged (an
  // intersection); not lamp (another kill method) nor either (ChildProcess | Lamp).
  const agreed = [4, 5, 6, 7, 8, 9];

  it('typed linting and the codemod find the same child processes', async () => {
    const eslint = new ESLint({
      cwd: input,
      overrideConfigFile: true,
      overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tsParser, parserOptions: { projectService: true, tsconfigRootDir: input } } }, ...plugin.configs.recommended],
    });
    const [result] = await eslint.lintFiles(['src/use.ts']);
    const linted = [...new Set((result?.messages ?? []).map((m) => (m.ruleId === null ? `fatal: ${m.message}` : m.line)))];
    expect(linted).toEqual(agreed);

    const dir = tempTree({});
    cpSync(input, dir, { recursive: true });
    mkdirSync(join(dir, 'node_modules/@types'), { recursive: true });
    symlinkSync(join(repoRoot, 'node_modules/@types/node'), join(dir, 'node_modules/@types/node'), 'dir');
    const run = runCli(['--json', '.'], dir);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { files: { path: string; sites: { line: number; shape: string }[] }[] };
    expect(report.files.flatMap((f) => f.sites.filter((s) => s.shape === 'child-process-kill-zero').map((s) => s.line))).toEqual(agreed);
  });
});
