// A composite project: pid.ts is in its file list, imported by nothing until the rewrite adds the import.
export function isRunning(pid: number) {
  try {
    return process.kill(pid, 0);
  } catch {
    return false;
  }
}
