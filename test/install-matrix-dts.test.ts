// Issue 28: the public declarations type-check in a consumer that loads no ambient types ("types": [])
// and checks every declaration file (skipLibCheck: false): no Buffer or NodeJS names leak from
// @types/node, which such a consumer does not have. Real tsc, over hermes-pid installed from its
// tarball with the libraries its entries name, importing every public entry from ESM and CommonJS.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { SignalName } from '../src/signal/types.js';
import { registryProblem } from './support/install-cells.js';
import { removeScratchProjects, repoRoot, scratchProject } from './support/scratch-project.js';

const versionOf = (name: string): string => (JSON.parse(readFileSync(join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

// Every entry in package.json's exports that has types, and a use of each that needs its declarations.
const ESM = `import { pidIsAlive, pidState, acquirePidLock, signalProcess, type SignalSpec, type StopResult } from 'hermes-pid';
import hermesPid, { type HermesPidRuleName } from 'hermes-pid/eslint-plugin';
import { transformSource, type TransformResult } from 'hermes-pid/codemod';
import { rewriteSourceFile, type RewriteOptions } from 'hermes-pid/ts-morph';

const signal: SignalSpec = 'SIGTERM';
const alive: boolean = pidIsAlive(1);
const state: string = pidState(1);
const lock = acquirePidLock('app.pid');
const rule: HermesPidRuleName = 'no-raw-liveness-probe';
const result: TransformResult = transformSource('process.kill(1, 0);', { fileName: 'a.js' });
const options: RewriteOptions = { importSource: 'hermes-pid' };
export const used = [signal, alive, state, lock.release(), rule, hermesPid.configs.recommended, result, options, rewriteSourceFile, signalProcess];
export type Stopped = StopResult;
`;
const CJS = `import helper = require('hermes-pid');
import plugin = require('hermes-pid/eslint-plugin');
import codemod = require('hermes-pid/codemod');
import morph = require('hermes-pid/ts-morph');

const signal: helper.SignalSpec = 9;
const rule: plugin.HermesPidRuleName = 'no-narrow-kill-catch';
export const used = [signal, helper.pidIsAlive(1), rule, plugin.configs.recommended, plugin.default.rules, codemod.transformSource, morph.rewriteProject];
`;
const TSCONFIG = {
  compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', lib: ['es2022'], types: [], skipLibCheck: false, noEmit: true },
  files: ['esm.mts', 'cjs.cts'],
};

afterAll(removeScratchProjects);

it("SignalName, spelled out in src/signal/types.ts, is @types/node's NodeJS.Signals", () => {
  // A type-level check (npm run typecheck fails on a difference); at run time it only has to load.
  expectTypeOf<SignalName>().toEqualTypeOf<NodeJS.Signals>();
});

const problem = await registryProblem();
if (problem !== undefined) console.warn(`.d.ts consumer check skipped: ${problem}`);

describe.skipIf(problem !== undefined)('the public .d.ts files in a consumer with "types": [] and skipLibCheck: false', () => {
  let project: string;
  beforeAll(() => {
    project = scratchProject({
      typescript: versionOf('typescript'),
      eslint: versionOf('eslint'),
      '@typescript-eslint/utils': versionOf('@typescript-eslint/utils'),
      // What hermes-pid/codemod and hermes-pid/ts-morph name when they are missing.
      '@typescript-eslint/typescript-estree': versionOf('@typescript-eslint/typescript-estree'),
      '@typescript-eslint/scope-manager': versionOf('@typescript-eslint/scope-manager'),
      espree: versionOf('espree'),
      'eslint-scope': versionOf('eslint-scope'),
      'ts-morph': versionOf('ts-morph'),
    });
    writeFileSync(join(project, 'esm.mts'), ESM);
    writeFileSync(join(project, 'cjs.cts'), CJS);
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
  }, 600_000);

  it('the consumer has no @types/node to lean on', () => {
    expect(existsSync(join(project, 'node_modules/@types/node'))).toBe(false);
  });

  it('tsc reports nothing, ESM and CommonJS, every entry', () => {
    const tsc = spawnSync(process.execPath, [join(project, 'node_modules/typescript/bin/tsc'), '-p', '.'], { cwd: project, encoding: 'utf8' });
    // One diagnostic a line: the file and the message say which declaration leaks what.
    expect(tsc.stdout.split('\n').filter((line) => line.trim() !== '')).toEqual([]);
    expect(tsc.status).toBe(0);
  }, 300_000);
});
