// The team's own wrapper, with hermes-pid's signature.
export function pidIsAlive(pid: number, options?: { treatPermissionDeniedAsAlive?: boolean }): boolean {
  return Number.isInteger(pid) && pid > 0 && (options?.treatPermissionDeniedAsAlive ?? true);
}
