import type { ErrnoError } from './errors.js';

export function isUp(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as ErrnoError).code === 'EPERM';
  }
}
