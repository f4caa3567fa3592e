// The dependency comes with the import: a file that now imports hermes-pid needs it in its package's
// manifest, the nearest package.json that is not a `{"type":"module"}` marker nor a build folder's
// copy (`realManifestOf`). Edited as text (jsonc-parser's minimal edits), so indentation, key order
// and the final newline stay the user's.
import { isUtf8 } from 'node:buffer';
import { readFileSync, realpathSync } from 'node:fs';
import { dirname } from 'node:path';
import { applyEdits, modify, type FormattingOptions } from 'jsonc-parser';
import { realManifestOf } from '../../internal/package-scope.js';

export interface DependencyEdit {
  /** Real path of the package.json. */
  readonly path: string;
  readonly before: string;
  readonly after: string;
}

export interface DependencyPlan {
  readonly edits: readonly DependencyEdit[];
  /** Package manifests left alone although a file below them needs the dependency, with why. */
  readonly notes: readonly string[];
}

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies'] as const;

function formattingOf(text: string): FormattingOptions {
  const indent = /^([ \t]+)"/m.exec(text)?.[1] ?? '  ';
  return { insertSpaces: !indent.includes('\t'), tabSize: indent.includes('\t') ? 1 : indent.length, eol: text.includes('\r\n') ? '\r\n' : '\n' };
}

/** `text` with `name: range` added to "dependencies" (sorted in when the keys there are sorted); undefined when not needed. */
export function addDependency(text: string, name: string, range: string): { text: string } | { problem: string } | undefined {
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    return { problem: 'is not valid JSON' };
  }
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) return { problem: 'is not a JSON object' };
  const fields = manifest as Record<string, unknown>;
  if (fields.name === name) return undefined; // the package itself
  for (const field of DEPENDENCY_FIELDS) {
    const value = fields[field];
    if (value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) return { problem: `has a "${field}" that is not an object` };
    if (value !== undefined && Object.hasOwn(value, name)) return undefined;
  }
  const formattingOptions = formattingOf(text);
  const existing = fields.dependencies;
  const edits = modify(text, ['dependencies', name], range, {
    formattingOptions,
    // Only inside an existing "dependencies": a new one goes after the last key.
    getInsertionIndex:
      existing === undefined
        ? undefined
        : (keys) => {
            const sorted = keys.every((key, i) => i === 0 || (keys[i - 1] ?? '').localeCompare(key, 'en') <= 0);
            const at = keys.findIndex((key) => key.localeCompare(name, 'en') > 0);
            return sorted && at !== -1 ? at : keys.length;
          },
  });
  return { text: applyEdits(text, edits) };
}

/**
 * One edit per package manifest: the nearest package.json above each of `files` (real paths) that is
 * not a marker nor a build copy (neither is ever edited), that `mayWrite`
 * allows and that does not list `name` yet in dependencies, devDependencies or peerDependencies.
 */
export function planDependencies(files: readonly string[], name: string, range: string, mayWrite: (realPath: string) => boolean): DependencyPlan {
  const manifests = new Map<string, string>(); // real path -> first file below it
  const notes = new Set<string>();
  for (const file of files) {
    const manifest = realManifestOf(dirname(file));
    if (manifest === undefined) {
      notes.add(`no package manifest above ${file} (a {"type": ...} marker is not one): add ${name}@${range} to its dependencies yourself`);
      continue;
    }
    let real: string;
    try {
      real = realpathSync(manifest);
    } catch {
      continue;
    }
    if (!mayWrite(real)) notes.add(`${manifest} is outside the tree: add ${name}@${range} to its dependencies yourself`);
    else if (!manifests.has(real)) manifests.set(real, file);
  }
  const edits: DependencyEdit[] = [];
  for (const path of manifests.keys()) {
    const bytes = readFileSync(path);
    const before = bytes.toString('utf8');
    const result = isUtf8(bytes) ? addDependency(before, name, range) : { problem: 'is not UTF-8' };
    if (result === undefined) continue;
    if ('problem' in result) notes.add(`${path} ${result.problem}: add ${name}@${range} to its dependencies yourself`);
    else edits.push({ path, before, after: result.text });
  }
  return { edits, notes: [...notes] };
}
