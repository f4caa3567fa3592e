import { spawn, type ChildProcess } from 'node:child_process';

/** The child process is declared here; it is probed and signalled in supervisor.ts. */
export class Worker {
  readonly proc: ChildProcess;

  constructor(script: string) {
    this.proc = spawn(process.execPath, [script]);
  }
}

/** Not a child process: a `kill` method of its own. */
export interface TaskTree {
  kill(signal?: string): void;
}
