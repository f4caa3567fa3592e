import type * as Koffi from 'koffi';
import { loadOnce } from '../internal/load-once.js';
import { nodeRequire } from '../internal/node-require.js';

/** pidfd_open and pidfd_send_signal (Linux 5.3+) through koffi and libc's syscall(). */
export interface Pidfd {
  /** A pidfd for `pid`, or the errno (ESRCH: no such process; ENOSYS: kernel too old). */
  open(pid: number): { fd: number } | { errno: number };
  /** 0, or the errno (ESRCH: it has exited, EPERM: not ours to signal, EINVAL: bad signal). */
  sendSignal(fd: number, signal: number): number;
  /** Whether the process has exited (the pidfd polls readable), without waiting. */
  exited(fd: number): boolean;
  /** Resolves `true` once the process has exited, `false` after `milliseconds`; waits on a koffi worker thread. */
  waitExit(fd: number, milliseconds: number): Promise<boolean>;
  close(fd: number): void;
  readonly errno: { readonly ESRCH: number; readonly EPERM: number; readonly EINVAL: number; readonly ENOSYS: number };
}

// The syscall numbers are the same on every architecture that got them through the unified table
// (5.1+); alpha and MIPS number them differently and use the check-then-signal path.
const SYS_PIDFD_SEND_SIGNAL = 424;
const SYS_PIDFD_OPEN = 434;
const UNIFIED_TABLE = new Set(['x64', 'arm64', 'arm', 'ia32', 'ppc64', 's390x', 'riscv64', 'loong64']);
const POLLIN = 0x0001;

/**
 * The pidfd calls, bound once per process on first use (never by importing hermes-pid). Throws,
 * and remembers it, off Linux, on an architecture with other syscall numbers, or when koffi
 * cannot load; the caller then checks and signals by pid instead.
 */
export const loadPidfd: () => Pidfd = loadOnce(() => {
  if (process.platform !== 'linux' || !UNIFIED_TABLE.has(process.arch)) throw new Error(`no pidfd on ${process.platform}-${process.arch}`);
  return bindPidfd();
});

function bindPidfd(): Pidfd {
  const koffi = nodeRequire('koffi') as typeof Koffi;
  // dlopen(NULL): libc as Node itself is linked against it (glibc or musl), whatever its file name.
  const libc = koffi.load(null);
  const syscall = libc.func('long syscall(long number, ...)');
  const close = libc.func('int close(int fd)');
  const pollfd = koffi.struct({ fd: 'int', events: 'short', revents: 'short' });
  const poll = libc.func('poll', 'int', [koffi.inout(koffi.pointer(pollfd)), 'unsigned long', 'int']);
  const { ESRCH = 3, EPERM = 1, EINVAL = 22, ENOSYS = 38 } = koffi.os.errno;
  return {
    errno: { ESRCH, EPERM, EINVAL, ENOSYS },
    open(pid) {
      const fd = syscall(SYS_PIDFD_OPEN, 'int', pid, 'unsigned int', 0) as number;
      // Read at once: nothing may call into libc between the failing call and errno.
      return fd >= 0 ? { fd } : { errno: koffi.errno() };
    },
    sendSignal(fd, signal) {
      const result = syscall(SYS_PIDFD_SEND_SIGNAL, 'int', fd, 'int', signal, 'void *', null, 'unsigned int', 0) as number;
      return result === 0 ? 0 : koffi.errno();
    },
    exited(fd) {
      const entry = { fd, events: POLLIN, revents: 0 };
      return (poll(entry, 1, 0) as number) > 0 && (entry.revents & POLLIN) !== 0;
    },
    waitExit(fd, milliseconds) {
      return new Promise((resolve) => {
        const entry = { fd, events: POLLIN, revents: 0 };
        poll.async(entry, 1, Math.max(0, Math.round(milliseconds)), (error: unknown, ready: number) => resolve(error === null && ready > 0));
      });
    },
    close(fd) {
      close(fd);
    },
  };
}
