// Reads the shared fixture corpus (test/fixtures/README.md) for the rule tests.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as espree from 'espree';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
export const PLUGIN_NAMESPACE = 'hermes-pid';

/** A diagnostics.json rule name as ESLint reports it: `hermes-pid/<rule>` (the file may leave the namespace out). */
export const qualifiedRule = (rule: string): string => (rule.startsWith(`${PLUGIN_NAMESPACE}/`) ? rule : `${PLUGIN_NAMESPACE}/${rule}`);

export interface ExpectedDiagnostic {
  readonly rule: string;
  readonly messageId: string;
  readonly line: number;
  readonly column: number;
  readonly data?: Readonly<Record<string, string>>;
  /** A file in the case folder holding the source after this report's suggestion. */
  readonly suggestion?: string;
}

export interface CorpusCase {
  readonly name: string;
  readonly dir: string;
  /** `input.ts`, `input.cjs`, ... */
  readonly fileName: string;
  readonly filePath: string;
  readonly code: string;
  readonly diagnostics: readonly ExpectedDiagnostic[];
  /** From the case's optional `eslint.json`: the parser and sourceType a real project would lint it with. */
  readonly eslint: CaseEslintOptions;
  read(file: string): string;
}

/**
 * `espree` (ESLint's default parser) is for plain-JavaScript cases typescript-eslint's parser refuses:
 * it calls strict-mode-only syntax (`0755`, `'\033'`) an error even in a script. `sourceType` then says
 * how the project declares the file (`commonjs` for a sloppy-mode CommonJS script).
 */
export interface CaseEslintOptions {
  readonly parser?: 'espree';
  readonly sourceType?: 'module' | 'commonjs' | 'script';
  /**
   * Other rules the project has on (core rules only): a case whose input silences one with a directive
   * (`// eslint-disable-next-line no-unused-vars`) turns it on, so the directive is used, as in that project.
   */
  readonly rules?: Readonly<Record<string, 'error' | 'warn'>>;
}

export function loadCorpus(): CorpusCase[] {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const dir = join(FIXTURES, name);
      const files = readdirSync(dir);
      const fileName = files.find((file) => file.startsWith('input.'));
      if (fileName === undefined) throw new Error(`test/fixtures/${name} has no input file`);
      // Every folder must say what the rules report, even when that is nothing.
      if (!files.includes('diagnostics.json')) throw new Error(`test/fixtures/${name} has no diagnostics.json`);
      const read = (file: string): string => readFileSync(join(dir, file), 'utf8');
      return {
        name,
        dir,
        fileName,
        filePath: join(dir, fileName),
        code: read(fileName),
        diagnostics: JSON.parse(read('diagnostics.json')) as ExpectedDiagnostic[],
        eslint: files.includes('eslint.json') ? (JSON.parse(read('eslint.json')) as CaseEslintOptions) : {},
        read,
      };
    });
}

/** The parser settings a real project would use for this extension (and, given a case, its `eslint.json`). */
export function languageOptionsFor(
  fileName: string,
  eslint: CaseEslintOptions = {},
): { sourceType: 'module' | 'commonjs' | 'script'; parserOptions: { ecmaFeatures: { jsx: boolean }; sourceType?: 'module' | 'commonjs' | 'script' }; parser?: typeof espree } {
  const sourceType = eslint.sourceType ?? (/\.c[jt]s$/.test(fileName) ? 'commonjs' : 'module');
  const ecmaFeatures = { jsx: /\.[jt]sx$/.test(fileName) || /\.[cm]?js$/.test(fileName) };
  if (eslint.parser !== 'espree') return { sourceType, parserOptions: { ecmaFeatures } };
  // typescript-eslint's RuleTester puts `sourceType: 'module'` in parserOptions, which espree reads first.
  return { sourceType, parserOptions: { ecmaFeatures, sourceType }, parser: espree };
}
