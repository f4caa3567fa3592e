import type { TypeFacts } from '../analysis/type-facts.js';
import type { ProbeSite, TextEdit, TransformOptions, TransformResult } from '../analysis/types.js';
import { DEFAULT_IMPORT_SOURCE, planFile } from '../rewrite/plan-file.js';
import { mayHoldProbe } from './may-hold-probe.js';
import { hasSyntaxErrors, parseSource } from './parse.js';

export { DEFAULT_IMPORT_SOURCE };

const BOM = '\uFEFF';

/** Applies non-overlapping edits to `text`. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let output = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) {
    output = output.slice(0, edit.start) + edit.text + output.slice(edit.end);
  }
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
  const unchanged = (sites: readonly ProbeSite[], parseErrors: readonly string[] = []): TransformResult => ({ sites, importEdit: undefined, output: source, changed: false, parseErrors });
  if (!mayHoldProbe(source)) return unchanged([]);
  // Parsers drop a BOM (ESLint too); analyse without it and shift the edits back.
  const offset = source.startsWith(BOM) ? 1 : 0;
  const parsed = parseSource(options.fileName, source.slice(offset), options.moduleType);
  if (parsed.source === undefined) return unchanged([], [parsed.error]);
  const analysis = planFile(types === undefined ? parsed.source : { ...parsed.source, types }, {
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
  if (edits.length === 0) return unchanged(sites);
  const output = applyEdits(source, importEdit === undefined ? edits : [...edits, importEdit]);
  // Never hand back text that does not parse.
  const error = hasSyntaxErrors(options.fileName, output.slice(offset), options.moduleType, parsed.parser);
  if (error !== undefined) {
    const reason = `the rewrite would not re-parse (${error}); please report this file`;
    return unchanged(sites.map((site) => (site.action === 'rewrite' ? { ...site, action: 'skip', reason, edits: [] } : site)));
  }
  return { sites, importEdit, output, changed: output !== source, parseErrors: [] };
}
