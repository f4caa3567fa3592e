// An independent check of the typed pass: runs a real write on a copy of `dir`, then compares the
// diagnostics of every file of each program (the root tsconfig.json and the projects its references
// name), written or not, before and after, with TypeScript's own compiler host (not ts-morph's), by
// code and message, hermes-pid declared as the codemod does.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import ts from 'typescript';

export interface Verification {
  readonly written: readonly string[];
  /** Files (written or not) whose diagnostics grew, with what was added. */
  readonly worse: readonly { readonly file: string; readonly added: readonly string[] }[];
}

/**
 * What `tsc` reports for the file, by code and message: syntactic and semantic diagnostics, and where
 * the config emits declarations, the declaration diagnostics and the declaration text itself (what
 * importers of a published package see; a change is reported as `.d.ts changed`).
 */
function keys(program: ts.Program, file: string): string[] {
  const sourceFile = program.getSourceFile(file);
  if (sourceFile === undefined) return [];
  const declarations = program.getCompilerOptions().declaration === true || program.getCompilerOptions().composite === true;
  const found = [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile), ...(declarations ? program.getDeclarationDiagnostics(sourceFile) : [])].map(
    (d) => `TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`,
  );
  if (!declarations || sourceFile.isDeclarationFile) return found;
  let text = '';
  program.emit(sourceFile, (name, data) => (text += /\.d\.[cm]?ts$/.test(name) ? data : ''), undefined, true);
  return [...found, `.d.ts changed: ${text}`];
}

export async function verifyTypedWrites(root: string, dir: string, args: readonly string[] = []): Promise<Verification> {
  const copy = mkdtempSync(join(tmpdir(), 'hermes-verify-'));
  try {
    cpSync(dir, copy, { recursive: true, filter: (path) => !path.endsWith('/.git') });
    execFileSync(process.execPath, [join(root, 'dist/esm/src/cli/hermes-codemod.js'), '--no-add-dependency', '--json', '--write', '--force', ...args, '.'], { cwd: copy, stdio: 'ignore' });
    const changed: string[] = [];
    const walk = (at: string): void => {
      for (const entry of ts.sys.readDirectory(at, ['.ts', '.tsx', '.mts', '.cts'], ['**/node_modules', '**/.git'])) {
        const path = relative(copy, entry);
        if (readFileSync(entry, 'utf8') !== readFileSync(join(dir, path), 'utf8')) changed.push(path);
      }
    };
    walk(copy);
    const { ambientModules } = (await import(join(root, 'dist/esm/src/ts-morph/ambient-module.js'))) as { ambientModules(specifiers: readonly string[]): string };
    // The root config and every project its references name (a solution-style config owns no file).
    const configs: ts.ParsedCommandLine[] = [];
    const seen = new Set<string>();
    const read = (path: string): void => {
      if (seen.has(path) || !ts.sys.fileExists(path)) return;
      seen.add(path);
      const parsed = ts.getParsedCommandLineOfConfigFile(path, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
      if (parsed === undefined) return;
      configs.push(parsed);
      for (const reference of parsed.projectReferences ?? []) read(ts.resolveProjectReferencePath(reference));
    };
    read(join(dir, 'tsconfig.json'));
    const declarations = join(dir, '__hermes-pid-declarations__.d.ts');
    const diagnosticsOf = (parsed: ts.ParsedCommandLine, texts: ReadonlyMap<string, string>): Map<string, string[]> => {
      // noEmit would emit no declarations to compare: nothing is written (the host's writeFile is never called).
      const emitsDeclarations = parsed.options.declaration === true || parsed.options.composite === true;
      const options = { ...parsed.options, noEmit: !emitsDeclarations, ...(emitsDeclarations ? { emitDeclarationOnly: true } : {}) };
      const host = ts.createCompilerHost(options);
      const readSource = host.getSourceFile.bind(host);
      const overlay = new Map([...texts, [declarations, ambientModules(['hermes-pid'])]]);
      host.getSourceFile = (name, language, ...rest) => {
        const text = overlay.get(name);
        return text === undefined ? readSource(name, language, ...rest) : ts.createSourceFile(name, text, language);
      };
      const exists = host.fileExists.bind(host);
      host.fileExists = (name) => overlay.has(name) || exists(name);
      // With its references, as tsc -b builds it: another project's files are its declarations, not sources of this one (TS6307).
      const program = ts.createProgram({ rootNames: [...new Set([...parsed.fileNames, declarations])], options, host, projectReferences: parsed.projectReferences });
      // Every file of the program but libraries and the declarations added here.
      const files = program.getSourceFiles().map((sourceFile) => sourceFile.fileName).filter((file) => file !== declarations && !/[\\/]node_modules[\\/]/.test(file) && !program.isSourceFileDefaultLibrary(program.getSourceFile(file) as ts.SourceFile));
      return new Map(files.map((file) => [file, keys(program, file)]));
    };
    const worse: { file: string; added: string[] }[] = [];
    for (const parsed of configs) {
      const before = diagnosticsOf(parsed, new Map(changed.map((path) => [join(dir, path), readFileSync(join(dir, path), 'utf8')])));
      const after = diagnosticsOf(parsed, new Map(changed.map((path) => [join(dir, path), readFileSync(join(copy, path), 'utf8')])));
      for (const [file, keysAfter] of after) {
        const counts = new Map<string, number>();
        for (const key of before.get(file) ?? []) counts.set(key, (counts.get(key) ?? 0) + 1);
        // A file new to the program: its diagnostics are new to the build, its declarations are not a change.
        const added = keysAfter.filter((key) => before.has(file) || !key.startsWith('.d.ts changed: ')).filter((key) => {
          const left = counts.get(key) ?? 0;
          counts.set(key, left - 1);
          return left <= 0;
        });
        if (added.length > 0) worse.push({ file: relative(dir, file), added });
      }
    }
    return { written: changed, worse };
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
