import { processStartedAt } from '../pid/start-time.js';

/**
 * Whether live process `pid` started before a pid file was last written (`mtimeMs`), for a record
 * without a start time (a legacy bare pid): the writer was running when it wrote its pid, so a
 * process that started after the write holds a reused pid. `'before'` and `'after'` are sure, beyond
 * the start time's error; `'unsure'` within it, or when the start cannot be read. Never throws.
 */
export function startedRelativeTo(pid: number, mtimeMs: number): 'before' | 'after' | 'unsure' {
  const started = processStartedAt(pid);
  if (started === undefined || !Number.isFinite(mtimeMs)) return 'unsure';
  if (started.ms + started.errorMs <= mtimeMs) return 'before';
  return started.ms - started.errorMs > mtimeMs ? 'after' : 'unsure';
}
