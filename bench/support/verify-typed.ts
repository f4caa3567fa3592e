// An independent check of the typed pass: runs a real write on a copy of `dir`, then compares each
// written file's diagnostics before and after with TypeScript's own compiler host (not ts-morph's),
// by code and message, the changed files as the only roots, hermes-pid declared as the codemod does.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import ts from 'typescript';

export interface Verification {
  readonly written: readonly string[];
  /** Written files whose diagnostics grew, with what was added. */
  readonly worse: readonly { readonly file: string; readonly added: readonly string[] }[];
}

function keys(program: ts.Program, file: string): string[] {
  const sourceFile = program.getSourceFile(file);
  if (sourceFile === undefined) return [];
  return [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)].map((d) => `TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
}

export async function verifyTypedWrites(root: string, dir: string): Promise<Verification> {
  const copy = mkdtempSync(join(tmpdir(), 'hermes-verify-'));
  try {
    cpSync(dir, copy, { recursive: true, filter: (path) => !path.endsWith('/.git') });
    execFileSync(process.execPath, [join(root, 'dist/esm/src/cli/hermes-codemod.js'), '--no-add-dependency', '--json', '.'], { cwd: copy, stdio: 'ignore' });
    const changed: string[] = [];
    const walk = (at: string): void => {
      for (const entry of ts.sys.readDirectory(at, ['.ts', '.tsx', '.mts', '.cts'], ['**/node_modules', '**/.git'])) {
        const path = relative(copy, entry);
        if (readFileSync(entry, 'utf8') !== readFileSync(join(dir, path), 'utf8')) changed.push(path);
      }
    };
    walk(copy);
    const { ambientModules } = (await import(join(root, 'dist/esm/src/ts-morph/ambient-module.js'))) as { ambientModules(specifiers: readonly string[]): string };
    const parsed = ts.getParsedCommandLineOfConfigFile(join(dir, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
    const options = { ...parsed?.options, noEmit: true };
    const declarations = join(dir, '__hermes-pid-declarations__.d.ts');
    const diagnosticsOf = (texts: ReadonlyMap<string, string>): Map<string, string[]> => {
      const host = ts.createCompilerHost(options);
      const read = host.getSourceFile.bind(host);
      const overlay = new Map([...texts, [declarations, ambientModules(['hermes-pid'])]]);
      host.getSourceFile = (name, language, ...rest) => {
        const text = overlay.get(name);
        return text === undefined ? read(name, language, ...rest) : ts.createSourceFile(name, text, language);
      };
      const exists = host.fileExists.bind(host);
      host.fileExists = (name) => overlay.has(name) || exists(name);
      const program = ts.createProgram({ rootNames: [...overlay.keys()], options, host });
      return new Map([...texts.keys()].map((file) => [file, keys(program, file)]));
    };
    const before = diagnosticsOf(new Map(changed.map((path) => [join(dir, path), readFileSync(join(dir, path), 'utf8')])));
    const after = diagnosticsOf(new Map(changed.map((path) => [join(dir, path), readFileSync(join(copy, path), 'utf8')])));
    const worse = changed.flatMap((path) => {
      const counts = new Map<string, number>();
      for (const key of before.get(join(dir, path)) ?? []) counts.set(key, (counts.get(key) ?? 0) + 1);
      const added = (after.get(join(dir, path)) ?? []).filter((key) => {
        const left = counts.get(key) ?? 0;
        counts.set(key, left - 1);
        return left <= 0;
      });
      return added.length === 0 ? [] : [{ file: path, added }];
    });
    return { written: changed, worse };
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
