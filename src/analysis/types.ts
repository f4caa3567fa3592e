// The contract between the analysis (src/analysis/), the rewrite plan (src/rewrite/) and the two
// hosts: the lint rules and the codemod.

/** A replacement of `source.slice(start, end)` by `text`; offsets index the text given to the engine. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** What the code did, before the rewrite, when the probe failed with EPERM. */
export type EpermBehaviour = 'alive' | 'dead' | 'throws' | 'unknown';

/**
 * The shape of a probe site. Rewritten shapes:
 * - `bare-catch-boolean`: `try { kill(pid, 0); return true } catch { return false }` (any catch that answers false);
 * - `return-probe`: `try { return kill(pid, 0) } catch { return false }`, or minified `try{return kill(p,0),!0}catch{return!1}`;
 * - `eperm-alive`: the catch answers `e.code === 'EPERM'`;
 * - `not-esrch`: the catch answers `e.code !== 'ESRCH'` (other codes used to read as alive);
 * - `esrch-rethrow`: the catch handles ESRCH and rethrows the rest (boolean or statement position);
 * - `gone-branch`: a statement-position probe whose catch is the "gone" branch, unwrapped to `if (!pidIsAlive(..)) {..}`;
 * - `shared-try`: like `gone-branch`, but the try holds other throwing work, so it stays and only the probe is replaced.
 * Left for review: `process-group-probe` (pid `0`, `-pid`, `-1`: a process group, which `pidIsAlive` cannot answer
 * for), `tri-state`, `eperm-counter`, `unrecognised-catch`, `no-try`, `test-assertion`,
 * `probe-in-expression`, `try-finally`, `dynamic-callee`, `maybe-signal-zero`, `child-process-kill-zero`.
 */
export type ProbeShape =
  | 'bare-catch-boolean'
  | 'return-probe'
  | 'eperm-alive'
  | 'not-esrch'
  | 'esrch-rethrow'
  | 'gone-branch'
  | 'shared-try'
  | 'process-group-probe'
  | 'tri-state'
  | 'eperm-counter'
  | 'unrecognised-catch'
  | 'no-try'
  | 'test-assertion'
  | 'probe-in-expression'
  | 'try-finally'
  | 'dynamic-callee'
  | 'maybe-signal-zero'
  | 'child-process-kill-zero';

/** One `process.kill(pid, 0)` (or equivalent) the engine found. */
export interface ProbeSite {
  /** Range of the probe's call expression, and its 1-based line and column (as ESLint reports). */
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly column: number;
  /** The shape name, as used by the fixture corpus' codemod.json. */
  readonly shape: ProbeShape;
  readonly eperm: EpermBehaviour;
  /** The `treatPermissionDeniedAsAlive` the rewrite states (or would state); undefined when unknown. */
  readonly flag: boolean | undefined;
  readonly action: 'rewrite' | 'skip';
  /** Why the site is skipped, or what behaviour the rewrite changes. */
  readonly reason: string | undefined;
  readonly behaviourChange: boolean;
  /** This site's edits (without the import); empty when skipped. */
  readonly edits: readonly TextEdit[];
}

export interface TransformOptions {
  /** Decides the language (JS/TS/JSX) and module syntax (.cjs/.mjs, else the file's own syntax). */
  readonly fileName: string;
  /**
   * How Node loads a `.js`/`.jsx` file whose own text does not tell (no import/export, no require,
   * module.exports, exports or 'use strict', no free `__dirname`/`__filename`/`module`/`exports`/`require`):
   * the nearest package.json "type" (`moduleTypeOf` in src/internal/package-scope.ts). The CLI and the rule
   * read it per file from disk; without it such a file gets an ESM import.
   */
  readonly moduleType?: 'module' | 'commonjs';
  /** Module to import `pidIsAlive` from. Default `'hermes-pid'`. */
  readonly importSource?: string;
  /** Skip every rewrite that changes behaviour. */
  readonly strict?: boolean;
  /**
   * Add the helper as `import hermesPid = require(source)`, TypeScript's CommonJS import, instead of
   * `import {..} from` / `const {..} = require(..)`. The typed pass asks for it where the compiler
   * wants it: a file that emits CommonJS under `verbatimModuleSyntax`.
   */
  readonly importEquals?: boolean;
  /**
   * Characters: a larger file is parsed only by the large-file path (src/codemod/fast-path.ts), and
   * left out (`leftOut`) where that path cannot prove its answer. Default: no limit.
   */
  readonly fullParseLimit?: number;
}

export interface TransformResult {
  readonly sites: readonly ProbeSite[];
  /** The import to add or merge when any site is rewritten (undefined when the name is already imported). */
  readonly importEdit: TextEdit | undefined;
  /** The source with every rewrite applied; identical to the input when nothing changed. */
  readonly output: string;
  readonly changed: boolean;
  /** Syntax errors of the input (`line:column message`); when any, nothing is rewritten. */
  readonly parseErrors: readonly string[];
  /** Why the file was not analysed (over `fullParseLimit`, and the large-file path could not prove its answer). */
  readonly leftOut?: string;
}
