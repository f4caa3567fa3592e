import type { TSESTree } from '@typescript-eslint/utils';
import { evaluateCatch, sameOutcome } from './evaluate-catch.js';
import { findGuardingTry } from './find-guarding-try.js';

/** What the code around a probe does today when the probe fails with EPERM (same values as the codemod engine's). */
export type EpermBehaviour = 'alive' | 'dead' | 'throws' | 'unknown';

/**
 * EPERM handled like ESRCH: `dead`; a catch that answers true for EPERM and false for ESRCH: `alive`;
 * EPERM leaves the function (no try, or a catch that rethrows it): `throws`; anything else: `unknown`.
 */
export function inferEpermBehaviour(probe: TSESTree.CallExpression): EpermBehaviour {
  const guard = findGuardingTry(probe);
  if (guard?.handler === null || guard?.handler === undefined) return 'throws';
  const eperm = evaluateCatch(guard.handler, 'EPERM');
  if (eperm.kind === 'throw') return 'throws';
  const esrch = evaluateCatch(guard.handler, 'ESRCH');
  if (sameOutcome(eperm, esrch)) return 'dead';
  if (eperm.kind === 'return' && esrch.kind === 'return' && eperm.value?.value === true && (esrch.value?.value === false || esrch.value === undefined)) {
    return 'alive';
  }
  return 'unknown';
}
