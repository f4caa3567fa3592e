// Worker side of the transform pool: answers chunks of jobs. TypeScript's parser loads (from the V8
// code cache) at once in a warm worker, otherwise when a TypeScript file, or JavaScript espree
// refuses, comes in.
import { parentPort, workerData } from 'node:worker_threads';
import { LARGE_FILE_PATH } from '../../codemod/fast-path.js';
import { transformSourceWith } from '../../codemod/transform.js';
import { rememberKillScan, type KillScan } from '../../codemod/kill-tokens.js';
import type { TransformOptions } from '../../codemod/index.js';
import { loadParser } from '../../codemod/parse.js';
import { useCodeCache } from './code-cache.js';

interface Job {
  readonly id: number;
  readonly source: string;
  readonly options: TransformOptions;
  /** The main thread's scan of a large source, when it has one. */
  readonly kills?: KillScan | undefined;
}

const port = parentPort;
if (port === null) throw new Error('transform-worker.js runs as a worker thread only');
const codeCache = useCodeCache();
if ((workerData as { preload?: boolean } | null)?.preload === true) loadParser();
port.on('message', (jobs: readonly Job[]) => {
  const replies = jobs.map(({ id, source, options, kills }) => {
    try {
      if (kills !== undefined) rememberKillScan(source, kills);
      codeCache.beforeParse(options.fileName);
      return { id, result: transformSourceWith(source, options, undefined, LARGE_FILE_PATH) };
    } catch (error) {
      return { id, error: error instanceof Error ? error.message : String(error) };
    }
  });
  // After a parse compiled the parser; before the reply, so that close() cannot cut it short.
  codeCache.save();
  port.postMessage(replies);
});
