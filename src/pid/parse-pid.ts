/** Largest pid any supported OS hands out (Linux pid_max tops out far below it; Windows uses 32-bit DWORDs). */
export const MAX_PID = 2 ** 31 - 1;

// ASCII digits only: `\d` without the `u` flag, so "١٢" (Arabic-Indic digits) is rejected.
const DECIMAL_PID = /^\s*(\d{1,10})\s*$/;

/**
 * The pid a value names, or `undefined` when it names no single process.
 * Accepts a positive safe integer or a string of decimal digits with surrounding whitespace
 * (a pid file read as text). Rejects 0 (process group on POSIX, self on Windows), negatives
 * (process groups), fractions, NaN, out-of-range values and every other type.
 */
export function parsePid(input: unknown): number | undefined {
  let pid: number;
  if (typeof input === 'number') {
    pid = input;
  } else if (typeof input === 'string') {
    const match = DECIMAL_PID.exec(input);
    if (match === null) return undefined;
    pid = Number(match[1]);
  } else {
    return undefined;
  }
  return Number.isInteger(pid) && pid > 0 && pid <= MAX_PID ? pid : undefined;
}
