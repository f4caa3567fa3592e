// The typed pass: the same analysis as the untyped plan, with a type checker's facts and the import
// form the compiler wants, and a proof that each rewrite adds no TypeScript diagnostic. Shared by the
// CLI (a Project built from the tsconfig) and the hermes-pid/ts-morph API (the user's Project).
import type { Project, SourceFile } from 'ts-morph';
import { ts } from 'ts-morph';
import { dirname, join } from 'node:path';
import { DEFAULT_IMPORT_SOURCE, transformSource } from '../codemod/transform.js';
import { ambientModules } from './ambient-module.js';
import type { TransformOptions, TransformResult } from '../analysis/types.js';
import { checkerTypeFacts } from './type-facts.js';

export interface TypedFile {
  readonly sourceFile: SourceFile;
  /** The text the rewrite starts from (a BOM kept): the source file's text, without the BOM. */
  readonly text: string;
  readonly options: TransformOptions;
}

export interface TypedResult {
  readonly sourceFile: SourceFile;
  /** The typed analysis; when `addedDiagnostics` is not empty, every rewrite is a skip and the output is the input. */
  readonly result: TransformResult;
  /** What the rewrite would have added (`TS2559 Type '..' has no properties in common ..`), by code and message. */
  readonly addedDiagnostics: readonly string[];
}

const BOM = '\uFEFF';
const RELATIVE = /^\.\.?\//;

/** The file's syntactic and semantic diagnostics by code and message (positions move with an edit). */
function diagnosticKeys(program: ts.Program, sourceFile: ts.SourceFile): string[] {
  return [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)].map(
    (diagnostic) => `TS${diagnostic.code} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`,
  );
}

/** The keys of `after` that `before` does not hold as often. */
function added(before: readonly string[], after: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const key of before) counts.set(key, (counts.get(key) ?? 0) + 1);
  return after.filter((key) => {
    const left = counts.get(key) ?? 0;
    counts.set(key, left - 1);
    return left <= 0;
  });
}

// Public at run time in TypeScript 5.6+, left out of ts-morph's declarations: the compiler's own
// answers to "does this file emit CommonJS" and "which module resolution applies".
interface CompilerInternals {
  getEmitModuleFormatOfFile(sourceFile: ts.SourceFile): ts.ModuleKind;
}
const getEmitModuleResolutionKind = (ts as unknown as { getEmitModuleResolutionKind(options: ts.CompilerOptions): ts.ModuleResolutionKind }).getEmitModuleResolutionKind;

/** Sets each file's module format as the compiler would; whether any changed. */
function setModuleFormats(project: Project, sourceFiles: readonly ts.SourceFile[]): boolean {
  const host = project.getModuleResolutionHost();
  const options = project.getCompilerOptions();
  let changed = false;
  for (const sourceFile of sourceFiles) {
    const format = ts.getImpliedNodeFormatForFile(sourceFile.fileName, undefined, host, options);
    if (sourceFile.impliedNodeFormat === format) continue;
    sourceFile.impliedNodeFormat = format;
    changed = true;
  }
  return changed;
}

/**
 * The project's program, with each file's module format set. ts-morph creates source files without
 * the `impliedNodeFormat` TypeScript 5.6+ expects its host to set, so under node16/nodenext every file
 * would read as CommonJS (no TS2835, no TS1479). The project's files get theirs before the program is
 * built; files it loads (imports followed) after, and then the program is built again (ts-morph's own
 * reset, as after any edit).
 */
export function programOf(project: Project): ts.Program {
  setModuleFormats(project, project.getSourceFiles().map((sourceFile) => sourceFile.compilerNode));
  const program = project.getProgram().compilerObject;
  const context = (project as unknown as { _context?: { resetProgram?: () => void } })._context;
  if (!setModuleFormats(project, program.getSourceFiles()) || context?.resetProgram === undefined) return program;
  context.resetProgram();
  return project.getProgram().compilerObject;
}

function resolves(project: Project, program: ts.Program, specifier: string, sourceFile: ts.SourceFile): boolean {
  const mode = sourceFile.impliedNodeFormat;
  const resolved = ts.resolveModuleName(specifier, sourceFile.fileName, program.getCompilerOptions(), project.getModuleResolutionHost(), undefined, undefined, mode);
  return resolved.resolvedModule !== undefined;
}

/**
 * The options that give the import the compiler wants in `sourceFile`: `import x = require()` where
 * it emits CommonJS under verbatimModuleSyntax (TS1286 otherwise), and under node16/nodenext a relative
 * source with the extension that resolves (TS2835 otherwise).
 */
export function importFormFor(project: Project, program: ts.Program, sourceFile: ts.SourceFile, options: TransformOptions): TransformOptions {
  const compilerOptions = program.getCompilerOptions();
  // `import x = require()` is TypeScript syntax: a JavaScript file (allowJs) keeps `require`.
  const importEquals = compilerOptions.verbatimModuleSyntax === true && /\.[cm]?tsx?$/i.test(sourceFile.fileName) && (program as unknown as CompilerInternals).getEmitModuleFormatOfFile(sourceFile) === ts.ModuleKind.CommonJS;
  let importSource = options.importSource;
  const resolution = getEmitModuleResolutionKind(compilerOptions);
  if (
    importSource !== undefined &&
    RELATIVE.test(importSource) &&
    (resolution === ts.ModuleResolutionKind.Node16 || resolution === ts.ModuleResolutionKind.NodeNext) &&
    !resolves(project, program, importSource, sourceFile)
  ) {
    const source = importSource;
    importSource = ['.js', '.mjs', '.cjs', '/index.js'].map((ending) => source.replace(/\/$/, '') + ending).find((candidate) => resolves(project, program, candidate, sourceFile)) ?? source;
  }
  return { ...options, importSource, importEquals: importEquals || options.importEquals === true };
}

function refused(result: TransformResult, text: string, diagnostics: readonly string[]): TransformResult {
  const reason = `the rewrite would add a TypeScript error: ${diagnostics.join('; ')} (--no-typecheck writes it)`;
  return {
    ...result,
    sites: result.sites.map((site) => (site.action === 'rewrite' ? { ...site, action: 'skip', reason, behaviourChange: false, edits: [] } : site)),
    importEdit: undefined,
    output: text,
    changed: false,
  };
}

/**
 * Analyses each file with the checker's types, rewrites it in `project` with one whole-file
 * replacement (ts-morph's node edits cost seconds on a large file), and puts back the text of each
 * file whose rewrite adds a diagnostic. All files are checked before and after together: one program each.
 */
export function typedRewrite(project: Project, files: readonly TypedFile[]): TypedResult[] {
  const [first] = files;
  if (first === undefined) return [];
  // hermes-pid (or the import source) where it is not installed: declared, for this pass only.
  const compilerOptions = project.getCompilerOptions();
  const missing = [...new Set(files.map((file) => file.options.importSource ?? DEFAULT_IMPORT_SOURCE))].filter(
    (specifier) => !/^(?:\.\.?\/|\/|#)/.test(specifier) && files.some((file) => ts.resolveModuleName(specifier, file.sourceFile.getFilePath(), compilerOptions, project.getModuleResolutionHost()).resolvedModule === undefined),
  );
  const declarations = missing.length === 0 ? undefined : project.createSourceFile(join(dirname(first.sourceFile.getFilePath()), '__hermes-pid-declarations__.d.ts'), ambientModules(missing), { overwrite: true });
  try {
    return check(project, files);
  } finally {
    if (declarations !== undefined) project.removeSourceFile(declarations);
  }
}

function check(project: Project, files: readonly TypedFile[]): TypedResult[] {
  const program = programOf(project);
  const checker = program.getTypeChecker();
  const planned = files.map((file) => {
    const sourceFile = program.getSourceFile(file.sourceFile.getFilePath());
    if (sourceFile === undefined) throw new Error(`${file.sourceFile.getFilePath()} is not in the project's program`);
    const before = diagnosticKeys(program, sourceFile);
    const options = importFormFor(project, program, sourceFile, file.options);
    return { file, before, result: transformSource(file.text, options, checkerTypeFacts(checker, sourceFile)) };
  });
  const changed = planned.filter(({ result }) => result.changed);
  if (changed.length === 0) return planned.map(({ file, result }) => ({ sourceFile: file.sourceFile, result, addedDiagnostics: [] }));
  for (const { file, result } of changed) file.sourceFile.replaceWithText(result.output.startsWith(BOM) ? result.output.slice(1) : result.output);
  const after = programOf(project);
  return planned.map(({ file, before, result }) => {
    if (!result.changed) return { sourceFile: file.sourceFile, result, addedDiagnostics: [] };
    const sourceFile = after.getSourceFile(file.sourceFile.getFilePath());
    const diagnostics = sourceFile === undefined ? [] : added(before, diagnosticKeys(after, sourceFile));
    if (diagnostics.length === 0) return { sourceFile: file.sourceFile, result, addedDiagnostics: [] };
    file.sourceFile.replaceWithText(file.text.startsWith(BOM) ? file.text.slice(1) : file.text);
    return { sourceFile: file.sourceFile, result: refused(result, file.text, diagnostics), addedDiagnostics: diagnostics };
  });
}
