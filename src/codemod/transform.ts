import { classifyProbeSite, type SiteAnalysis } from './classify-probe-site.js';
import { findProbes } from './find-probes.js';
import { mayHoldProbe } from './may-hold-probe.js';
import { syntaxErrors, withParsedFile, type Ts, type TsSourceFile } from './parse.js';
import { usesSemicolons } from './house-style.js';
import { planImport } from './plan-import.js';
import { isCommonJsScript, isSloppyModeOnly } from './sloppy-script.js';
import type { ProbeSite, TextEdit, TransformOptions, TransformResult } from './types.js';

const BOM = '\uFEFF';
export const DEFAULT_IMPORT_SOURCE = 'hermes-pid';

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

function overlaps(a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  return a.some((x) => b.some((y) => x.start < y.end && y.start < x.end));
}

/** Syntax errors as Node sees them: a CommonJS script may use strict-mode-only syntax outside strict code. */
function nodeSyntaxErrors(sourceFile: TsSourceFile, ts: Ts, options: TransformOptions): string[] {
  let script: boolean | undefined;
  return syntaxErrors(sourceFile, ts, (diagnostic) => {
    script ??= isCommonJsScript(ts, sourceFile, options.fileName, options.moduleType);
    return script && isSloppyModeOnly(ts, sourceFile, diagnostic);
  });
}

/**
 * Finds every liveness probe in `source` and rewrites those it can prove safe to rewrite.
 * Pure: text in, sites and text out. Offsets index `source` as given (a BOM included).
 */
export function transformSource(source: string, options: TransformOptions): TransformResult {
  const unchanged = (sites: readonly ProbeSite[], parseErrors: readonly string[] = []): TransformResult => ({ sites, importEdit: undefined, output: source, changed: false, parseErrors });
  if (!mayHoldProbe(source)) return unchanged([]);
  // The parser drops a BOM; analyse without it and shift the edits back.
  const offset = source.startsWith(BOM) ? 1 : 0;
  const text = source.slice(offset);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const importSource = options.importSource ?? DEFAULT_IMPORT_SOURCE;

  const analysed = withParsedFile(options.fileName, text, (sourceFile, ts) => {
    const errors = nodeSyntaxErrors(sourceFile, ts, options);
    const probes = findProbes(ts, sourceFile);
    if (probes.length === 0) return { errors, sites: [], importEdit: undefined };
    const semicolons = usesSemicolons(ts, sourceFile);
    const plan = planImport(ts, sourceFile, options.fileName, importSource, eol, options.moduleType, semicolons);
    const context = { ts, sourceFile, text, eol, strict: options.strict === true, callee: plan.callee, semicolons };
    const taken: TextEdit[] = [];
    const sites: ProbeSite[] = probes.map((probe) => {
      let analysis: SiteAnalysis = classifyProbeSite(context, probe);
      if (errors.length > 0 && analysis.action === 'rewrite') {
        analysis = { ...analysis, action: 'skip', reason: 'the file has syntax errors', edits: [] };
      } else if (analysis.action === 'rewrite' && overlaps(analysis.edits, taken)) {
        analysis = { ...analysis, action: 'skip', reason: 'overlaps the rewrite of another probe; run the codemod again', edits: [] };
      }
      taken.push(...analysis.edits);
      const start = probe.call.getStart();
      const { line, character } = sourceFile.getLineAndCharacterOfPosition(start);
      return {
        start: start + offset,
        end: probe.call.getEnd() + offset,
        line: line + 1,
        column: character + 1,
        ...analysis,
        edits: analysis.edits.map((edit) => shift(edit, offset)),
      };
    });
    const rewriting = sites.some((site) => site.action === 'rewrite');
    return { errors, sites, importEdit: rewriting && plan.edit !== undefined ? shift(plan.edit, offset) : undefined };
  });

  const edits = analysed.sites.flatMap((site) => site.edits);
  if (edits.length === 0) return unchanged(analysed.sites, analysed.errors);
  const output = applyEdits(source, analysed.importEdit === undefined ? edits : [...edits, analysed.importEdit]);
  // Never hand back text that parses worse than what came in.
  const newErrors = withParsedFile(options.fileName, output.slice(offset), (sourceFile, ts) => nodeSyntaxErrors(sourceFile, ts, options));
  if (newErrors.length > analysed.errors.length) {
    const reason = `the rewrite would not re-parse (${newErrors[0] ?? ''}); please report this file`;
    return unchanged(analysed.sites.map((site) => (site.action === 'rewrite' ? { ...site, action: 'skip', reason, edits: [] } : site)), analysed.errors);
  }
  return { sites: analysed.sites, importEdit: analysed.importEdit, output, changed: output !== source, parseErrors: analysed.errors };
}
