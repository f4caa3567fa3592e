// Imported by typecheck.ts before ts-morph: ts-morph's own copy of TypeScript (9 MB of CommonJS,
// beside the one the parser loads) comes from the V8 code cache (code-cache.ts), so the typed pass
// does not compile it on every run. Any failure leaves ts-morph to load it the ordinary way.
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { codeCacheDirectory, preloadFiles } from './code-cache.js';
import { nodeRequire } from '../../internal/node-require.js';

function tsMorphTypeScript(): string {
  const common = realpathSync(createRequire(realpathSync(nodeRequire.resolve('ts-morph'))).resolve('@ts-morph/common'));
  return realpathSync(createRequire(common).resolve('./typescript'));
}

/** Saves the cache once the pass has run (its parser and checker then compiled); a no-op when none was due. */
export const saveTsMorphCodeCache: () => void = (() => {
  try {
    return preloadFiles([tsMorphTypeScript()], codeCacheDirectory());
  } catch {
    return () => undefined;
  }
})();
