// A V8 code cache for the TypeScript compiler the codemod's parser (typescript-estree) runs on (9 MB
// of CommonJS): compiling it is most of the cost of loading it, and Node 20 has no
// module.enableCompileCache (22+).
// Each file is compiled with vm.Script, its code (with the functions a parse compiled lazily) is kept
// in a per-user cache folder, and later runs start from it. Any failure (no home,
// an unwritable folder, a stale or foreign cache) only means loading it the ordinary way.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { Script } from 'node:vm';
import { threadId } from 'node:worker_threads';
import { beforeTypeScriptLoads } from '../../codemod/parse.js';
import { nodeRequire } from '../../internal/node-require.js';

/** `$XDG_CACHE_HOME/hermes-pid` (or ~/.cache, %LOCALAPPDATA% on Windows); none when disabled or unknown. */
export function codeCacheDirectory(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.NODE_DISABLE_COMPILE_CACHE !== undefined) return undefined; // Node 22's switch for its own cache
  let base: string | undefined;
  try {
    const xdg = env.XDG_CACHE_HOME;
    // A relative XDG_CACHE_HOME is invalid (XDG spec), and would put the cache in the user's project.
    base = process.platform === 'win32' ? env.LOCALAPPDATA : xdg !== undefined && isAbsolute(xdg) ? xdg : join(homedir(), '.cache');
  } catch {
    return undefined; // no home directory
  }
  return base !== undefined && isAbsolute(base) ? join(base, 'hermes-pid') : undefined;
}

/** TypeScript's compiler as typescript-estree requires it, as require's cache names it. */
export function parserTypeScript(): string {
  const estree = realpathSync(nodeRequire.resolve('@typescript-eslint/typescript-estree'));
  return realpathSync(createRequire(estree).resolve('typescript'));
}

/**
 * Loads TypeScript's compiler into require's cache from the code cache in `dir`. Returns
 * the function that saves the cache where there was none or V8 refused it (a new Node, TypeScript or V8
 * flags); call it once the compiler has parsed something, so that the parser's code is in it. Falls
 * back to ordinary loading for a file whose path or source cannot be read. A `variant` keeps its own
 * cache entry (code compiled by other uses of the same file).
 */
export function preloadParser(dir: string | undefined, variant?: string): () => void {
  if (dir === undefined) return () => undefined;
  let files: string[];
  try {
    files = [parserTypeScript()];
  } catch {
    return () => undefined;
  }
  const savers = files.map((file) => preload(file, dir, variant));
  return () => {
    for (const save of savers) save?.();
  };
}

/**
 * Loads CommonJS files (absolute, real paths) into require's cache from the code cache in `dir`, as
 * preloadParser does for the parser's compiler: the typed pass uses it for ts-morph's own copy of
 * TypeScript. Returns the saver; a file that cannot be read is left to ordinary loading.
 */
export function preloadFiles(files: readonly string[], dir: string | undefined): () => void {
  if (dir === undefined) return () => undefined;
  const savers = files.map((file) => {
    try {
      return preload(file, dir);
    } catch {
      return undefined; // require() loads it the ordinary way
    }
  });
  return () => {
    for (const save of savers) save?.();
  };
}

/** Loads one CommonJS file through vm.Script with its code cache; the saver when one is due. */
function preload(filename: string, dir: string, variant?: string): (() => void) | undefined {
  const require = createRequire(filename);
  // Loaded already (the typed pass preloads the parser's compiler before the parser asks): one instance.
  if (require.cache[filename] !== undefined) return undefined;
  let source: string;
  let stamp: string;
  try {
    const { size, mtimeMs } = statSync(filename);
    source = readFileSync(filename, 'utf8');
    // V8 checks its version, flags and the source length; the stamp adds the file's identity.
    stamp = JSON.stringify([filename, size, mtimeMs, process.version, process.arch]);
  } catch {
    return undefined;
  }
  const cacheFile = join(dir, `${basename(filename, '.js')}${variant === undefined ? '' : `-${variant}`}-${createHash('sha256').update(filename).digest('hex').slice(0, 16)}.v8`);
  let cachedData: Buffer | undefined;
  try {
    const stored = readFileSync(cacheFile);
    const newline = stored.indexOf(10);
    if (newline > 0 && stored.toString('utf8', 0, newline) === stamp) cachedData = stored.subarray(newline + 1);
  } catch {
    cachedData = undefined;
  }

  const script = new Script(Module.wrap(source), { filename, cachedData });
  const module = new Module(filename);
  module.filename = filename;
  require.cache[filename] = module;
  try {
    (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, require, module, filename, dirname(filename));
    module.loaded = true;
  } catch (error) {
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- how Node says to unload a module
    delete require.cache[filename];
    throw error;
  }
  if (cachedData !== undefined && !script.cachedDataRejected) return undefined;

  let saved = false;
  return () => {
    if (saved) return;
    saved = true;
    const temp = `${cacheFile}.${process.pid}-${threadId}.tmp`;
    try {
      mkdirSync(dir, { recursive: true });
      writeFileSync(temp, Buffer.concat([Buffer.from(`${stamp}\n`), script.createCachedData()]));
      renameSync(temp, cacheFile); // readers see the old cache or the new one, never half of one
    } catch {
      try {
        rmSync(temp, { force: true });
      } catch {
        // nothing was written
      }
    }
  };
}

/**
 * The JavaScript parser and scope analysis as src/codemod/parse.ts requires them (espree, eslint-scope),
 * each after what it requires (acorn, acorn-jsx, eslint-visitor-keys; estraverse, esrecurse), so that
 * each require() finds the one loaded from the cache. A package that cannot be resolved is left out.
 */
export function engineFiles(): string[] {
  const files: string[] = [];
  const add = (from: NodeJS.Require, specifiers: readonly string[]): void => {
    for (const specifier of specifiers) {
      try {
        files.push(realpathSync(from.resolve(specifier)));
      } catch {
        // left to require()
      }
    }
  };
  try {
    const espree = createRequire(realpathSync(nodeRequire.resolve('espree')));
    add(espree, ['acorn', 'acorn-jsx', 'eslint-visitor-keys']);
    files.push(realpathSync(nodeRequire.resolve('espree')));
  } catch {
    // espree missing: parse.ts says so when it needs it
  }
  try {
    const scope = createRequire(realpathSync(nodeRequire.resolve('eslint-scope')));
    add(scope, ['estraverse', 'esrecurse']);
    files.push(realpathSync(nodeRequire.resolve('eslint-scope')));
  } catch {
    // the same for eslint-scope
  }
  return files;
}

/** Files the engine parses with espree (src/codemod/parse.ts): JavaScript, with JSX. */
const JAVASCRIPT = /\.[cm]?jsx?$/i;

/** The engine's code cache for one thread: each engine loads from it when first needed, then saves. */
export interface EngineCodeCache {
  /**
   * `fileName` is about to be parsed: when it is JavaScript, espree and eslint-scope (engineFiles) load
   * from the cache now, once. A TypeScript-only run reads none of their entries.
   */
  beforeParse(fileName: string): void;
  /** After parsing: saves each entry that was due, once, with the functions the parse compiled lazily. */
  save(): void;
}

/**
 * The code cache for the engine on this thread: the JavaScript engine (engineFiles) loads from it at
 * the first JavaScript file's beforeParse(), TypeScript's parser when the engine first needs it (parse.ts's hook).
 */
export function useCodeCache(dir = codeCacheDirectory()): EngineCodeCache {
  let save: (() => void) | undefined;
  let saveEngine: (() => void) | undefined;
  let javaScript = false;
  beforeTypeScriptLoads(() => {
    try {
      save = preloadParser(dir);
    } catch {
      save = undefined; // loadParser() loads it the ordinary way
    }
  });
  return {
    beforeParse: (fileName) => {
      if (javaScript || !JAVASCRIPT.test(fileName)) return;
      javaScript = true;
      try {
        saveEngine = preloadFiles(engineFiles(), dir);
      } catch {
        saveEngine = undefined; // parse.ts requires them the ordinary way
      }
    },
    save: () => {
      const due = [saveEngine, save];
      saveEngine = undefined;
      save = undefined;
      for (const saver of due) saver?.();
    },
  };
}
