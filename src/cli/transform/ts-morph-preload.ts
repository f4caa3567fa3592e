// Imported by typecheck.ts before ts-morph. ts-morph bundles its own copy of TypeScript (9 MB of
// CommonJS), beside the one the parser (typescript-estree) runs on, which the typed analysis loads
// on this thread too. Where both are the same TypeScript release line (major.minor: the same API and
// the same answers; ts-morph's copy is TypeScript's file unmodified), ts-morph is handed the parser's:
// one compiler loaded and kept in memory instead of two. Otherwise ts-morph's copy comes from the V8
// code cache (code-cache.ts). Any failure leaves ts-morph to load it the ordinary way.
import { closeSync, openSync, readSync, realpathSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import type * as TypeScript from 'typescript';
import { codeCacheDirectory, parserTypeScript, preloadFiles, preloadParser } from './code-cache.js';
import { nodeRequire } from '../../internal/node-require.js';

/** ts-morph's files as require's cache names them: its bundled TypeScript, @ts-morph/common, ts-morph. */
function tsMorphFiles(): { readonly typescript: string; readonly common: string; readonly main: string } {
  const main = realpathSync(nodeRequire.resolve('ts-morph'));
  const common = realpathSync(createRequire(main).resolve('@ts-morph/common'));
  return { typescript: realpathSync(createRequire(common).resolve('./typescript')), common, main };
}

/** The `versionMajorMinor` a TypeScript build declares near its top, read without loading it. */
function releaseLine(file: string): string | undefined {
  const head = Buffer.alloc(256 * 1024);
  const fd = openSync(file, 'r');
  try {
    const read = readSync(fd, head, 0, head.length, 0);
    return /\bversionMajorMinor = "(\d+\.\d+)"/.exec(head.toString('latin1', 0, read))?.[1];
  } finally {
    closeSync(fd);
  }
}

/** Puts the parser's TypeScript in require's cache as ts-morph's; the cache saver, or undefined when they differ. */
function shareParserTypeScript(tsMorphFile: string, dir: string | undefined): (() => void) | undefined {
  const parserFile = parserTypeScript();
  if (parserFile === tsMorphFile) return undefined; // one file already
  const line = releaseLine(tsMorphFile);
  if (line === undefined) return undefined;
  // Its own cache entry: saved after the pass, it holds the checker's code as well as the parser's
  // (the workers' entry is saved after parsing alone).
  const save = preloadParser(dir, 'typed');
  const parser = createRequire(parserFile)(parserFile) as typeof TypeScript;
  if (parser.versionMajorMinor !== line) return save; // the parser's stays loaded: the typed analysis uses it
  const module = new Module(tsMorphFile);
  module.filename = tsMorphFile;
  module.exports = parser;
  module.loaded = true;
  createRequire(tsMorphFile).cache[tsMorphFile] = module;
  return save;
}

/** Saves the cache once the pass has run (its parser and checker then compiled); a no-op when none was due. */
export const saveTsMorphCodeCache: () => void = (() => {
  try {
    const { typescript: file, common, main } = tsMorphFiles();
    const dir = codeCacheDirectory();
    const saveParser = shareParserTypeScript(file, dir);
    // ts-morph's own 4 MB (@ts-morph/common, then ts-morph, which requires it) from the cache too.
    const saveOwn = preloadFiles(saveParser === undefined || createRequire(file).cache[file] === undefined ? [file, common, main] : [common, main], dir);
    return () => {
      saveParser?.();
      saveOwn();
    };
  } catch {
    return () => undefined;
  }
})();
