// The public corpus (bench/support/real-corpus.ts) for a test: its folder, or why it cannot be had
// here, for the test to skip with that reason rather than pass on nothing.
import { realCorpus } from '../../bench/support/real-corpus.js';
import { repoRoot } from './scratch-project.js';

export function publicCorpus(): { readonly dir: string; readonly reason: '' } | { readonly dir?: undefined; readonly reason: string } {
  try {
    return { dir: realCorpus(repoRoot).dir, reason: '' };
  } catch (error) {
    return { reason: `the public corpus cannot be fetched (${error instanceof Error ? error.message.split('\n')[0] : String(error)})` };
  }
}
