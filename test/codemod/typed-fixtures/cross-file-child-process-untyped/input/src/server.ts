import { spawn, type ChildProcess } from 'node:child_process';

export class Server {
  proc: ChildProcess | undefined;

  start(script: string): void {
    this.proc = spawn(process.execPath, [script]);
  }
}
