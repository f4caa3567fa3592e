import type * as Koffi from 'koffi';
import { loadOnce } from '../internal/load-once.js';
import { nodeRequire } from '../internal/node-require.js';

/** Which kernel lock the pid lock takes on this OS. */
export type FileLockCall = 'flock' | 'LockFileEx';

/**
 * `locked`: this descriptor now holds the exclusive lock. `busy`: another open file holds it.
 * `unsupported`: the file system refuses locks (ENOLCK, EOPNOTSUPP...), so the caller judges by pid.
 */
export type TryLockResult = 'locked' | 'busy' | 'unsupported';

/** An exclusive, non-blocking lock on an open Node file descriptor, held until unlock or close. */
export interface FileLocker {
  readonly call: FileLockCall;
  tryLock(fd: number): TryLockResult;
  unlock(fd: number): void;
}

/**
 * The lock call, bound once per process on first use (never by importing hermes-pid). Throws,
 * and remembers it, when koffi cannot load or the OS has neither call; the lock then judges by pid.
 */
export const loadFileLocker: () => FileLocker = loadOnce(() => (process.platform === 'win32' ? bindLockFileEx() : bindFlock()));

// <sys/file.h>: the same values on Linux, macOS and the BSDs.
const LOCK_EX = 2;
const LOCK_NB = 4;
const LOCK_UN = 8;

/**
 * flock(2), not fcntl(F_OFD_SETLK): one call with the same meaning on Linux, macOS and the BSDs (OFD
 * locks are Linux-only), no variadic fcntl and no per-ABI struct flock, and the lock a shell or a
 * systemd unit can test with flock(1). Both belong to the open file, not the process, so both are
 * seen across pid namespaces and freed when the last descriptor closes, which is what the pid lock needs.
 */
function bindFlock(): FileLocker {
  const koffi = nodeRequire('koffi') as typeof Koffi;
  // dlopen(NULL): the libc Node itself is linked against (glibc, musl, libSystem).
  const libc = koffi.load(null);
  const flock = libc.func('int flock(int fd, int operation)');
  const { EWOULDBLOCK = 11, EAGAIN = 11, EINTR = 4 } = koffi.os.errno;
  return {
    call: 'flock',
    tryLock(fd) {
      for (;;) {
        if ((flock(fd, LOCK_EX | LOCK_NB) as number) === 0) return 'locked';
        // Read at once: nothing may call into libc between the failing call and errno.
        const errno = koffi.errno();
        if (errno === EINTR) continue;
        // Anything else (ENOLCK: NFS without a lock manager; EOPNOTSUPP, EINVAL: file systems without locks).
        return errno === EWOULDBLOCK || errno === EAGAIN ? 'busy' : 'unsupported';
      }
    },
    unlock(fd) {
      flock(fd, LOCK_UN);
    },
  };
}

// winbase.h / winerror.h
const LOCKFILE_FAIL_IMMEDIATELY = 0x1;
const LOCKFILE_EXCLUSIVE_LOCK = 0x2;
const ERROR_LOCK_VIOLATION = 33;
const ERROR_IO_PENDING = 997;
// Windows byte-range locks are mandatory: a locked byte cannot be read through another handle. So the
// lock covers one byte at 2^62, far past any record, and readers can read the record while it is held.
const LOCK_OFFSET_HIGH = 0x4000_0000;

/**
 * LockFileEx on the HANDLE behind a Node descriptor. Node for Windows links the C runtime statically,
 * so ucrtbase's _get_osfhandle does not know its descriptors: libuv's uv_get_osfhandle, exported by
 * node.exe (and Electron) for native addons, does.
 */
function bindLockFileEx(): FileLocker {
  const koffi = nodeRequire('koffi') as typeof Koffi;
  const host = koffi.load(process.execPath);
  const osHandle = host.func('void *uv_get_osfhandle(int fd)');
  const kernel32 = koffi.load('kernel32.dll');
  // Anonymous struct: a named koffi type would clash when both the ESM and CJS builds load in one process.
  const overlapped = koffi.struct({ Internal: 'uintptr_t', InternalHigh: 'uintptr_t', Offset: 'uint32_t', OffsetHigh: 'uint32_t', hEvent: 'void *' });
  const ref = koffi.inout(koffi.pointer(overlapped));
  const LockFileEx = kernel32.func('__stdcall', 'LockFileEx', 'int', ['void *', 'uint32_t', 'uint32_t', 'uint32_t', 'uint32_t', ref]);
  const UnlockFileEx = kernel32.func('__stdcall', 'UnlockFileEx', 'int', ['void *', 'uint32_t', 'uint32_t', 'uint32_t', ref]);
  const GetLastError = kernel32.func('__stdcall', 'GetLastError', 'uint32_t', []);
  const range = (): Record<string, unknown> => ({ Internal: 0, InternalHigh: 0, Offset: 0, OffsetHigh: LOCK_OFFSET_HIGH, hEvent: null });
  return {
    call: 'LockFileEx',
    tryLock(fd) {
      if ((LockFileEx(osHandle(fd), LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, range()) as number) !== 0) return 'locked';
      const error = GetLastError() as number;
      return error === ERROR_LOCK_VIOLATION || error === ERROR_IO_PENDING ? 'busy' : 'unsupported';
    },
    unlock(fd) {
      UnlockFileEx(osHandle(fd), 0, 1, 0, range());
    },
  };
}

/** The lock call, or `undefined` where koffi or the call cannot load here. Never throws. */
export function availableFileLocker(): FileLocker | undefined {
  try {
    return loadFileLocker();
  } catch {
    return undefined;
  }
}
