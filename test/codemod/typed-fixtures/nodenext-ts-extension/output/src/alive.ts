import { pidIsAlive } from './pid.js';

export function isUp(pid: number): boolean {
  return pidIsAlive(pid, { treatPermissionDeniedAsAlive: false });
}
