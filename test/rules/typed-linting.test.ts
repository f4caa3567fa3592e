// Typed linting (typescript-eslint's parserOptions.projectService): the rules ask the type checker what
// scope analysis cannot see, such as a ChildProcess declared in another file, or a pid typed as a string.
// Without type information, the same project gets exactly what it got before.
import { join, relative } from 'node:path';
import { readFileSync } from 'node:fs';
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/eslint-plugin/index.js';
import { repoRoot } from '../support/scratch-project.js';

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
    overrideConfig: [{ files: ['**/*.{js,ts}'], languageOptions: { parser: tsParser, parserOptions } }, plugin.configs.recommended],
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
