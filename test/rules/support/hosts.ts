// The corpus as other hosts see it: a folder of the cases' input files, linted by a host other than
// ESLint's Linter (oxlint, ESLint's CLI with --concurrency), compared with what ESLint's Linter reports.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import plugin from '../../../src/eslint-plugin/index.js';
import { packedTarballs, repoRoot, tempDir } from '../../support/scratch-project.js';
import { languageOptionsFor, type CorpusCase } from './corpus.js';

/** One report, as every host can give it. */
export interface HostReport {
  /** `<case>/input.<ext>` */
  readonly file: string;
  readonly rule: string;
  readonly severity: 'error' | 'warning';
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export const caseFile = (c: CorpusCase): string => `${c.name}/${c.fileName}`;

/** Reports in one order whatever the host's (files, then position, then rule). */
export function sorted(reports: readonly HostReport[]): HostReport[] {
  const key = (r: HostReport): string => `${r.file}\0${String(r.line).padStart(6, '0')}:${String(r.column).padStart(6, '0')}\0${r.rule}`;
  return [...reports].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** What ESLint's Linter reports for every case with `configs.recommended` (the corpus tests check it against diagnostics.json). */
export function eslintReports(corpus: readonly CorpusCase[]): HostReport[] {
  const linter = new Linter({ configType: 'flat' });
  return sorted(
    corpus.flatMap((c) =>
      linter
        .verify(c.code, [...plugin.configs.recommended, { files: ['**/*.*'], languageOptions: { parser: tsParser, ...languageOptionsFor(c.fileName, c.eslint) }, rules: c.eslint.rules ?? {} }], c.filePath)
        .map((m) => ({ file: caseFile(c), rule: m.ruleId ?? `fatal: ${m.message}`, severity: m.severity === 2 ? ('error' as const) : ('warning' as const), line: m.line, column: m.column, message: m.message })),
    ),
  );
}

/** A temporary folder holding each case's input file as `<case>/input.<ext>` (no outputs or suggestions: they would be linted too). */
export function corpusFolder(corpus: readonly CorpusCase[], prefix: string): string {
  // Made by scratch-project, so the afterAll(removeScratchProjects) of each host test removes it too.
  const dir = tempDir(prefix);
  for (const c of corpus) {
    mkdirSync(join(dir, c.name));
    cpSync(c.filePath, join(dir, caseFile(c)));
  }
  return dir;
}

/**
 * How Node loads each case, as in the repository: the case's own package.json, else the repository's
 * `"type": "module"` (a host that reads package.json files, as configs.recommended does for .js, must
 * see what it sees in test/fixtures).
 */
export function copyModuleTypes(corpus: readonly CorpusCase[], dir: string): void {
  for (const c of corpus) if (existsSync(join(c.dir, 'package.json'))) cpSync(join(c.dir, 'package.json'), join(dir, c.name, 'package.json'));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module", "devDependencies": { "hermes-pid": "*" } }\n');
}

/**
 * Installs hermes-pid from its packed tarball into `dir`/node_modules, as a user's `npm install`
 * would lay it out; the plugin's peers (typescript-eslint's utils and types) are the repo's own,
 * linked, so no registry is needed.
 */
export function installPackedPlugin(dir: string): void {
  const target = join(dir, 'node_modules', 'hermes-pid');
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', packedTarballs().hermesPid, '-C', target, '--strip-components=1']);
  symlinkSync(join(repoRoot, 'node_modules', '@typescript-eslint'), join(dir, 'node_modules', '@typescript-eslint'), 'dir');
}
