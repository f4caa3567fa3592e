// What the stages of a run hand each other: the per-file report, the summary and the output formats.
// It imports nothing from the stages, so every stage and the entry can import it without a circle.
import type { ProbeSite } from '../codemod/index.js';

export const OUTPUT_FORMATS = ['text', 'json', 'github', 'sarif'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface FileReport {
  readonly path: string;
  readonly status: 'changed' | 'unchanged' | 'parse-error' | 'error' | 'skipped';
  readonly error?: string;
  /** Why a `skipped` file is not rewritten (a symlink out of the tree, its encoding, a symlink loop). */
  readonly reason?: string;
  readonly parseErrors?: readonly string[];
  /** The TypeScript diagnostics (`TS2559 ..`) the rewrite would have added: the file is left unchanged. */
  readonly typeErrors?: readonly string[];
  /** A TypeScript file rewritten without the typed pass's proof: why (no tsconfig owns it, ts-morph missing). */
  readonly notTypeChecked?: string;
  /** The engine's sites without offsets and edits; `flag` is null where none can be inferred. */
  readonly sites: readonly (Omit<ProbeSite, 'edits' | 'start' | 'end' | 'flag'> & { readonly flag: boolean | null })[];
}

export interface Summary {
  readonly filesScanned: number;
  readonly filesChanged: number;
  readonly sitesRewritten: Record<string, number>;
  readonly sitesLeft: number;
  readonly behaviourChanges: number;
  readonly parseErrors: number;
  readonly errors: number;
  /** Files with probes that are not rewritten because of where they are or how they are encoded. */
  readonly filesSkipped: number;
  /** package.json files that gain (or would gain) the hermes-pid dependency. */
  readonly packageJsonsChanged: number;
  /** Source files not processed because of their folder (build output, hidden) or .gitignore; `leftOut` says where. */
  readonly filesLeftOut: number;
}

/** Why the listing left a source file out: it is only processed when named. */
export type LeftOutReason = 'build output' | 'hidden' | 'dependencies' | 'gitignored';

/** A folder whose source files a run left out, with how many and why. */
export interface LeftOutFolder {
  /** Relative to the current folder when inside it, with a trailing `/`. */
  readonly path: string;
  readonly files: number;
  readonly reason: LeftOutReason;
}

/** The report every output format is made from (--json prints it as is). */
export interface Report {
  readonly summary: Summary;
  readonly files: readonly FileReport[];
  readonly problems: readonly string[];
  /** Folders whose source files the run left out (build output, hidden, .gitignore). */
  readonly leftOut: readonly LeftOutFolder[];
}

/**
 * A file or folder the run did not process, with why: every format names the same list with the same
 * words (report/report.ts makes it). `files` is set for a left-out folder.
 */
export interface NotProcessed {
  readonly path: string;
  readonly reason: string;
  /** error: the run failed on it (exit 2); warning: left out or skipped on purpose. */
  readonly level: 'error' | 'warning';
  readonly files?: number;
  /** Where a syntax error is, for the formats that point at lines. */
  readonly line?: number;
  readonly column?: number;
}

/** A rewrite as line/column ranges (1-based, columns in UTF-16 code units, end exclusive). */
export interface Replacement {
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly text: string;
}

/**
 * The rewrite of each site of one file (index = site index; undefined for sites not rewritten), its
 * import included: what SARIF's `fix` carries. Kept apart from the report so --json stays as it was.
 */
export type SiteFixes = ReadonlyMap<string, readonly (readonly Replacement[] | undefined)[]>;
