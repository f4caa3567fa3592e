// One file of a published package, pinned by version and by the registry's integrity: `npm pack`
// once into .cache/NAME, checked on every read (a bad tarball is removed, to be fetched again).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export interface PinnedTarball {
  /** `name@version`, as `npm pack` takes it (unscoped). */
  readonly spec: string;
  /** The registry's `dist.integrity` (`npm view SPEC dist.integrity`). */
  readonly integrity: string;
}

/** The text of `file` (a path inside the package) from `root`/.cache, fetched the first time, or why it cannot be had. */
export function pinnedFile(root: string, { spec, integrity }: PinnedTarball, file: string): { text: string } | { reason: string } {
  const at = spec.lastIndexOf('@');
  const name = spec.slice(0, at);
  const cache = join(root, '.cache', name);
  const tarball = join(cache, `${name}-${spec.slice(at + 1)}.tgz`);
  try {
    if (!existsSync(tarball)) {
      const fetching = join(cache, 'fetching');
      rmSync(fetching, { recursive: true, force: true });
      mkdirSync(fetching, { recursive: true });
      execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', fetching], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000 });
      renameSync(join(fetching, `${name}-${spec.slice(at + 1)}.tgz`), tarball);
      rmSync(fetching, { recursive: true, force: true });
    }
    const found = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
    if (found !== integrity) {
      rmSync(tarball, { force: true }); // fetched again next time
      return { reason: `${tarball} has integrity ${found}, not the registry's ${integrity}` };
    }
    return { text: execFileSync('tar', ['xzOf', tarball, `package/${file}`], { maxBuffer: 64 * 1024 * 1024 }).toString('utf8') };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { reason: `npm pack ${spec} failed (${message})` };
  }
}
