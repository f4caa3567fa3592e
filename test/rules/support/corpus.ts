// Reads the shared fixture corpus (test/fixtures/README.md) for the rule tests.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
export const PLUGIN_NAMESPACE = 'hermes-pid';

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
  read(file: string): string;
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
        read,
      };
    });
}

/** The parser settings a real project would use for this extension. */
export function languageOptionsFor(fileName: string): { sourceType: 'module' | 'commonjs'; parserOptions: { ecmaFeatures: { jsx: boolean } } } {
  return {
    sourceType: /\.c[jt]s$/.test(fileName) ? 'commonjs' : 'module',
    parserOptions: { ecmaFeatures: { jsx: /\.[jt]sx$/.test(fileName) || /\.[cm]?js$/.test(fileName) } },
  };
}
