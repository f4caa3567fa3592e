import { createRequire } from 'node:module';

/**
 * `require` for loading heavy or native CommonJS packages (the codemod's parser, koffi) only when needed,
 * from hermes-pid's own dependencies. scripts/build.mjs replaces this file in dist/cjs with
 * `exports.nodeRequire = require`, since `import.meta` does not exist in CommonJS.
 */
// eslint-disable-next-line @typescript-eslint/ban-ts-comment -- an error only in the CJS build, which replaces this file
// @ts-ignore TS1343: import.meta in the CommonJS build
export const nodeRequire: NodeJS.Require = createRequire(import.meta.url);
