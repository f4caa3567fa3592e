// The CLI's typed pass (loaded only when a run would change TypeScript files): one ts-morph Project
// per tsconfig.json, from its compiler options, with the files to rewrite as the only roots (the
// program follows their imports); src/ts-morph/typed-pass.ts does the rest.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Project, ts } from 'ts-morph';
import type { TransformOptions, TransformResult } from '../../analysis/types.js';
import { typedRewrite } from '../../ts-morph/typed-pass.js';

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
  readonly notes: readonly string[];
}

interface Config {
  readonly path: string;
  readonly options: ts.CompilerOptions;
  readonly files: ReadonlySet<string>;
}

const configs = new Map<string, Config>();
const BOM = '\uFEFF';

function readConfig(path: string): Config {
  const known = configs.get(path);
  if (known !== undefined) return known;
  // Errors (an `extends` package that is not installed, deprecated options) leave the options it could read.
  const parsed = ts.getParsedCommandLineOfConfigFile(path, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  const config: Config = { path, options: { ...parsed?.options, noEmit: true }, files: new Set((parsed?.fileNames ?? []).map((file) => resolve(file))) };
  configs.set(path, config);
  return config;
}

/** The nearest tsconfig.json, from `file`'s folder up, whose project includes `file`. */
function configOf(file: string): Config | undefined {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const path = join(dir, 'tsconfig.json');
    if (existsSync(path)) {
      const config = readConfig(path);
      if (config.files.has(file)) return config;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

export function typecheckRewrites(inputs: readonly TypecheckInput[]): TypecheckOutput {
  const groups = new Map<Config, TypecheckInput[]>();
  const outside: string[] = [];
  for (const input of inputs) {
    const config = configOf(input.file);
    if (config === undefined) outside.push(input.file);
    else groups.set(config, [...(groups.get(config) ?? []), input]);
  }
  const results = new Map<string, { result: TransformResult; addedDiagnostics: readonly string[] }>();
  for (const [config, group] of groups) {
    const project = new Project({ compilerOptions: config.options, skipAddingFilesFromTsConfig: true });
    const files = group.map((input) => ({
      sourceFile: project.createSourceFile(input.file, input.text.startsWith(BOM) ? input.text.slice(1) : input.text, { overwrite: true }),
      text: input.text,
      options: input.options,
    }));
    typedRewrite(project, files).forEach((typed, i) => {
      const input = group[i];
      if (input !== undefined) results.set(input.file, { result: typed.result, addedDiagnostics: typed.addedDiagnostics });
    });
  }
  const notes =
    outside.length === 0
      ? []
      : [`no tsconfig.json includes ${outside.length === 1 ? 'a TypeScript file' : `${outside.length} TypeScript files`} to rewrite, so ${outside.length === 1 ? 'its rewrite is' : 'their rewrites are'} not type-checked`];
  return { results, notes };
}
