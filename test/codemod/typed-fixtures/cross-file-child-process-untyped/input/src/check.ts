import type { Server } from './server.js';

// `proc` is declared in another file: only the checker knows it is a ChildProcess.
export function isServing(server: Server): boolean {
  return server.proc?.kill(0) ?? false;
}
