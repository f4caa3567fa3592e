// The team's wrapper, with hermes-pid's signature.
export function pidIsAlive(pid: number, options?: { readonly treatPermissionDeniedAsAlive?: boolean }): boolean {
  return pid > 0 && options !== undefined;
}
