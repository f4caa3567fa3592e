import type { TypeFacts } from '../analysis/type-facts.js';
import type { ProbeSite, TextEdit, TransformOptions, TransformResult } from '../analysis/types.js';
import { DEFAULT_IMPORT_SOURCE, planFile } from '../rewrite/plan-file.js';
import type { AnalysisSource } from '../analysis/source.js';
import { mayHoldProbe } from './may-hold-probe.js';
import { hasSyntaxErrors, parseSource } from './parse.js';

export { DEFAULT_IMPORT_SOURCE };

const BOM = '\uFEFF';

/** Applies non-overlapping edits to `text`. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  // Applied last to first; built in one join when no two overlap: each `slice + text + slice` of a
  // 16 MB bundle flattened the whole text again (a second per file at five edits).
  const ordered = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  if (ordered.every((edit, i) => i === 0 || edit.end <= (ordered[i - 1] as TextEdit).start)) {
    const parts: string[] = [];
    let at = 0;
    for (let i = ordered.length - 1; i >= 0; i--) {
      const edit = ordered[i] as TextEdit;
      parts.push(text.slice(at, edit.start), edit.text);
      at = edit.end;
    }
    parts.push(text.slice(at));
    return parts.join('');
  }
  let output = text;
  for (const edit of ordered) output = output.slice(0, edit.start) + edit.text + output.slice(edit.end);
  return output;
}

function shift(edit: TextEdit, by: number): TextEdit {
  return by === 0 ? edit : { start: edit.start + by, end: edit.end + by, text: edit.text };
}

/**
 * Finds every liveness probe in `source` and rewrites those it can prove safe to rewrite.
 * Pure: text in, sites and text out. Offsets index `source` as given (a BOM included).
 * `types`: what a type checker knows of this text (the typed pass); its nodes' ranges index the text without a BOM.
 */
export function transformSource(source: string, options: TransformOptions, types?: TypeFacts): TransformResult {
  return transformSourceWith(source, options, types, undefined);
}

/** What the large-file path (fast-path.ts) hands back: a parse of what can hold the probes. */
export interface LargeFileParse {
  readonly source: AnalysisSource;
  /** The check on the rewritten text: its syntax error, or undefined; `false` when only the full parse can tell. */
  readonly check: (edits: readonly TextEdit[], output: string) => string | undefined | false;
  /** How many function bodies were left out. */
  readonly blanked: number;
  /**
   * The whole-file check of the input when `check` does not cover it (no edit was made): false sends
   * the file to the full parse. Absent when the input was checked already.
   */
  readonly inputCompiles?: (() => boolean) | undefined;
}

/**
 * The large-file path, as the CLI hands it in (fast-path.ts is the CLI's, not the API's: the API parses
 * in full, and the CommonJS build does not ship it). `from`: text length from which it is tried
 * (0 with `always` for the differential test). `parse` answers undefined to leave the file to the full parse.
 */
export interface LargeFilePath {
  readonly from: number;
  readonly always?: boolean;
  readonly parse: (fileName: string, text: string, moduleType: 'module' | 'commonjs' | undefined, always: boolean) => LargeFileParse | undefined;
}

/**
 * transformSource with the large-file path when one is given; without it, the full parse (under
 * `fullParseLimit` when set: over it, the file is left out). `screened`: the caller's mayHoldProbe(source)
 * said true already (the CLI tests every file before it hands it in), so it is not run again.
 */
export function transformSourceWith(source: string, options: TransformOptions, types: TypeFacts | undefined, largeFile: LargeFilePath | undefined, screened = false): TransformResult {
  const unchanged = (sites: readonly ProbeSite[], parseErrors: readonly string[] = []): TransformResult => ({ sites, importEdit: undefined, output: source, changed: false, parseErrors });
  if (!screened && !mayHoldProbe(source)) return unchanged([]);
  // Parsers drop a BOM (ESLint too); analyse without it and shift the edits back.
  const offset = source.startsWith(BOM) ? 1 : 0;
  const text = source.slice(offset);
  if (types === undefined && largeFile !== undefined && (largeFile.always === true || text.length >= largeFile.from)) {
    const large = largeFile.parse(options.fileName, text, options.moduleType, largeFile.always === true);
    const result = large === undefined ? undefined : transformParsed(source, offset, large.source, options, undefined, large.check, large.inputCompiles);
    if (result !== undefined) return result;
  }
  const limit = options.fullParseLimit;
  if (types === undefined && limit !== undefined && text.length > limit) {
    const megabytes = (size: number): string => `${(size / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
    return { ...unchanged([]), leftOut: `larger than ${megabytes(limit)} (${megabytes(text.length)}, a bundle?) and the analysis around its probes cannot prove its answer: not parsed in full` };
  }
  const parsed = parseSource(options.fileName, text, options.moduleType);
  if (parsed.source === undefined) return unchanged([], [parsed.error]);
  return transformParsed(source, offset, parsed.source, options, types, (_edits, output) => hasSyntaxErrors(options.fileName, output, options.moduleType, parsed.parser)) as TransformResult;
}

/** The plan of a parsed file applied; undefined when `check` cannot tell whether the output parses, or `inputCompiles` says the input does not. */
function transformParsed(
  source: string,
  offset: number,
  parsed: AnalysisSource,
  options: TransformOptions,
  types: TypeFacts | undefined,
  check: (edits: readonly TextEdit[], output: string) => string | undefined | false,
  inputCompiles?: () => boolean,
): TransformResult | undefined {
  const unchanged = (sites: readonly ProbeSite[]): TransformResult => ({ sites, importEdit: undefined, output: source, changed: false, parseErrors: [] });
  const analysis = planFile(types === undefined ? parsed : { ...parsed, types }, {
    fileName: options.fileName,
    moduleType: options.moduleType,
    importSource: options.importSource ?? DEFAULT_IMPORT_SOURCE,
    strict: options.strict,
    importEquals: options.importEquals,
  });
  const sites: ProbeSite[] = analysis.sites.map(({ call: _call, ...site }) => ({
    ...site,
    start: site.start + offset,
    end: site.end + offset,
    edits: site.edits.map((edit) => shift(edit, offset)),
  }));
  const importEdit = analysis.importEdit === undefined ? undefined : shift(analysis.importEdit, offset);
  const edits = sites.flatMap((site) => site.edits);
  if (edits.length === 0) return inputCompiles === undefined || inputCompiles() ? unchanged(sites) : undefined;
  const all = importEdit === undefined ? edits : [...edits, importEdit];
  const output = applyEdits(source, all);
  // Never hand back text that does not parse.
  const error = check(
    all.map((edit) => shift(edit, -offset)),
    output.slice(offset),
  );
  if (error === false) return undefined;
  if (error !== undefined) {
    const reason = `the rewrite would not re-parse (${error}); please report this file`;
    return unchanged(sites.map((site) => (site.action === 'rewrite' ? { ...site, action: 'skip', reason, edits: [] } : site)));
  }
  return { sites, importEdit, output, changed: output !== source, parseErrors: [] };
}
