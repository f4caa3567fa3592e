import { pidIsAlive } from './pid';

// Its return type is written down, and the wrapper's answer fits it: no export changes.
export function holderAlive(pid: number): boolean | undefined {
  return pidIsAlive(pid, { treatPermissionDeniedAsAlive: false });
}
