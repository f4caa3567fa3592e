export class Daemon {
  constructor(readonly pid: number) {}

  // Inferred: `new Daemon(pid).isRunning()` is what importers call.
  isRunning() {
    try {
      return process.kill(this.pid, 0);
    } catch {
      return false;
    }
  }
}
