import { pidIsAlive } from './pid';

// A composite project: pid.ts is in its file list, imported by nothing until the rewrite adds the import.
export function isRunning(pid: number) {
  return pidIsAlive(pid, { treatPermissionDeniedAsAlive: false });
}
