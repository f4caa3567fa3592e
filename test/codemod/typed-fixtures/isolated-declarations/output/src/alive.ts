import { pidIsAlive } from 'hermes-pid';

export function isRunning(pid: number): boolean {
  return pidIsAlive(pid, { treatPermissionDeniedAsAlive: false });
}

export const holderAlive = (pid: number): boolean => {
  return pidIsAlive(pid, { treatPermissionDeniedAsAlive: false });
};
