import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { parsePid } from './parse-pid.js';
import { windowsProcessStartTime } from './windows.js';

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
 * Parses the text of /proc/<pid>/stat. The comm field (2) is in parentheses and may itself contain
 * spaces and ')', so fields are counted from the LAST ')'. `undefined` for anything malformed.
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

// /proc/<pid>/stat is at most about 1 KB (52 numeric fields and a 64-byte comm at most).
const statBuffer = Buffer.alloc(4096);

/** /proc/<pid>/stat of a validated pid, or `undefined` when it cannot be read (no such process). */
export function readLinuxProcStat(pid: number): LinuxProcStat | undefined {
  let fd: number | undefined;
  try {
    // One read(2) into a fixed buffer: readFileSync's fstat and growing reads cost three times as much on /proc.
    fd = openSync(`/proc/${pid}/stat`, 'r');
    const length = readSync(fd, statBuffer, 0, statBuffer.length, 0);
    return parseProcStat(statBuffer.toString('latin1', 0, length));
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeQuietly(fd);
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Nothing to do: the descriptor is gone either way.
  }
}

/** Zombie (Z) and dead (X) entries are processes that have exited: never live holders. */
export function isExitedState(state: string): boolean {
  return state === 'Z' || state === 'X';
}

// startTime = bootTag * 2^37 + startTicks: 16 bits of the boot id above 37 bits of ticks (43 years
// at 100 Hz) stays a safe integer (< 2^53), and the same pid starting at the same tick after a
// reboot differs unless the two random boot ids also share their first 16 bits.
const TICK_BITS = 2 ** 37;
let bootTag: number | undefined | null = null;

function linuxBootTag(): number | undefined {
  if (bootTag === null) {
    try {
      const id = readFileSync('/proc/sys/kernel/random/boot_id', 'latin1').trim();
      bootTag = /^[0-9a-f]{4}/i.test(id) ? Number.parseInt(id.slice(0, 4), 16) : undefined;
    } catch {
      bootTag = undefined;
    }
  }
  return bootTag;
}

/** The `processStartTime` value of a live process whose /proc stat says `stat`; `undefined` for a zombie. */
export function linuxStartTimeOf(stat: LinuxProcStat): number | undefined {
  const tag = linuxBootTag();
  if (tag === undefined || isExitedState(stat.state) || stat.startTicks >= TICK_BITS) return undefined;
  return tag * TICK_BITS + stat.startTicks;
}

function linuxStartTime(pid: number): number | undefined {
  const stat = readLinuxProcStat(pid);
  return stat === undefined ? undefined : linuxStartTimeOf(stat);
}

// macOS and the BSDs: `ps -o lstart=` prints the start time to the second ("Mon Nov 23 18:57:16 2026").
// Not exercised by this repo's CI (Linux only).
export function psStartTime(pid: number): number | undefined {
  try {
    const out = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], {
      encoding: 'utf8',
      env: { ...process.env, LC_ALL: 'C', TZ: 'UTC' },
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5000,
    }).trim();
    const ms = Date.parse(`${out} UTC`);
    return out === '' || Number.isNaN(ms) ? undefined : ms;
  } catch {
    return undefined;
  }
}

/**
 * A number fixed for the life of process `pid` that differs for a later process given the same
 * pid, or `undefined` when it cannot be known (no such process, a zombie, no permission, an OS
 * without support). Opaque: compare two values for equality only. Never throws.
 *
 * - Linux: start time in clock ticks from /proc/<pid>/stat, tagged with the boot id so values
 *   from different boots differ. A zombie gives `undefined`: it has exited.
 * - macOS/BSD: `ps -o lstart=` (milliseconds since the epoch, to the second).
 * - Windows: the process creation time (GetProcessTimes).
 */
export function processStartTime(pid: unknown): number | undefined {
  const validPid = parsePid(pid);
  if (validPid === undefined) return undefined;
  try {
    switch (process.platform) {
      case 'linux':
      case 'android':
        return linuxStartTime(validPid);
      case 'win32':
        return windowsProcessStartTime(validPid);
      case 'darwin':
      case 'freebsd':
      case 'openbsd':
      case 'netbsd':
        return psStartTime(validPid);
      default:
        return undefined;
    }
  } catch {
    return undefined;
  }
}
