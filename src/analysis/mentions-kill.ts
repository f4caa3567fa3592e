import type { TSESTree } from '@typescript-eslint/types';
import type { AnalysisSource } from './source.js';

const cache = new WeakMap<TSESTree.Program, boolean>();

/**
 * Whether the file's text says `kill` anywhere. Every finder of the analysis starts from a `kill` the
 * text spells out (`process.kill`, `{ kill } = process`, `x.kill(...)`), so a file without one has
 * nothing to find; most files stop here. One scan per file, whichever rule or finder asks first.
 */
export function mentionsKill(source: Pick<AnalysisSource, 'text' | 'ast'>): boolean {
  const cached = cache.get(source.ast);
  if (cached !== undefined) return cached;
  const found = source.text.includes('kill');
  cache.set(source.ast, found);
  return found;
}
