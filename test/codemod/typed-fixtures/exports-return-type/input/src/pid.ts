// The team's own wrapper: undefined when it cannot tell (hermes-pid's options, another answer type).
export function pidIsAlive(pid: number, options?: { treatPermissionDeniedAsAlive?: boolean }): boolean | undefined {
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  return options?.treatPermissionDeniedAsAlive ?? true;
}
