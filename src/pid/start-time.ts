import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parsePid } from './parse-pid.js';
import { isExitedState, readLinuxProcStat, type LinuxProcStat } from './proc-stat.js';
import { windowsProcessStartTime } from './windows.js';

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

// auxv entry AT_CLKTCK: the clock ticks per second /proc/<pid>/stat counts in (USER_HZ).
const AT_CLKTCK = 17;
let clockTicks: number | null = null;

function linuxClockTicks(): number {
  if (clockTicks === null) {
    clockTicks = 100;
    try {
      const auxv = readFileSync('/proc/self/auxv');
      for (let offset = 0; offset + 16 <= auxv.length; offset += 16) {
        if (auxv.readBigUInt64LE(offset) === BigInt(AT_CLKTCK)) {
          const value = Number(auxv.readBigUInt64LE(offset + 8));
          if (value > 0 && value <= 10_000) clockTicks = value;
          break;
        }
      }
    } catch {
      // 100, USER_HZ on every mainstream Linux architecture.
    }
  }
  return clockTicks;
}

function linuxStartedAtMs(pid: number): number | undefined {
  const stat = readLinuxProcStat(pid);
  if (stat === undefined || isExitedState(stat.state)) return undefined;
  // Boot time from /proc/uptime (to 10 ms), not /proc/stat's btime (to the second).
  const uptime = Number.parseFloat(readFileSync('/proc/uptime', 'latin1').split(' ')[0] ?? '');
  if (!Number.isFinite(uptime)) return undefined;
  return Date.now() - uptime * 1000 + (stat.startTicks * 1000) / linuxClockTicks();
}

/**
 * When live process `pid` started, in milliseconds since 1970 (wall clock), and how far off that
 * may be (it started between `ms - errorMs` and `ms + errorMs`): Linux to a clock tick (start ticks
 * and /proc/uptime), Windows to the microsecond (creation time), macOS/BSD to the second (`ps`). `undefined` when it cannot be read. Never throws. For
 * tying a pid from a file to that file (did it start before the file was written?), not identity.
 */
export function processStartedAt(pid: number): { readonly ms: number; readonly errorMs: number } | undefined {
  try {
    switch (process.platform) {
      case 'linux':
      case 'android': {
        const ms = linuxStartedAtMs(pid);
        return ms === undefined ? undefined : { ms, errorMs: 1000 / linuxClockTicks() };
      }
      case 'win32': {
        const micros = windowsProcessStartTime(pid);
        return micros === undefined ? undefined : { ms: micros / 1000, errorMs: 1 };
      }
      case 'darwin':
      case 'freebsd':
      case 'openbsd':
      case 'netbsd': {
        const ms = psStartTime(pid);
        return ms === undefined ? undefined : { ms, errorMs: 1000 };
      }
      default:
        return undefined;
    }
  } catch {
    return undefined;
  }
}
