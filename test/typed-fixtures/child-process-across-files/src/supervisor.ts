import type { TaskTree, Worker } from './worker.js';

export class Supervisor {
  constructor(
    private readonly worker: Worker,
    private readonly tree: TaskTree,
    private readonly legacy: any,
  ) {}

  isWorkerAlive(): boolean {
    try {
      this.worker.proc.kill(0);
      return true;
    } catch {
      return false;
    }
  }

  reload(): void {
    this.worker.proc.kill('SIGHUP');
    this.tree.kill('SIGHUP');
    this.legacy.proc.kill('SIGHUP');
  }

  stop(pid: number): void {
    process.kill(pid, 'SIGTERM');
  }
}
