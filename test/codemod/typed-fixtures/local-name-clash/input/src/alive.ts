// A local pidIsAlive of another signature: the import must not clash with it (TS2440).
export function pidIsAlive(name: string): boolean {
  return name.length > 0;
}

export function isUp(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
