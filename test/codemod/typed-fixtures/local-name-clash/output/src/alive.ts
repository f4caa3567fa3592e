import { pidIsAlive as hermesPidIsAlive } from 'hermes-pid';

// A local pidIsAlive of another signature: the import must not clash with it (TS2440).
export function pidIsAlive(name: string): boolean {
  return name.length > 0;
}

export function isUp(pid: number): boolean {
  return hermesPidIsAlive(pid, { treatPermissionDeniedAsAlive: false });
}
