// transformSource runs in one worker thread, so that loading the parser and TypeScript (the slowest step of a run) and
// parsing overlap with listing and reading files on the main thread (see docs/benchmarks.md).
import { Worker } from 'node:worker_threads';
import type { TransformOptions, TransformResult } from '../codemod/index.js';

export interface Transformer {
  transform(source: string, options: TransformOptions): Promise<TransformResult>;
  close(): Promise<void>;
}

export function workerTransformer(): Transformer {
  const worker = new Worker(new URL('./transform-worker.js', import.meta.url));
  const waiting = new Map<number, { done: (result: TransformResult) => void; fail: (error: Error) => void }>();
  let nextId = 0;
  worker.on('message', ({ id, result, error }: { id: number; result?: TransformResult; error?: string }) => {
    const job = waiting.get(id);
    waiting.delete(id);
    if (result !== undefined) job?.done(result);
    else job?.fail(new Error(error));
  });
  worker.on('error', (error) => {
    for (const job of waiting.values()) job.fail(error);
    waiting.clear();
  });
  return {
    transform: (source, options) =>
      new Promise((done, fail) => {
        const id = nextId++;
        waiting.set(id, { done, fail });
        worker.postMessage({ id, source, options });
      }),
    close: async () => {
      await worker.terminate();
    },
  };
}
