// Where this process runs, as a pid lock record says it: the pid namespace (a pid means something only
// inside the namespace that handed it out) and the boot (no process outlives a reboot).
import { readFileSync, statSync } from 'node:fs';

let namespace: number | undefined | null = null;
let boot: string | undefined | null = null;

/**
 * The inode of this process's pid namespace (`/proc/self/ns/pid`, Linux 3.8+), the same number for
 * every process in the namespace and a different one in a container or `unshare -p`; `undefined`
 * elsewhere or when /proc cannot tell. Read once: a process never changes pid namespace.
 */
export function ownPidNamespace(): number | undefined {
  if (namespace === null) {
    try {
      namespace = process.platform === 'linux' || process.platform === 'android' ? statSync('/proc/self/ns/pid').ino : undefined;
    } catch {
      namespace = undefined;
    }
  }
  return namespace;
}

/** This boot's random id (Linux `/proc/sys/kernel/random/boot_id`), `undefined` where there is none. Never throws. */
export function ownBootId(): string | undefined {
  if (boot === null) {
    try {
      const id = process.platform === 'linux' || process.platform === 'android' ? readFileSync('/proc/sys/kernel/random/boot_id', 'latin1').trim() : '';
      boot = /^[0-9a-f-]{32,36}$/i.test(id) ? id.toLowerCase() : undefined;
    } catch {
      boot = undefined;
    }
  }
  return boot;
}

/**
 * Where a record was written, compared with here: `'other-boot'` when it names another boot,
 * `'other-namespace'` another pid namespace (same boot), `undefined` when it matches or cannot be
 * told (a field absent from an older record, or unknown here).
 */
export function recordedElsewhere(pidNamespace: unknown, bootId: unknown): 'other-boot' | 'other-namespace' | undefined {
  const ownBoot = ownBootId();
  if (typeof bootId === 'string' && ownBoot !== undefined && bootId.toLowerCase() !== ownBoot) return 'other-boot';
  const ownNamespace = ownPidNamespace();
  if (typeof pidNamespace === 'number' && ownNamespace !== undefined && pidNamespace !== ownNamespace) return 'other-namespace';
  return undefined;
}
