import type { TransformOptions, TransformResult } from './types.js';

/**
 * Finds every liveness probe in `source` and rewrites those it can prove safe to rewrite.
 * Contract stub: the engine replaces this body.
 */
export function transformSource(source: string, _options: TransformOptions): TransformResult {
  return { sites: [], importEdit: undefined, output: source, changed: false };
}
