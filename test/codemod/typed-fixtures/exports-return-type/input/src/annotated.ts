// Its return type is written down, and the wrapper's answer fits it: no export changes.
export function holderAlive(pid: number): boolean | undefined {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
