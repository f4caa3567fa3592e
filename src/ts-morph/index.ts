// hermes-pid/ts-morph: the codemod for teams who script their migrations with ts-morph (or Nx
// generators). The same analysis, text and review reasons as `hermes-codemod`, with its typed pass:
// each file's new text replaces the old in the ts-morph tree unless it adds a TypeScript diagnostic.
import { dirname, join } from 'node:path';
import type { Project, SourceFile } from 'ts-morph';
import type { ProbeSite, TransformOptions } from '../analysis/types.js';
import { importSourceFor } from '../codemod/import-source-for.js';
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

/** Rewrites the probes of one source file in its project (type-checked against that project). */
export function rewriteSourceFile(sourceFile: SourceFile, options: RewriteOptions = {}): SourceFileRewrite {
  const [result] = rewrite(sourceFile.getProject(), [sourceFile], options);
  return result ?? { sourceFile, sites: [], changed: false, addedDiagnostics: [] };
}

/** Rewrites the probes of every source file of `project` (not declaration files, not node_modules); returns the files with sites. */
export function rewriteProject(project: Project, options: RewriteOptions = {}): SourceFileRewrite[] {
  const sourceFiles = project.getSourceFiles().filter((sourceFile) => !sourceFile.isDeclarationFile() && !sourceFile.isInNodeModules());
  return rewrite(project, sourceFiles, options).filter((rewritten) => rewritten.sites.length > 0);
}
