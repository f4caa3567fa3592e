// Worker side of the transform pool: loads ts-morph while the main thread is still reading files.
import { parentPort } from 'node:worker_threads';
import { transformSource } from '../codemod/index.js';
import type { TransformOptions } from '../codemod/index.js';
import { loadTs } from '../codemod/parse.js';

interface Job {
  readonly id: number;
  readonly source: string;
  readonly options: TransformOptions;
}

const port = parentPort;
if (port === null) throw new Error('transform-worker.js runs as a worker thread only');
loadTs();
port.on('message', ({ id, source, options }: Job) => {
  try {
    port.postMessage({ id, result: transformSource(source, options) });
  } catch (error) {
    port.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
