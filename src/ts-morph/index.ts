// hermes-pid/ts-morph: the codemod for teams who script their migrations with ts-morph (or Nx
// generators). The same analysis, text and review reasons as `hermes-codemod`, with its typed pass:
// each file's new text replaces the old in the ts-morph tree unless it adds a TypeScript diagnostic.
import { dirname, join } from 'node:path';
import type { Project, SourceFile } from 'ts-morph';
import type { ProbeSite, TransformOptions } from '../analysis/types.js';
import { importSourceFor } from '../codemod/import-source-for.js';
import { importSourceProblem } from '../codemod/import-source-problem.js';
import { mayHoldProbe } from '../codemod/may-hold-probe.js';
import { transformSource } from '../codemod/transform.js';
import { typedRewrite } from './typed-pass.js';

export interface RewriteOptions {
  /**
   * Module to import `pidIsAlive` from (default `hermes-pid`); a `./` or `../` path is relative to
   * `cwd` and written relative to each file, as the CLI's --import-source.
   */
  readonly importSource?: string;
  /** Folder a relative `importSource` is relative to; default: the project's current directory. */
  readonly cwd?: string;
  /** Skip every rewrite that changes behaviour. */
  readonly strict?: boolean;
  /** Prove each rewrite adds no diagnostic before keeping it (default true); false keeps every rewrite. */
  readonly typecheck?: boolean;
}

export interface SourceFileRewrite {
  readonly sourceFile: SourceFile;
  /** Every probe site; a refused rewrite is a `skip` whose reason names the diagnostic. */
  readonly sites: readonly ProbeSite[];
  /** Whether the source file's text was replaced. */
  readonly changed: boolean;
  /** The diagnostics (`TS2345 ..`) a refused rewrite would have added; empty otherwise. */
  readonly addedDiagnostics: readonly string[];
}

export type { ProbeSite, ProbeShape, EpermBehaviour, TextEdit } from '../analysis/types.js';

/** The nearest package.json "type" on the project's file system (for a .js file whose text does not tell). */
function moduleTypeOf(sourceFile: SourceFile): 'module' | 'commonjs' {
  const fileSystem = sourceFile.getProject().getFileSystem();
  for (let dir = dirname(sourceFile.getFilePath()); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (fileSystem.fileExistsSync(manifest)) {
      try {
        return (JSON.parse(fileSystem.readFileSync(manifest)) as { type?: unknown }).type === 'module' ? 'module' : 'commonjs';
      } catch {
        return 'commonjs';
      }
    }
    if (dirname(dir) === dir) return 'commonjs';
  }
}

function rewrite(project: Project, sourceFiles: readonly SourceFile[], options: RewriteOptions): SourceFileRewrite[] {
  const cwd = options.cwd ?? project.getFileSystem().getCurrentDirectory();
  const files = sourceFiles
    .filter((sourceFile) => mayHoldProbe(sourceFile.getFullText()))
    .map((sourceFile) => {
      const fileName = sourceFile.getFilePath();
      const transform: TransformOptions = { fileName, importSource: importSourceFor(options.importSource, cwd, fileName), strict: options.strict, moduleType: moduleTypeOf(sourceFile) };
      return { sourceFile, text: sourceFile.getFullText(), options: transform };
    });
  if (options.typecheck === false) {
    return files.map(({ sourceFile, text, options: transform }) => {
      const result = transformSource(text, transform);
      if (result.changed) sourceFile.replaceWithText(result.output);
      return { sourceFile, sites: result.sites, changed: result.changed, addedDiagnostics: [] };
    });
  }
  return typedRewrite(project, files).map(({ sourceFile, result, addedDiagnostics }) => ({ sourceFile, sites: result.sites, changed: result.changed, addedDiagnostics }));
}

const OPTION_TYPES: Readonly<Record<keyof RewriteOptions, 'string' | 'boolean'>> = { importSource: 'string', cwd: 'string', strict: 'boolean', typecheck: 'boolean' };

/** `what` of a bad argument, for the message: its type, or the constructor of an object. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== 'Object' ? `a ${name}` : 'an object';
}

/** Options as documented, or a TypeError that names what is wrong (a typo in a name must not be ignored). */
function checkOptions(caller: string, options: unknown): RewriteOptions {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw new TypeError(`${caller}: options must be an object, got ${describe(options)}`);
  for (const [key, value] of Object.entries(options)) {
    const expected = (OPTION_TYPES as Record<string, string | undefined>)[key];
    if (expected === undefined) throw new TypeError(`${caller}: unknown option ${JSON.stringify(key)} (known: ${Object.keys(OPTION_TYPES).join(', ')})`);
    if (value !== undefined && typeof value !== expected) throw new TypeError(`${caller}: options.${key} must be a ${expected}, got ${describe(value)}`);
  }
  const { importSource } = options as RewriteOptions;
  const problem = importSource === undefined ? undefined : importSourceProblem(importSource);
  if (problem !== undefined) throw new TypeError(`${caller}: options.importSource ${JSON.stringify(importSource)} ${problem}`);
  return options as RewriteOptions;
}

function isSourceFile(value: unknown): value is SourceFile {
  const candidate = value as Partial<SourceFile> | null | undefined;
  return typeof candidate === 'object' && candidate !== null && typeof candidate.getProject === 'function' && typeof candidate.getFullText === 'function' && typeof candidate.replaceWithText === 'function';
}

function isProject(value: unknown): value is Project {
  const candidate = value as Partial<Project> | null | undefined;
  return typeof candidate === 'object' && candidate !== null && typeof candidate.getSourceFiles === 'function' && typeof candidate.getProgram === 'function' && typeof candidate.getFileSystem === 'function';
}

/** Rewrites the probes of one source file in its project (type-checked against that project). */
export function rewriteSourceFile(sourceFile: SourceFile, options: RewriteOptions = {}): SourceFileRewrite {
  if (!isSourceFile(sourceFile)) throw new TypeError(`rewriteSourceFile: expected a ts-morph SourceFile, got ${describe(sourceFile)}`);
  const checked = checkOptions('rewriteSourceFile', options);
  const [result] = rewrite(sourceFile.getProject(), [sourceFile], checked);
  return result ?? { sourceFile, sites: [], changed: false, addedDiagnostics: [] };
}

/**
 * Rewrites the probes of every source file of `project` (not declaration files, not node_modules);
 * returns the files with sites. Diagnostics are compared only where a change can reach (the
 * rewritten files, and the files that use a global of a script that becomes a module).
 */
export function rewriteProject(project: Project, options: RewriteOptions = {}): SourceFileRewrite[] {
  if (!isProject(project)) throw new TypeError(`rewriteProject: expected a ts-morph Project, got ${describe(project)}`);
  const checked = checkOptions('rewriteProject', options);
  const sourceFiles = project.getSourceFiles().filter((sourceFile) => !sourceFile.isDeclarationFile() && !sourceFile.isInNodeModules());
  return rewrite(project, sourceFiles, checked).filter((rewritten) => rewritten.sites.length > 0);
}
