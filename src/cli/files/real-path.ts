// The real path of a file, the one the run compares with its tree's roots.
import { realpathSync } from 'node:fs';

/**
 * realpath(3) in one call on POSIX, where Node's JavaScript version lstat()s every segment of the path
 * from JavaScript (22 ms over the folder's 131 candidates); the same answer and error codes. Windows
 * keeps the JavaScript version: the native one (GetFinalPathNameByHandle) answers subst and mapped
 * drives with their targets' volume or UNC paths and fails on some file systems (RAM disks, some
 * network shares), where the tree's roots keep drive letters.
 */
export const realPath: (path: string) => string = process.platform === 'win32' ? (path) => realpathSync(path) : (path) => realpathSync.native(path);
