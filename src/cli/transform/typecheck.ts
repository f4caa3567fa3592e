// The CLI's typed pass (loaded only when a run would change TypeScript files): one ts-morph Project
// per project (the tsconfig that owns the file, solution-style `references` followed), from its compiler
// options, with the files to rewrite and its declaration files as the roots (the program follows
// their imports; other files are loaded when a rewrite can reach them); src/ts-morph/typed-pass.ts does the rest.
import { saveTsMorphCodeCache } from './ts-morph-preload.js'; // first: before ts-morph loads its TypeScript
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Project, ts } from 'ts-morph';
import { tsMorph, typescript } from '../../ts-morph/ts-morph-module.js';
import { useCodeCache } from './code-cache.js';
import type { TransformOptions, TransformResult } from '../../analysis/types.js';
import { typedRewrite } from '../../ts-morph/typed-pass.js';
import type { Reach } from '../../ts-morph/typed-pass.js';

export interface TypecheckInput {
  /** Absolute path. */
  readonly file: string;
  /** The decoded text the untyped plan read (a BOM kept). */
  readonly text: string;
  readonly options: TransformOptions;
}

export interface TypecheckOutput {
  /** By input file; files in no tsconfig's project are absent. */
  readonly results: ReadonlyMap<string, { readonly result: TransformResult; readonly addedDiagnostics: readonly string[] }>;
  /** By input file: why its rewrite is not type-checked (no tsconfig owns it). */
  readonly unchecked: ReadonlyMap<string, string>;
  readonly notes: readonly string[];
}

interface Config {
  readonly path: string;
  readonly options: ts.CompilerOptions;
  readonly files: ReadonlySet<string>;
  /** The tsconfig files its `references` name (a solution-style config owns no file itself). */
  readonly references: readonly string[];
}

const configs = new Map<string, Config>();
const BOM = '\uFEFF';

function readConfig(path: string): Config {
  const known = configs.get(path);
  if (known !== undefined) return known;
  // Errors (an `extends` package that is not installed, deprecated options) leave the options it could
  // read; `extends` chains and `paths` are TypeScript's own reading.
  const parsed = typescript.getParsedCommandLineOfConfigFile(path, {}, { ...typescript.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  const config: Config = {
    path,
    options: { ...parsed?.options, noEmit: true },
    files: new Set((parsed?.fileNames ?? []).map((file) => resolve(file))),
    references: (parsed?.projectReferences ?? []).map((reference) => resolve(typescript.resolveProjectReferencePath(reference))),
  };
  configs.set(path, config);
  return config;
}

/** The project of `path` or of a project it references (depth first, as `tsc -b` lists them) that includes `file`. */
function owningProject(path: string, file: string, seen: Set<string>): Config | undefined {
  if (seen.has(path) || !existsSync(path)) return undefined;
  seen.add(path);
  const config = readConfig(path);
  if (config.files.has(file)) return config;
  for (const reference of config.references) {
    const found = owningProject(reference, file, seen);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The project that builds `file`: from its folder up, each tsconfig.json and the projects it references; or why none. */
function configOf(file: string): Config | string {
  const nearest: string[] = [];
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const path = join(dir, 'tsconfig.json');
    if (existsSync(path)) {
      nearest.push(path);
      const config = owningProject(path, file, new Set());
      if (config !== undefined) return config;
    }
    if (dirname(dir) === dir) break;
  }
  const [first] = nearest;
  if (first === undefined) return 'no tsconfig.json in its folder or above';
  return `${relative(dirname(file), first).split(sep).join('/')} does not include it, nor does any project it references or a tsconfig.json above`;
}

/** The config's files as the typed pass reaches them: read from disk, loaded into `project` only when needed. */
function configReach(project: Project, config: Config): Reach {
  return {
    files: () => config.files,
    text: (path) => {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
    load: (path) => project.getSourceFile(path) ?? project.addSourceFileAtPathIfExists(path),
  };
}

export function typecheckRewrites(inputs: readonly TypecheckInput[]): TypecheckOutput {
  // The parser's TypeScript (the typed analysis parses again on this thread) from the code cache too.
  const parserCodeCache = useCodeCache();
  const groups = new Map<Config, TypecheckInput[]>();
  const unchecked = new Map<string, string>();
  for (const input of inputs) {
    const config = configOf(input.file);
    if (typeof config === 'string') unchecked.set(input.file, config);
    else groups.set(config, [...(groups.get(config) ?? []), input]);
  }
  const results = new Map<string, { result: TransformResult; addedDiagnostics: readonly string[] }>();
  for (const [config, group] of groups) {
    const project = new tsMorph.Project({ compilerOptions: config.options, skipAddingFilesFromTsConfig: true });
    // The project's own declaration files (env.d.ts, global augmentations) are part of every file's view.
    for (const file of config.files) if (/\.d\.[cm]?ts$/i.test(file)) project.addSourceFileAtPathIfExists(file);
    const files = group.map((input) => ({
      sourceFile: project.createSourceFile(input.file, input.text.startsWith(BOM) ? input.text.slice(1) : input.text, { overwrite: true }),
      text: input.text,
      options: input.options,
    }));
    typedRewrite(project, files, configReach(project, config)).forEach((typed, i) => {
      const input = group[i];
      if (input !== undefined) results.set(input.file, { result: typed.result, addedDiagnostics: typed.addedDiagnostics });
    });
  }
  saveTsMorphCodeCache();
  parserCodeCache.save();
  const outside = unchecked.size;
  const notes =
    outside === 0
      ? []
      : [`no tsconfig.json includes ${outside === 1 ? 'a TypeScript file' : `${outside} TypeScript files`} to rewrite, so ${outside === 1 ? 'its rewrite is' : 'their rewrites are'} not type-checked (the report names ${outside === 1 ? 'it' : 'them'})`];
  return { results, unchecked, notes };
}
