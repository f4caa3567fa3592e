// transformSource runs in worker threads, so that loading the parser and TypeScript (the slowest step of a run) and
// parsing overlap with listing and reading files on the main thread (see docs/benchmarks.md). One
// worker starts at once; more start only when candidates still queue up once the workers have loaded
// the parser and answered, up to the machine's cores (or HERMES_CODEMOD_WORKERS). Results are matched to their jobs, so scheduling never changes the output.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { TransformOptions, TransformResult } from '../codemod/index.js';

export interface Transformer {
  transform(source: string, options: TransformOptions): Promise<TransformResult>;
  close(): Promise<void>;
}

/** Jobs sent to a worker in one message; a worker gets the next chunk when it answers. */
const CHUNK = 4;
/** Queued jobs that justify starting one more worker (loading ts-morph costs 0.1-0.3 s of CPU). */
const QUEUE_PER_WORKER = 16;

interface Job {
  readonly id: number;
  readonly source: string;
  readonly options: TransformOptions;
  readonly done: (result: TransformResult) => void;
  readonly fail: (error: Error) => void;
}

interface Reply {
  readonly id: number;
  readonly result?: TransformResult;
  readonly error?: string;
}

/** HERMES_CODEMOD_WORKERS=N (a positive integer) starts exactly N workers at once: for tests and measurements. */
export function forcedWorkers(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const forced = Number(env.HERMES_CODEMOD_WORKERS);
  return Number.isInteger(forced) && forced > 0 ? forced : undefined;
}

export function workerTransformer(forced = forcedWorkers()): Transformer {
  const limit = forced ?? Math.max(1, availableParallelism());
  const url = new URL('./transform-worker.js', import.meta.url);
  const queue: Job[] = [];
  const workers: { worker: Worker; busy: Map<number, Job>; answered: boolean }[] = [];
  let nextId = 0;

  const dispatch = (): void => {
    // A queue that grew while ts-morph loaded says nothing about the work left: wait for answers.
    if (forced === undefined && workers.length < limit && queue.length >= QUEUE_PER_WORKER * workers.length && workers.every((slot) => slot.answered)) start();
    for (const slot of workers) {
      if (slot.busy.size > 0 || queue.length === 0) continue;
      const chunk = queue.splice(0, CHUNK);
      for (const job of chunk) slot.busy.set(job.id, job);
      slot.worker.postMessage(chunk.map(({ id, source, options }) => ({ id, source, options })));
    }
  };
  const start = (): void => {
    const slot = { worker: new Worker(url), busy: new Map<number, Job>(), answered: false };
    slot.worker.on('message', (replies: readonly Reply[]) => {
      slot.answered = true;
      for (const { id, result, error } of replies) {
        const job = slot.busy.get(id);
        slot.busy.delete(id);
        if (result !== undefined) job?.done(result);
        else job?.fail(new Error(error));
      }
      dispatch();
    });
    slot.worker.on('error', (error) => {
      // A dead worker takes no more jobs; the queue goes to the others (or a fresh one).
      workers.splice(workers.indexOf(slot), 1);
      for (const job of slot.busy.values()) job.fail(error);
      slot.busy.clear();
      if (workers.length === 0) start();
      dispatch();
    });
    workers.push(slot);
  };
  for (let i = 0; i < (forced ?? 1); i++) start();

  return {
    transform: (source, options) =>
      new Promise((done, fail) => {
        queue.push({ id: nextId++, source, options, done, fail });
        dispatch();
      }),
    close: async () => {
      await Promise.all(workers.map(({ worker }) => worker.terminate()));
    },
  };
}
