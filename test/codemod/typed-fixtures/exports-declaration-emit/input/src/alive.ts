// The return type is inferred: what importers (and a .d.ts) see changes with the callee's.
export function isRunning(pid: number) {
  try {
    return process.kill(pid, 0);
  } catch {
    return false;
  }
}
