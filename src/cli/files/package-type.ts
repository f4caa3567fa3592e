// The nearest package.json "type" decides how Node loads a .js file that does not tell by its own text.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const byFolder = new Map<string, 'module' | 'commonjs'>();

/** `module` or `commonjs` (Node's default) for files in `folder`, as Node reads package.json scope. */
export function packageType(folder: string): 'module' | 'commonjs' {
  const known = byFolder.get(folder);
  if (known !== undefined) return known;
  let type: 'module' | 'commonjs';
  let text: string | undefined;
  try {
    text = readFileSync(join(folder, 'package.json'), 'utf8');
  } catch {
    text = undefined;
  }
  if (text !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    type = typeof parsed === 'object' && parsed !== null && (parsed as { type?: unknown }).type === 'module' ? 'module' : 'commonjs';
  } else {
    const parent = dirname(folder);
    type = parent === folder ? 'commonjs' : packageType(parent);
  }
  byFolder.set(folder, type);
  return type;
}
