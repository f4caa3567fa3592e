// The same rewrite as a jscodeshift transform, for teams that already drive codemods with it:
//   npx jscodeshift -t node_modules/hermes-pid/dist/cjs/codemods/pid-is-alive.js src/
// Options: --importSource=<module>, --strict. Sites left for review are only reported by hermes-codemod.
import { transformSource } from '../src/codemod/index.js';

export interface FileInfo {
  readonly path: string;
  readonly source: string;
}

export interface PidIsAliveTransformOptions {
  readonly importSource?: string;
  /** jscodeshift passes CLI flags as given: `--strict` is `true`, `--strict=false` is `'false'`. */
  readonly strict?: boolean | string;
}

/** jscodeshift's contract: the new source, or undefined for "unmodified". */
export default function pidIsAliveTransform(file: FileInfo, _api?: unknown, options: PidIsAliveTransformOptions = {}): string | undefined {
  const result = transformSource(file.source, {
    fileName: file.path,
    importSource: options.importSource,
    strict: options.strict === true || options.strict === 'true',
  });
  return result.changed ? result.output : undefined;
}
