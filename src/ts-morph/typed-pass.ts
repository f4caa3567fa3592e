// The typed pass: the same analysis as the untyped plan, with a type checker's facts and the import
// form the compiler wants, and a proof that each rewrite adds no TypeScript diagnostic. Shared by the
// CLI (a Project built from the tsconfig) and the hermes-pid/ts-morph API (the user's Project).
import type { Project, SourceFile } from 'ts-morph';
import type { ts } from 'ts-morph';
import { typescript } from './ts-morph-module.js';
import { dirname, join, relative } from 'node:path';
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
    (diagnostic) => `TS${diagnostic.code} ${typescript.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`,
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
const getEmitModuleResolutionKind = (typescript as unknown as { getEmitModuleResolutionKind(options: ts.CompilerOptions): ts.ModuleResolutionKind }).getEmitModuleResolutionKind;

/** Sets each file's module format as the compiler would; whether any changed. */
function setModuleFormats(project: Project, sourceFiles: readonly ts.SourceFile[]): boolean {
  const host = project.getModuleResolutionHost();
  const options = project.getCompilerOptions();
  let changed = false;
  for (const sourceFile of sourceFiles) {
    const format = typescript.getImpliedNodeFormatForFile(sourceFile.fileName, undefined, host, options);
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

/** The file `specifier` resolves to from `sourceFile`, unless it is a library's (node_modules). */
function resolvedFile(project: Project, program: ts.Program, specifier: string, sourceFile: ts.SourceFile): string | undefined {
  const resolved = typescript.resolveModuleName(specifier, sourceFile.fileName, program.getCompilerOptions(), project.getModuleResolutionHost(), undefined, undefined, sourceFile.impliedNodeFormat).resolvedModule;
  return resolved === undefined || resolved.isExternalLibraryImport === true ? undefined : resolved.resolvedFileName;
}

/** Where ts-morph serves TypeScript's lib files from memory (unless the project names a libFolderPath). */
const LIB_FOLDER = '/node_modules/typescript/lib';

/**
 * The programs of one typed pass: rooted at the files it checks (not every file of the project), on a
 * compiler host that hands TypeScript the project's own source files as they are (nothing parsed
 * twice) and parses any other file it reaches once, skipping the JSDoc that cannot change a type
 * error (what tsc does since TypeScript 5.3). Each program after the first reuses the previous one:
 * only files whose text changed are parsed and bound again. Undefined when the project serves its lib
 * files from elsewhere (`libFolderPath`, `skipLoadingLibFiles`): ts-morph's own program then.
 */
interface Programs {
  build(roots: readonly SourceFile[]): ts.Program;
}

function programsOf(project: Project): Programs {
  const resolution = project.getModuleResolutionHost();
  if (!resolution.fileExists(`${LIB_FOLDER}/lib.d.ts`)) return { build: () => programOf(project) };
  const options = project.getCompilerOptions();
  const parsed = new Map<string, ts.SourceFile>();
  const host: ts.CompilerHost = {
    getSourceFile: (fileName, languageVersionOrOptions) => {
      const own = project.getSourceFile(fileName)?.compilerNode;
      if (own !== undefined) return own;
      const known = parsed.get(fileName);
      if (known !== undefined) return known;
      const text = resolution.readFile(fileName);
      if (text === undefined) return undefined;
      const sourceFile = typescript.createSourceFile(fileName, text, languageVersionOrOptions, false);
      parsed.set(fileName, sourceFile);
      return sourceFile;
    },
    getDefaultLibFileName: (compilerOptions) => `${LIB_FOLDER}/${typescript.getDefaultLibFileName(compilerOptions)}`,
    getDefaultLibLocation: () => LIB_FOLDER,
    writeFile: () => undefined,
    getCurrentDirectory: () => resolution.getCurrentDirectory?.() ?? project.getFileSystem().getCurrentDirectory(),
    getDirectories: (path) => resolution.getDirectories?.(path) ?? [],
    fileExists: (path) => resolution.fileExists(path),
    readFile: (path) => resolution.readFile(path),
    directoryExists: (path) => resolution.directoryExists?.(path) ?? true,
    realpath: (path) => resolution.realpath?.(path) ?? path,
    getCanonicalFileName: (fileName) => fileName,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    jsDocParsingMode: typescript.JSDocParsingMode.ParseForTypeErrors,
  };
  let last: ts.Program | undefined;
  return {
    build(roots) {
      setModuleFormats(project, roots.map((sourceFile) => sourceFile.compilerNode));
      const rootNames = roots.map((sourceFile) => sourceFile.getFilePath() as string);
      let program = typescript.createProgram({ rootNames, options, host, oldProgram: last });
      // Files the program reached from the project (not created with their module format): set, and again.
      if (setModuleFormats(project, program.getSourceFiles().filter((sourceFile) => project.getSourceFile(sourceFile.fileName)?.compilerNode === sourceFile))) {
        program = typescript.createProgram({ rootNames, options, host, oldProgram: program });
      }
      last = program;
      return program;
    },
  };
}

function resolves(project: Project, program: ts.Program, specifier: string, sourceFile: ts.SourceFile): boolean {
  const mode = sourceFile.impliedNodeFormat;
  const resolved = typescript.resolveModuleName(specifier, sourceFile.fileName, program.getCompilerOptions(), project.getModuleResolutionHost(), undefined, undefined, mode);
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
  const importEquals = compilerOptions.verbatimModuleSyntax === true && /\.[cm]?tsx?$/i.test(sourceFile.fileName) && (program as unknown as CompilerInternals).getEmitModuleFormatOfFile(sourceFile) === typescript.ModuleKind.CommonJS;
  let importSource = options.importSource;
  const resolution = getEmitModuleResolutionKind(compilerOptions);
  const node16 = resolution === typescript.ModuleResolutionKind.Node16 || resolution === typescript.ModuleResolutionKind.NodeNext;
  // A `.ts` source is written as the file the compiler emits for it (TS5097 otherwise): `.js` under
  // node16/nodenext, no extension where resolution adds it (node10, bundler).
  const tsExtension = importSource === undefined || !RELATIVE.test(importSource) ? null : /\.([cm]?)tsx?$/i.exec(importSource);
  if (importSource !== undefined && tsExtension !== null && compilerOptions.allowImportingTsExtensions !== true && compilerOptions.rewriteRelativeImportExtensions !== true) {
    importSource = importSource.slice(0, tsExtension.index) + (node16 ? `.${(tsExtension[1] ?? '').toLowerCase()}js` : '');
  }
  if (
    importSource !== undefined &&
    RELATIVE.test(importSource) &&
    node16 &&
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
 * Where else a rewrite can change diagnostics: the files of the program beyond the rewritten ones.
 * The CLI names its tsconfig's files (loaded only when needed); the API's project holds them all.
 */
export interface Reach {
  /** Every file of the program (absolute paths), declaration files included, node_modules not. */
  readonly files: () => Iterable<string>;
  /** A file's text, for a cheap scan before anything is loaded. */
  readonly text: (path: string) => string | undefined;
  /** The file in the project (added when it is not yet). */
  readonly load: (path: string) => SourceFile | undefined;
}

/** The project's own files: what the ts-morph API's user put in it. */
export function projectReach(project: Project): Reach {
  const own = (sourceFile: SourceFile): boolean => !sourceFile.isInNodeModules();
  return {
    files: () => project.getSourceFiles().filter(own).map((sourceFile) => sourceFile.getFilePath() as string),
    text: (path) => project.getSourceFile(path)?.getFullText(),
    load: (path) => project.getSourceFile(path),
  };
}

/**
 * Analyses each file with the checker's types, rewrites it in `project` with one whole-file
 * replacement (ts-morph's node edits cost seconds on a large file), and puts back the text of each
 * file whose rewrite adds a diagnostic, to itself or to a file it reaches. All files are checked
 * before and after together: one program each.
 */
export function typedRewrite(project: Project, files: readonly TypedFile[], reach: Reach = projectReach(project)): TypedResult[] {
  const [first] = files;
  if (first === undefined) return [];
  // hermes-pid where it is not installed yet: declared, for this pass only. Any other source must
  // resolve in the project as it is (a typo in a path alias is TS2307, not a proof).
  const compilerOptions = project.getCompilerOptions();
  const missing = files.some(
    (file) =>
      (file.options.importSource ?? DEFAULT_IMPORT_SOURCE) === DEFAULT_IMPORT_SOURCE &&
      typescript.resolveModuleName(DEFAULT_IMPORT_SOURCE, file.sourceFile.getFilePath(), compilerOptions, project.getModuleResolutionHost()).resolvedModule === undefined,
  );
  const declarations = missing ? project.createSourceFile(join(dirname(first.sourceFile.getFilePath()), '__hermes-pid-declarations__.d.ts'), ambientModules([DEFAULT_IMPORT_SOURCE]), { overwrite: true }) : undefined;
  try {
    return check(project, files, reach);
  } finally {
    if (declarations !== undefined) project.removeSourceFile(declarations);
  }
}

/** A file of the program that is not a module: its top-level declarations are globals of every file. */
function isScript(sourceFile: ts.SourceFile): boolean {
  return !typescript.isExternalModule(sourceFile) && (sourceFile as { commonJsModuleIndicator?: unknown }).commonJsModuleIndicator === undefined;
}

/** The names a script declares at its top level (what other files may use as globals). */
function globalNames(sourceFile: ts.SourceFile): string[] {
  const names: string[] = [];
  const bind = (name: ts.BindingName): void => {
    if (typescript.isIdentifier(name)) names.push(name.text);
    else for (const element of name.elements) if (!typescript.isOmittedExpression(element)) bind(element.name);
  };
  for (const statement of sourceFile.statements) {
    if (typescript.isVariableStatement(statement)) for (const declaration of statement.declarationList.declarations) bind(declaration.name);
    else if ((typescript.isFunctionDeclaration(statement) || typescript.isClassDeclaration(statement) || typescript.isInterfaceDeclaration(statement) || typescript.isTypeAliasDeclaration(statement) || typescript.isEnumDeclaration(statement) || typescript.isModuleDeclaration(statement)) && statement.name !== undefined && typescript.isIdentifier(statement.name)) names.push(statement.name.text);
  }
  return names;
}

/**
 * What a module exports, by name and type: importers see nothing else of it. A class or namespace
 * prints as `typeof X` whatever its members' types, so their members (and a class's instances') are
 * listed too: a method's inferred return type is what an importer calls.
 */
function exportedSurface(checker: ts.TypeChecker, sourceFile: ts.SourceFile): string[] {
  const module = checker.getSymbolAtLocation(sourceFile);
  if (module === undefined) return [];
  const print = (type: ts.Type): string => checker.typeToString(type, undefined, typescript.TypeFormatFlags.NoTruncation);
  const members = (prefix: string, type: ts.Type): string[] => type.getProperties().map((member) => `${prefix}.${member.getName()}: ${print(checker.getTypeOfSymbolAtLocation(member, sourceFile))}`);
  return checker.getExportsOfModule(module).flatMap((symbol) => {
    const type = checker.getTypeOfSymbolAtLocation(symbol, sourceFile);
    const name = symbol.getName();
    const printed = print(type);
    if (!printed.startsWith('typeof ')) return [`${name}: ${printed}`];
    const instances = type.getConstructSignatures().flatMap((signature) => members(`${name}.prototype`, signature.getReturnType()));
    return [`${name}: ${printed}`, ...members(name, type), ...new Set(instances)];
  });
}

const escape = (name: string): string => name.replace(/[$]/g, '\\$&');

interface Planned {
  readonly file: TypedFile;
  readonly result: TransformResult;
  readonly refusal: readonly string[];
  /** The globals a script that becomes a module takes away. */
  readonly globals: readonly string[];
  /** The project file the added import names, when the program does not have it yet. */
  readonly target: string | undefined;
  before: string[];
  surface: string[];
}

function check(project: Project, files: readonly TypedFile[], reach: Reach): TypedResult[] {
  const programs = programsOf(project);
  const dependents = new Map<SourceFile, Planned[]>();
  // The roots: the files to rewrite, the files a rewrite can reach, the files an added import names,
  // the project's own declaration files.
  const targets = new Set<SourceFile>();
  const roots = (): SourceFile[] => [...new Set([...files.map(({ sourceFile }) => sourceFile), ...dependents.keys(), ...targets, ...project.getSourceFiles().filter((sourceFile) => sourceFile.isDeclarationFile() && !sourceFile.isInNodeModules())])];
  let program = programs.build(roots());
  const checker = program.getTypeChecker();
  const sourceOf = (current: ts.Program, file: SourceFile): ts.SourceFile => {
    const sourceFile = current.getSourceFile(file.getFilePath());
    if (sourceFile === undefined) throw new Error(`${file.getFilePath()} is not in the project's program`);
    return sourceFile;
  };
  const planned = files.map((file): Planned => {
    const sourceFile = sourceOf(program, file.sourceFile);
    const options = importFormFor(project, program, sourceFile, file.options);
    const result = transformSource(file.text, options, checkerTypeFacts(checker, sourceFile));
    // A source other than hermes-pid that does not resolve: said as the compiler would, before any write.
    const source = options.importSource ?? DEFAULT_IMPORT_SOURCE;
    const unresolved = result.changed && result.importEdit !== undefined && source !== DEFAULT_IMPORT_SOURCE && !resolves(project, program, source, sourceFile);
    const refusal = unresolved ? [`TS2307 Cannot find module '${source}' or its corresponding type declarations.`] : [];
    // Adding an import to a script makes it a module: its globals leave every other file.
    const globals = result.changed && result.importEdit !== undefined && isScript(sourceFile) ? globalNames(sourceFile) : [];
    // The module the added import names, when it is a file of this project: tsc has it as a root.
    const target = result.changed && result.importEdit !== undefined && !unresolved ? resolvedFile(project, program, source, sourceFile) : undefined;
    return { file, result, refusal, globals, target, before: [], surface: [] };
  });
  const changed = planned.filter(({ result, refusal }) => result.changed && refusal.length === 0);
  // Files that may use a global a rewrite takes away: those whose text names it (a use must).
  const rewritten = new Set(files.map(({ sourceFile }) => sourceFile.getFilePath() as string));
  // A file the import brings in is one the config lists (a composite project's TS6307 otherwise).
  const listed = new Set(reach.files());
  for (const { target } of changed) {
    const sourceFile = target === undefined || !listed.has(target) ? undefined : (project.getSourceFile(target) ?? reach.load(target));
    if (sourceFile !== undefined) targets.add(sourceFile);
  }
  let reload = targets.size > 0;
  const scripts = changed.filter(({ globals }) => globals.length > 0);
  if (scripts.length > 0) {
    const patterns = scripts.map((entry) => ({ entry, pattern: new RegExp(`(?<![\\w$])(?:${entry.globals.map(escape).join('|')})(?![\\w$])`) }));
    for (const path of reach.files()) {
      if (rewritten.has(path) || /[\\/]node_modules[\\/]/.test(path)) continue;
      const text = reach.text(path);
      const using = text === undefined ? [] : patterns.filter(({ pattern }) => pattern.test(text)).map(({ entry }) => entry);
      const sourceFile = using.length > 0 ? reach.load(path) : undefined;
      if (sourceFile !== undefined) dependents.set(sourceFile, using);
    }
    reload = true;
  }
  if (reload) program = programs.build(roots());
  const beforeChecker = program.getTypeChecker();
  for (const entry of changed) {
    const sourceFile = sourceOf(program, entry.file.sourceFile);
    entry.before = diagnosticKeys(program, sourceFile);
    if (!isScript(sourceFile)) entry.surface = exportedSurface(beforeChecker, sourceFile);
  }
  const dependentBefore = new Map([...dependents.keys()].map((sourceFile) => [sourceFile, diagnosticKeys(program, sourceOf(program, sourceFile))]));
  const answer = (entry: Planned, diagnostics: readonly string[]): TypedResult =>
    diagnostics.length === 0 ? { sourceFile: entry.file.sourceFile, result: entry.result, addedDiagnostics: [] } : { sourceFile: entry.file.sourceFile, result: refused(entry.result, entry.file.text, diagnostics), addedDiagnostics: diagnostics };
  if (changed.length === 0) return planned.map((entry) => answer(entry, entry.refusal));
  for (const { file, result } of changed) file.sourceFile.replaceWithText(result.output.startsWith(BOM) ? result.output.slice(1) : result.output);
  const after = programs.build(roots());
  const afterChecker = after.getTypeChecker();
  const added_ = new Map<Planned, string[]>();
  for (const entry of changed) {
    const sourceFile = sourceOf(after, entry.file.sourceFile);
    const diagnostics = added(entry.before, diagnosticKeys(after, sourceFile));
    // Importers see the exports: a rewrite that changes their types could break them, so it is refused.
    if (entry.surface.length > 0) {
      const surface = exportedSurface(afterChecker, sourceFile);
      const gone = added(surface, entry.surface);
      const now = new Map(added(entry.surface, surface).map((key) => [key.slice(0, key.indexOf(': ')), key.slice(key.indexOf(': ') + 2)]));
      const change = (key: string): string => `${key}${now.has(key.slice(0, key.indexOf(': '))) ? ` becomes ${now.get(key.slice(0, key.indexOf(': ')))}` : ''}`;
      if (gone.length > 0) diagnostics.push(`the exports' types would change, so importers could break: ${gone.map(change).join(', ')}`);
    }
    added_.set(entry, diagnostics);
  }
  const cwd = project.getFileSystem().getCurrentDirectory();
  for (const [sourceFile, using] of dependents) {
    const gained = added(dependentBefore.get(sourceFile) ?? [], diagnosticKeys(after, sourceOf(after, sourceFile)));
    if (gained.length === 0) continue;
    const where = relative(cwd, sourceFile.getFilePath()).split('\\').join('/');
    for (const entry of using) added_.get(entry)?.push(...gained.map((key) => `${key} (in ${where}, which uses a global of this script)`));
  }
  return planned.map((entry) => {
    const diagnostics = added_.get(entry) ?? entry.refusal;
    if (diagnostics.length > 0 && added_.has(entry)) entry.file.sourceFile.replaceWithText(entry.file.text.startsWith(BOM) ? entry.file.text.slice(1) : entry.file.text);
    return answer(entry, diagnostics);
  });
}
