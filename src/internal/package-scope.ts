// What the package.json files above a file say, read from disk once per folder: the "type" Node
// loads a .js file with, and the manifest a package manager reads. Both hosts ask (the rule through
// ESLint's file name, the codemod through the CLI's), so lint and codemod decide alike.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type ModuleType = 'module' | 'commonjs';

interface Manifest {
  /** Real path of the package.json. */
  readonly path: string;
  readonly type: ModuleType;
  /** Only `type`, `sideEffects`, `imports`, `exports`, `main`...: no `name`, no dependency field, no scripts. */
  readonly marker: boolean;
}

/** What a marker holds: how its folder loads, never who the package is or what it needs. */
const MARKER_FIELDS = new Set(['type', 'sideEffects', 'imports', 'exports', 'main', 'module', 'browser', 'types', 'typings']);

/** Folder -> the package.json in it (null: none, or unreadable). */
const inFolder = new Map<string, Manifest | null>();

function manifestIn(folder: string): Manifest | undefined {
  const known = inFolder.get(folder);
  if (known !== undefined) return known ?? undefined;
  const path = join(folder, 'package.json');
  let manifest: Manifest | null = null;
  let text: string | undefined;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    text = undefined;
  }
  if (text !== undefined) {
    let fields: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) fields = parsed as Record<string, unknown>;
    } catch {
      // Node refuses to load a file under a broken package.json; as a marker it decides nothing here.
    }
    const marker = Object.keys(fields).every((field) => MARKER_FIELDS.has(field));
    manifest = { path, type: fields.type === 'module' ? 'module' : 'commonjs', marker };
  }
  inFolder.set(folder, manifest);
  return manifest ?? undefined;
}

/** The nearest package.json at or above `folder`, markers included (Node's package scope). */
function nearest(folder: string, real: boolean): Manifest | undefined {
  for (let at = folder; ; ) {
    const manifest = manifestIn(at);
    if (manifest !== undefined && (!real || !manifest.marker)) return manifest;
    const parent = dirname(at);
    if (parent === at) return undefined;
    at = parent;
  }
}

/**
 * How Node loads a `.js` file in `folder` when its own text does not tell: the "type" of the nearest
 * package.json, a `{"type":"module"}` marker included (that is what markers are for); `commonjs` when
 * there is none or it has no "type".
 */
export function moduleTypeOf(folder: string): ModuleType {
  return nearest(folder, false)?.type ?? 'commonjs';
}

/**
 * The package's own manifest for files in `folder`: the nearest package.json that is not a marker
 * (it has a `name`, a dependency field, scripts: anything but module-loading fields). A marker (`{"type":"module"}` in `lib/esm/`) is passed over: no package manager
 * reads dependencies there.
 */
export function realManifestOf(folder: string): string | undefined {
  return nearest(folder, true)?.path;
}

/** Forget what was read (a test that rewrites package.json files between runs). */
export function forgetPackageScopes(): void {
  inFolder.clear();
}
