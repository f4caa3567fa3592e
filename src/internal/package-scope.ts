// What the package.json files above a file say, read from disk once per folder: the "type" Node
// loads a .js file with, and the manifest a package manager reads. Both hosts ask (the rule through
// ESLint's file name, the codemod through the CLI's), so lint and codemod decide alike.
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export type ModuleType = 'module' | 'commonjs';

interface Manifest {
  /** Real path of the package.json. */
  readonly path: string;
  readonly type: ModuleType;
  /** Only `type`, `sideEffects`, `imports`, `exports`, `main`...: no `name`, no dependency field, no scripts. */
  readonly marker: boolean;
  /** The "name" field, when it is a string. */
  readonly name: string | undefined;
}

/** What a marker holds: how its folder loads, never who the package is or what it needs. */
const MARKER_FIELDS = new Set(['type', 'sideEffects', 'imports', 'exports', 'main', 'module', 'browser', 'types', 'typings']);

/**
 * Folders a build writes its output to. A package.json in one of them that has the name of the
 * manifest above it is a copy made for publishing (@remix-run/dev ships dist/package.json): no one
 * runs `npm install` there.
 */
const BUILD_FOLDERS = new Set(['dist', 'build', 'out', 'lib']);

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
    manifest = { path, type: fields.type === 'module' ? 'module' : 'commonjs', marker, name: typeof fields.name === 'string' ? fields.name : undefined };
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
 * (it has a `name`, a dependency field, scripts: anything but module-loading fields) and not a build
 * folder's copy of the one above. A marker (`{"type":"module"}` in `lib/esm/`) and a copy
 * (`dist/package.json` with the root's name) are passed over: no package manager installs there.
 */
export function realManifestOf(folder: string): string | undefined {
  let manifest = nearest(folder, true);
  while (manifest !== undefined) {
    const above = copiedFrom(manifest);
    if (above === undefined) return manifest.path;
    manifest = above;
  }
  return undefined;
}

/**
 * The manifest `manifest` is a build copy of: the next real manifest above it, when the folders in
 * between include a build folder (dist/, build/, out/, lib/) and both have the same name. A workspace
 * package under lib/ has a name of its own, so it stays where it is.
 */
function copiedFrom(manifest: Manifest): Manifest | undefined {
  if (manifest.name === undefined) return undefined;
  let inBuildFolder = false;
  for (let at = dirname(manifest.path); ; ) {
    inBuildFolder ||= BUILD_FOLDERS.has(basename(at));
    const parent = dirname(at);
    if (parent === at) return undefined;
    const above = manifestIn(parent);
    if (above !== undefined && !above.marker) return inBuildFolder && above.name === manifest.name ? above : undefined;
    at = parent;
  }
}

/** Forget what was read (a test that rewrites package.json files between runs). */
export function forgetPackageScopes(): void {
  inFolder.clear();
}
