// Worker side of the transform pool: loads the parser (from the V8 code cache) while the main thread
// is still reading files, then answers chunks of jobs.
import { parentPort } from 'node:worker_threads';
import { transformSource } from '../codemod/index.js';
import type { TransformOptions } from '../codemod/index.js';
import { loadParser } from '../codemod/parse.js';
import { codeCacheDirectory, preloadParser } from './code-cache.js';

interface Job {
  readonly id: number;
  readonly source: string;
  readonly options: TransformOptions;
}

const port = parentPort;
if (port === null) throw new Error('transform-worker.js runs as a worker thread only');
let saveCodeCache: () => void;
try {
  saveCodeCache = preloadParser(codeCacheDirectory());
} catch {
  saveCodeCache = () => undefined; // loadParser() loads it the ordinary way
}
loadParser();
port.on('message', (jobs: readonly Job[]) => {
  const replies = jobs.map(({ id, source, options }) => {
    try {
      return { id, result: transformSource(source, options) };
    } catch (error) {
      return { id, error: error instanceof Error ? error.message : String(error) };
    }
  });
  // Once, after a parse compiled the parser; before the reply, so that close() cannot cut it short.
  saveCodeCache();
  port.postMessage(replies);
});
