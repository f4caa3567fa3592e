import { pidIsAlive } from '@pid/pid';

export function isUp(pid: number): boolean {
  return pidIsAlive(pid, { treatPermissionDeniedAsAlive: false });
}
