// The team's own wrapper: another signature than hermes-pid's.
export function pidIsAlive(pid: number, verbose: boolean): boolean {
  return pid > 0 && verbose;
}
