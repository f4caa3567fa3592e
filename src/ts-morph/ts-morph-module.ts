// ts-morph through require(): an ESM `import { ts } from 'ts-morph'` has Node lex ts-morph's 1 MB of
// CommonJS for its export names on every run (0.2-0.25 s of CPU, measured), require() does not. The
// types still come from `import type { ts } from 'ts-morph'` (erased).
import type * as TsMorph from 'ts-morph';
import { nodeRequire } from '../internal/node-require.js';

export const tsMorph: typeof TsMorph = nodeRequire('ts-morph') as typeof TsMorph;
/** TypeScript as ts-morph runs it (the value; the types are ts-morph's `ts` namespace). */
export const typescript: typeof TsMorph.ts = tsMorph.ts;
