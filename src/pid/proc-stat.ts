// Linux /proc/<pid>/stat: the one reader behind pidState's zombie check, the pid lock's 'zombie'
// verdict and processStartTime. Called only on Linux and Android (see READS_PROC_STAT).
import { closeSync, openSync, readSync } from 'node:fs';

/** Whether this platform has /proc/<pid>/stat in the Linux format. Never true on win32. */
export const READS_PROC_STAT = process.platform === 'linux' || process.platform === 'android';

/**
 * Reads /proc/<pid>/stat into `into` and returns the number of bytes read, or `undefined` when it
 * cannot be read (no /proc, hidepid, the process is gone). Never throws.
 */
// Uint8Array, not Buffer: the declarations name no @types/node global (a Buffer is one).
export type ProcStatReader = (pid: number, into: Uint8Array) => number | undefined;

/** The real reader: one open, one read, one close. */
export function readProcStatFile(pid: number, into: Uint8Array): number | undefined {
  let fd: number;
  try {
    fd = openSync(`/proc/${pid}/stat`, 'r');
  } catch {
    return undefined;
  }
  try {
    // A seq_file under a page long: one read returns all of it.
    return readSync(fd, into, 0, into.length, null);
  } catch {
    return undefined;
  } finally {
    try {
      closeSync(fd);
    } catch {
      // Nothing to do about a failed close of a read-only descriptor.
    }
  }
}

let reader: ProcStatReader = readProcStatFile;

/**
 * Test-only seam: replaces the /proc/<pid>/stat reader (simulating an unreadable /proc, say);
 * `undefined` restores the real one. Not exported from the package.
 */
export function setProcStatReaderForTests(replacement: ProcStatReader | undefined): void {
  reader = replacement ?? readProcStatFile;
}

// The longest stat line is about 1.2 KB (52 numeric fields, a comm of at most 64 bytes): a full
// buffer means something unexpected, and is treated as unreadable.
const statBuffer = Buffer.allocUnsafe(4096);
const CLOSE_PAREN = 0x29;
const SPACE = 0x20;

/**
 * Bytes of /proc/<pid>/stat in the shared buffer, and where the state letter sits: the comm field
 * (2) is in parentheses and may itself hold spaces and ')', so fields are counted from the LAST ')'.
 */
function readStat(pid: number): { readonly length: number; readonly close: number } | undefined {
  let length: number | undefined;
  try {
    length = reader(pid, statBuffer);
  } catch {
    return undefined;
  }
  if (length === undefined || length <= 0 || length >= statBuffer.length) return undefined;
  const close = statBuffer.lastIndexOf(CLOSE_PAREN, length - 1);
  if (close < 0 || close + 2 >= length || statBuffer[close + 1] !== SPACE) return undefined;
  return { length, close };
}

/** Zombie (Z) and dead (X) entries are processes that have exited: never alive, never live holders. */
export function isExitedState(state: string): boolean {
  return state === 'Z' || state === 'X';
}

/**
 * What /proc says about an existing pid: `'exited'` for a zombie or a dead entry, `'running'` for
 * any other state, `undefined` when /proc cannot be read or says something unexpected.
 */
export function procStatLiveness(pid: number): 'exited' | 'running' | undefined {
  const stat = readStat(pid);
  if (stat === undefined) return undefined;
  // One byte: V8 keeps one-character strings, so this allocates nothing.
  const state = String.fromCharCode(statBuffer[stat.close + 2] ?? 0);
  if (isExitedState(state)) return 'exited';
  return (state >= 'A' && state <= 'Z') || (state >= 'a' && state <= 'z') ? 'running' : undefined;
}

/** What /proc/<pid>/stat says about a process. */
export interface LinuxProcStat {
  /** One-letter state: R, S, D, Z (zombie), X (dead), ... */
  readonly state: string;
  /** Field 4: the parent's pid (0 for the kernel's own roots). */
  readonly ppid: number;
  /** Field 22: start time in clock ticks since boot. */
  readonly startTicks: number;
}

/**
 * Parses the text of /proc/<pid>/stat, counting fields from the last ')'. `undefined` for anything
 * malformed.
 */
export function parseProcStat(text: string): LinuxProcStat | undefined {
  const close = text.lastIndexOf(')');
  if (close < 0) return undefined;
  // After ')': field 3 (state) is index 0, so field 22 (starttime) is index 19.
  const fields = text.slice(close + 1).trim().split(/\s+/);
  const state = fields[0];
  const parent = fields[1];
  const ticks = fields[19];
  if (state === undefined || !/^[A-Za-z]$/.test(state) || ticks === undefined || !/^\d+$/.test(ticks)) return undefined;
  if (parent === undefined || !/^\d+$/.test(parent)) return undefined;
  const startTicks = Number(ticks);
  return Number.isSafeInteger(startTicks) ? { state, ppid: Number(parent), startTicks } : undefined;
}

/** /proc/<pid>/stat of a validated pid, or `undefined` when it cannot be read or parsed. */
export function readLinuxProcStat(pid: number): LinuxProcStat | undefined {
  const stat = readStat(pid);
  return stat === undefined ? undefined : parseProcStat(statBuffer.toString('latin1', 0, stat.length));
}
