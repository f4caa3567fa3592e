// Children that run as another user (nobody, when the suite runs as root) cannot be trusted to
// reach the checkout: cloned into /root or a mode-0700 home, it is closed to them. They get their
// own copy of what they load, in a folder anyone may read.
import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './scratch-project.js';

export interface OtherUserCopy {
  /** The copy of dist/cjs/src/index.js: what the children require(). */
  readonly index: string;
  remove(): void;
}

function openUp(path: string, isDir: boolean): void {
  chmodSync(path, isDir ? 0o755 : 0o644);
  if (!isDir) return;
  for (const entry of readdirSync(path, { withFileTypes: true })) openUp(join(path, entry.name), entry.isDirectory());
}

/** hermes-pid's CommonJS build and its runtime dependencies, laid out as an install would be. */
export function copyForOtherUser(): OtherUserCopy {
  const dir = mkdtempSync(join(tmpdir(), 'hermes-other-user-'));
  const pkg = join(dir, 'node_modules/hermes-pid');
  cpSync(join(repoRoot, 'dist/cjs'), join(pkg, 'dist/cjs'), { recursive: true });
  cpSync(join(repoRoot, 'package.json'), join(pkg, 'package.json'));
  const { dependencies = {} } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  // koffi and its platform binary come too: signalProcess loads it on Linux for pidfd.
  const koffiBinaries = readdirSync(join(repoRoot, 'node_modules/@koromix'), { withFileTypes: true }).filter((entry) => entry.isDirectory());
  for (const name of [...Object.keys(dependencies), ...koffiBinaries.map((entry) => `@koromix/${entry.name}`)]) {
    cpSync(join(repoRoot, 'node_modules', name), join(dir, 'node_modules', name), { recursive: true, dereference: true });
  }
  openUp(dir, true);
  return { index: join(pkg, 'dist/cjs/src/index.js'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
