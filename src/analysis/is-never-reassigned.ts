import type { TSESLint } from '@typescript-eslint/utils';

/** `const`, imports, parameters and `let`/`var` bindings written only by their declaration. */
export function isNeverReassigned(variable: TSESLint.Scope.Variable): boolean {
  return variable.references.every((reference) => !reference.isWrite() || reference.init === true);
}
