// hermes-pid/codemod: the rewrite engine, for tools (the ESLint plugin's suggestions, the CLI, yours).
export { transformSource, applyEdits, DEFAULT_IMPORT_SOURCE } from './transform.js';
export type { EpermBehaviour, ProbeShape, ProbeSite, TextEdit, TransformOptions, TransformResult } from '../analysis/types.js';
