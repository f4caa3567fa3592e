// The contract between the analysis engine and its two shells (the CLI and the lint rule's suggestions).

/** A replacement of `source.slice(start, end)` by `text`; offsets index the text given to the engine. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** What the code did, before the rewrite, when the probe failed with EPERM. */
export type EpermBehaviour = 'alive' | 'dead' | 'throws' | 'unknown';

/** One `process.kill(pid, 0)` (or equivalent) the engine found. */
export interface ProbeSite {
  /** Range of the probe's call expression, and its 1-based line and column (as ESLint reports). */
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly column: number;
  /** The shape name, as used by the fixture corpus (`bare-catch-boolean`, `esrch-rethrow`, ...). */
  readonly shape: string;
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
  /** Module to import `pidIsAlive` from. Default `'hermes-pid'`. */
  readonly importSource?: string;
  /** Skip every rewrite that changes behaviour. */
  readonly strict?: boolean;
}

export interface TransformResult {
  readonly sites: readonly ProbeSite[];
  /** The import to add or merge when any site is rewritten. */
  readonly importEdit: TextEdit | undefined;
  /** The source with every rewrite applied; identical to the input when nothing changed. */
  readonly output: string;
  readonly changed: boolean;
}
