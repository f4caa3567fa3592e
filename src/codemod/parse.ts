import type * as TsMorph from 'ts-morph';
import { nodeRequire } from '../internal/node-require.js';

export type Ts = typeof TsMorph.ts;
export type TsNode = TsMorph.ts.Node;
export type TsSourceFile = TsMorph.ts.SourceFile;

let tsMorph: typeof TsMorph | undefined;
let project: TsMorph.Project | undefined;

/** ts-morph, loaded on first use so that `import 'hermes-pid'` never pays for it. */
export function loadTs(): Ts {
  tsMorph ??= nodeRequire('ts-morph') as typeof TsMorph;
  return tsMorph.ts;
}

function scriptKind(ts: Ts, fileName: string): TsMorph.ts.ScriptKind {
  if (/\.tsx$/i.test(fileName)) return ts.ScriptKind.TSX;
  if (/\.[cm]?ts$/i.test(fileName)) return ts.ScriptKind.TS;
  // JSX is legal in .js files for the parser, as in every bundler.
  return ts.ScriptKind.JSX;
}

/**
 * Parses one file in a program-less, in-memory ts-morph project (no lib files, no dependency
 * resolution), hands its compiler node to `use`, then forgets it so memory stays flat.
 */
export function withParsedFile<T>(fileName: string, text: string, use: (sourceFile: TsSourceFile, ts: Ts) => T): T {
  const ts = loadTs();
  project ??= new (tsMorph as typeof TsMorph).Project({
    useInMemoryFileSystem: true,
    skipLoadingLibFiles: true,
    skipFileDependencyResolution: true,
    compilerOptions: { allowJs: true, noLib: true, target: ts.ScriptTarget.ESNext },
  });
  // The in-memory name only has to be unique and keep the extension the parser keys on.
  const name = `/hermes-codemod/${fileName.replace(/^.*[\\/]/, '')}`;
  const sourceFile = project.createSourceFile(name, text, { overwrite: true, scriptKind: scriptKind(ts, fileName) });
  try {
    return use(sourceFile.compilerNode, ts);
  } finally {
    project.removeSourceFile(sourceFile);
  }
}

/**
 * Syntax errors the parser recorded (`parseDiagnostics` is internal but stable across TS versions).
 * With `ignore`, diagnostics it accepts are dropped (strict-mode-only ones in a sloppy-mode script).
 */
export function syntaxErrors(sourceFile: TsSourceFile, ts: Ts, ignore?: (diagnostic: TsMorph.ts.DiagnosticWithLocation) => boolean): string[] {
  const diagnostics = (sourceFile as { parseDiagnostics?: readonly TsMorph.ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  return diagnostics
    .filter((d) => ignore === undefined || !ignore(d))
    .map((d) => {
      const { line, character } = sourceFile.getLineAndCharacterOfPosition(d.start);
      return `${line + 1}:${character + 1} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    });
}
