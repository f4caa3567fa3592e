// Where transformSource runs. Most runs have a handful of candidates: those are parsed on this thread,
// since a worker costs more to start (a thread, the engine's modules) than espree takes to parse them.
// Jobs wait one turn of the event loop, so that the main thread's synchronous scan has queued every
// candidate it found; when that many would keep one thread busy, workers take them instead, as many
// as the work and the machine's cores allow (or HERMES_CODEMOD_WORKERS). Results are matched to their
// jobs, so scheduling never changes the output.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { TransformOptions, TransformResult } from '../../codemod/index.js';
import { rememberedKillScan } from '../../codemod/kill-tokens.js';

export interface Transformer {
  /** `screened`: mayHoldProbe(source) said true already; the main thread's engine does not run it again. */
  transform(source: string, options: TransformOptions, screened?: boolean): Promise<TransformResult>;
  /**
   * Resolves once the sources handed to transform() and not yet answered total at most `chars`
   * characters: the run reads no further ahead than that (a bounded memory budget). Optional, so that
   * a transformer of one's own needs only transform() and close().
   */
  settled?(chars: number): Promise<void>;
  /**
   * A TypeScript candidate was found: start loading TypeScript's parser in a worker now, while the
   * run goes on listing and reading. Only the first call counts.
   */
  warm?(): void;
  /**
   * A run is starting to list: load the engine for this thread now, while it waits for git and
   * ripgrep, rather than after the first candidate. Optional, as warm().
   */
  prepare?(): void;
  close(): Promise<void>;
}

/** Jobs sent to a worker in one message; a worker gets the next chunk when it answers. */
const CHUNK = 4;
/**
 * Queued candidates that pay for one worker: a worker's start (a thread, Node's internals, the
 * engine's modules, all compiled again) costs 0.3-0.4 s of CPU, about what espree and the analysis
 * take for 20-30 candidates on a cold thread; on the 29 candidates of bench/codemod.ts's folder of
 * repositories, the main thread alone was fastest (1.4 s against 1.5 s with one worker, 2.1 s with two).
 */
const JOBS_PER_WORKER = 64;

interface Job {
  readonly id: number;
  readonly source: string;
  readonly options: TransformOptions;
  readonly screened: boolean;
  readonly done: (result: TransformResult) => void;
  readonly fail: (error: Error) => void;
}

interface Reply {
  readonly id: number;
  readonly result?: TransformResult;
  readonly error?: string;
}

/**
 * HERMES_CODEMOD_WORKERS=N: N (a positive integer) workers for every run, 0 for none (everything on
 * the main thread); unset, the run decides. For tests and measurements.
 */
export function forcedWorkers(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const value = env.HERMES_CODEMOD_WORKERS;
  if (value === undefined || value.trim() === '') return undefined;
  const forced = Number(value);
  return Number.isInteger(forced) && forced >= 0 ? forced : undefined;
}

export interface TransformerOptions {
  /** HERMES_CODEMOD_WORKERS unless given. */
  readonly forced?: number | undefined;
  /**
   * Start one worker at once, loading TypeScript's parser while the main thread loads the command
   * line, lists and reads the files: for a TypeScript project, where a candidate will likely need it.
   */
  readonly warm?: boolean;
}

/** The engine on this thread, once loaded. */
interface Inline {
  readonly transform: (source: string, options: TransformOptions, screened: boolean) => TransformResult;
  readonly saveCodeCache: () => void;
}

export function createTransformer({ forced = forcedWorkers(), warm = false }: TransformerOptions = {}): Transformer {
  const limit = forced ?? Math.max(1, availableParallelism());
  const url = new URL('./transform-worker.js', import.meta.url);
  const queue: Job[] = [];
  const workers: { worker: Worker; busy: Map<number, Job> }[] = [];
  let nextId = 0;
  let scheduled = false;
  /** Characters of source handed in and not yet answered, and who waits for them to fall. */
  let outstanding = 0;
  const waiting: { chars: number; wake: () => void }[] = [];
  const answered = (chars: number): void => {
    outstanding -= chars;
    for (let i = waiting.length - 1; i >= 0; i--) {
      const waiter = waiting[i];
      if (waiter !== undefined && outstanding <= waiter.chars) {
        waiting.splice(i, 1);
        waiter.wake();
      }
    }
  };
  let loading: Promise<Inline> | undefined;
  const loadInline = (): Promise<Inline> => {
    if (loading !== undefined) return loading;
    const loaded = Promise.all([import('../../codemod/transform.js'), import('../../codemod/fast-path.js'), import('./code-cache.js')]).then(([{ transformSourceWith }, { LARGE_FILE_PATH }, { useCodeCache }]) => {
      const cache = useCodeCache();
      return {
        transform: (source: string, options: TransformOptions, screened: boolean) => {
          // Each engine from the code cache when first needed: a TypeScript-only run loads no espree.
          cache.beforeParse(options.fileName);
          return transformSourceWith(source, options, undefined, LARGE_FILE_PATH, screened);
        },
        saveCodeCache: cache.save,
      };
    });
    // A failed load is not kept: the next jobs try again.
    loading = loaded;
    loaded.catch(() => (loading = undefined));
    return loaded;
  };

  const runInline = async (): Promise<void> => {
    let inline: Inline;
    try {
      inline = await loadInline();
    } catch (error) {
      // The jobs fail (each file is reported as an engine failure), never an unhandled rejection.
      for (const job of queue.splice(0)) job.fail(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    for (const job of queue.splice(0)) {
      try {
        job.done(inline.transform(job.source, job.options, job.screened));
      } catch (error) {
        job.fail(error instanceof Error ? error : new Error(String(error)));
      }
    }
    inline.saveCodeCache();
  };
  const dispatch = (): void => {
    for (const slot of workers) {
      if (slot.busy.size > 0 || queue.length === 0) continue;
      const chunk = queue.splice(0, CHUNK);
      for (const job of chunk) slot.busy.set(job.id, job);
      // With the main thread's `kill` scan of a large text (its text test ran it): the worker's would be the same.
      slot.worker.postMessage(chunk.map(({ id, source, options }) => ({ id, source, options, kills: rememberedKillScan(source) })));
    }
  };
  const flush = (): void => {
    scheduled = false;
    if (queue.length === 0) return;
    const wanted = forced ?? (workers.length > 0 || queue.length >= JOBS_PER_WORKER ? Math.min(limit, Math.ceil(queue.length / JOBS_PER_WORKER)) : 0);
    if (wanted === 0 && workers.length === 0) {
      void runInline();
      return;
    }
    while (workers.length < Math.max(wanted, 1)) start();
    dispatch();
  };
  const start = (preload = false): void => {
    const slot = { worker: new Worker(url, { workerData: { preload } }), busy: new Map<number, Job>() };
    slot.worker.on('message', (replies: readonly Reply[]) => {
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

  let warmed = false;
  const warmUp = (): void => {
    if (warmed || forced === 0) return;
    warmed = true;
    if (workers.length === 0) start(true);
  };
  if (warm) warmUp();
  for (let i = workers.length; i < (forced ?? 0); i++) start();

  return {
    transform: (source, options, screened = false) =>
      new Promise((resolve, reject) => {
        outstanding += source.length;
        // Answered first, then the budget's waiters woken: the scan goes on after the answer is taken.
        const done = (result: TransformResult): void => {
          resolve(result);
          answered(source.length);
        };
        const fail = (error: Error): void => {
          reject(error);
          answered(source.length);
        };
        queue.push({ id: nextId++, source, options, screened, done, fail });
        if (workers.length > 0) dispatch();
        else if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      }),
    settled: (chars) => (outstanding <= chars ? Promise.resolve() : new Promise((wake) => waiting.push({ chars, wake }))),
    warm: warmUp,
    prepare: () => {
      // Only where candidates would be parsed on this thread; runInline meets a failed load with the jobs.
      if (workers.length === 0 && (forced ?? 0) === 0) loadInline().catch(() => undefined);
    },
    close: async () => {
      await Promise.all(workers.map(({ worker }) => worker.terminate()));
    },
  };
}
