// The hermes-codemod shell: files in, engine per file, report out. The engine itself is pure.
import { closeSync, openSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import pc from 'picocolors';
import { mayHoldProbe } from '../codemod/may-hold-probe.js';
import { DEFAULT_IMPORT_SOURCE, type ProbeSite, type TransformOptions, type TransformResult } from '../codemod/index.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../meta.js';
import { planDependencies, type DependencyEdit } from './add-dependency.js';
import { collectFiles, displayPath } from './collect-files.js';
import { formatGithub } from './format-github.js';
import { formatSarif } from './format-sarif.js';
import { isInside, treeOf } from './containment.js';
import { dirtyWorkTrees } from './git-state.js';
import { importSourceFor, importSourceProblem, packageOfSpecifier } from './import-source.js';
import { packageType } from './package-type.js';
import { type Replacement, toReplacements } from './report.js';
import { progressLine } from './progress.js';
import { decodeSource, encodeSource, encodingSkipReason, hasUtf16Bom, type DecodedSource } from './source-encoding.js';
import { createTransformer, type Transformer } from './transformer.js';
import { writeAtomically } from './write-atomically.js';

export interface RunOptions {
  readonly paths: readonly string[];
  readonly cwd: string;
  readonly dry: boolean;
  readonly check: boolean;
  readonly json: boolean;
  /** The report's form; `json` is the same as `--json`. Default: text (diffs with --dry, then a summary). */
  readonly format?: OutputFormat | undefined;
  readonly strict: boolean;
  readonly force: boolean;
  readonly importSource: string | undefined;
  /** Add hermes-pid to the nearest package.json of each file that now imports it (default true). */
  readonly addDependency?: boolean;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Progress goes to stderr only when it is a terminal. */
  readonly progress: boolean;
  /**
   * Type-check the rewrites of TypeScript files with ts-morph before writing them, and keep any that
   * adds a diagnostic (src/cli/typecheck.ts). Default: on, except with --check, which stays on the untyped path.
   */
  readonly typecheck?: boolean | undefined;
  /** Where transformSource runs; createTransformer() when absent. Closed when the run ends. */
  readonly transformer?: Transformer | undefined;
}

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
}

const chunk = Buffer.allocUnsafe(1 << 20);
const TYPESCRIPT = /\.[cm]?tsx?$/i;
/** `x.kill(0)`: a child-process probe when `x` is one, which the checker may know and scope analysis not. */
const KILL_ZERO = /\.\s*kill\s*\(\s*0\s*\)/g;
const KILL = 'kill';

/** The file's bytes when it contains `kill` at all (or is UTF-16); undefined otherwise (most files: nothing copied). */
function readIfMentionsKill(file: string): Buffer | undefined {
  const fd = openSync(file, 'r');
  try {
    let size = readSync(fd, chunk, 0, chunk.length, 0);
    if (hasUtf16Bom(chunk.subarray(0, size))) return readFileSync(file); // rare: decoded whole to report its probes
    if (size < chunk.length) return chunk.subarray(0, size).includes(KILL) ? Buffer.from(chunk.subarray(0, size)) : undefined;
    // Larger than the buffer (rare, but bundles of several MB are most of the bytes of a tree, and
    // rarely say `kill`): scan on in the same buffer, keeping the last bytes so that a `kill` across
    // two reads is seen, and read the whole file only once it does.
    let position = size;
    while (!chunk.subarray(0, size).includes(KILL)) {
      chunk.copyWithin(0, size - (KILL.length - 1), size);
      const read = readSync(fd, chunk, KILL.length - 1, chunk.length - (KILL.length - 1), position);
      if (read === 0) return undefined;
      position += read;
      size = read + KILL.length - 1;
    }
  } finally {
    closeSync(fd);
  }
  const whole = readFileSync(file);
  return whole.includes(KILL) ? whole : undefined;
}

/** A rewritten file waiting for the decision to write. */
interface PlannedWrite {
  readonly path: string;
  readonly real: string;
  readonly bytes: Buffer;
  readonly original: Buffer;
  /** Whether the file now imports from the hermes-pid package (so its package.json needs it). */
  readonly needsDependency: boolean;
}

/** A candidate file: read, decoded, and where it really is. */
interface Candidate {
  readonly file: string;
  readonly real: string;
  /** Device and inode: the same file under two names (symlink or hard link) is processed once. */
  readonly identity: string;
  readonly original: Buffer;
  readonly decoded: DecodedSource;
}

/** Runs the codemod and returns the exit code: 0 done, 1 check failed, 2 bad usage or I/O error. */
export async function runCodemod(options: RunOptions): Promise<number> {
  const transformer = options.transformer ?? createTransformer();
  try {
    return await run(options, transformer);
  } finally {
    await transformer.close();
  }
}

async function run(options: RunOptions, transformer: Transformer): Promise<number> {
  const { stdout, stderr } = options;
  if (options.importSource !== undefined) {
    const problem = importSourceProblem(options.importSource);
    if (problem !== undefined) {
      stderr(`hermes-codemod: --import-source ${JSON.stringify(options.importSource)} ${problem}\n`);
      return 2;
    }
  }
  const { files, more, problems, notes } = await collectFiles(options.paths.length > 0 ? options.paths : ['.'], options.cwd);
  const writing = !options.dry && !options.check;
  const tree = treeOf(options.paths, options.cwd);

  const format: OutputFormat = options.json ? 'json' : (options.format ?? 'text');
  const reports: FileReport[] = [];
  const writes: PlannedWrite[] = [];
  const diffs = new Map<string, string>();
  const fixes = new Map<string, (Replacement[] | undefined)[]>();
  // Annotations and SARIF are the whole of stdout: no diff before them.
  const { createTwoFilesPatch } = options.dry && (format === 'text' || format === 'json') ? await import('diff') : { createTwoFilesPatch: undefined };
  const progress = progressLine(options.progress ? stderr : undefined);
  progress.listed(files.length);
  let timeFirstParse = process.env.HERMES_CODEMOD_TIMING !== undefined;
  const typing = options.typecheck ?? !options.check;
  const typeNotes: string[] = [];
  /** TypeScript files the typed pass may rewrite differently: settled after it. */
  const typed: { candidate: Candidate; path: string; options: TransformOptions; result: TransformResult }[] = [];
  const finish = async (candidate: Candidate, path: string): Promise<FileReport | undefined> => {
    const { file, decoded } = candidate;
    const importSource = importSourceFor(options.importSource, options.cwd, file);
    const transformOptions: TransformOptions = { fileName: file, importSource, strict: options.strict, moduleType: packageType(dirname(file)) };
    let result;
    try {
      result = await transformer.transform(decoded.text, transformOptions);
    } catch (error) {
      return { path, status: 'error', error: `the engine failed (please report): ${(error as Error).message}`, sites: [] };
    }
    progress.parsed(result.sites.length);
    if (timeFirstParse) {
      timeFirstParse = false; // for bench/codemod.ts: start-up cost, from process start
      stderr(`hermes-codemod: first candidate parsed at ${Math.round(performance.now())} ms\n`);
    }
    if (typing && TYPESCRIPT.test(file) && result.parseErrors.length === 0 && tree.contains(candidate.real) && (result.changed || unexplainedKillZero(decoded.text, result))) {
      typed.push({ candidate, path, options: transformOptions, result });
      return undefined;
    }
    return settle(candidate, path, result);
  };
  const settle = ({ file, real, original, decoded }: Candidate, path: string, result: TransformResult, typeErrors: readonly string[] = []): FileReport | undefined => {
    const importSource = importSourceFor(options.importSource, options.cwd, file);
    const sites = result.sites.map(({ edits: _edits, start: _start, end: _end, ...site }) => ({ ...site, flag: site.flag ?? null }));
    const outside = !tree.contains(real);
    const skip = (reason: string): FileReport => ({ path, status: 'skipped', reason, sites: sites.map((site) => ({ ...site, action: 'skip' as const, reason })) });
    // Read to report its probes, never written: a link out of the tree, or an encoding we cannot keep.
    const held = outside ? `symlink to a file outside the tree (${real})` : encodingSkipReason(decoded.encoding, importSource ?? DEFAULT_IMPORT_SOURCE);
    if (held !== undefined && (sites.length > 0 || result.parseErrors.length > 0)) return skip(held);
    // A candidate that does not parse is reported even when no site could be found in it.
    if (result.parseErrors.length > 0) return { path, status: 'parse-error', parseErrors: result.parseErrors, sites };
    if (typeErrors.length > 0) return { path, status: 'unchanged', typeErrors, sites };
    if (!result.changed) return sites.length > 0 ? { path, status: 'unchanged', sites } : undefined;
    if (format === 'sarif') {
      const importEdit = result.importEdit === undefined ? [] : [result.importEdit];
      fixes.set(path, result.sites.map((site) => (site.action === 'rewrite' ? toReplacements(decoded.text, [...site.edits, ...importEdit]) : undefined)));
    }
    const bytes = encodeSource(result.output, decoded.encoding);
    if (bytes === undefined) return skip('not UTF-8, and the rewrite cannot keep its bytes');
    if (createTwoFilesPatch !== undefined) diffs.set(path, coloredDiff(createTwoFilesPatch(`a/${path}`, `b/${path}`, original.toString('utf8'), bytes.toString('utf8'), undefined, undefined, { context: 3 })));
    writes.push({ path, real, bytes, original, needsDependency: packageOfSpecifier(importSource ?? DEFAULT_IMPORT_SOURCE) === PACKAGE_NAME });
    return { path, status: 'changed', sites };
  };

  // Synchronous reads into one reused buffer measured fastest for many small files; the cheap text
  // tests run here and only candidates go on to the parser (transformer.ts decides where).
  const pending: Promise<FileReport | undefined>[] = [];
  const seen = new Set<string>();
  const throughLinks: Candidate[] = [];
  const take = (candidate: Candidate): void => {
    if (seen.has(candidate.identity)) return;
    seen.add(candidate.identity);
    pending.push(finish(candidate, displayPath(candidate.file, options.cwd)));
  };
  const scan = (list: readonly string[]): void => {
    for (const file of list) {
      progress.scanned();
      let original: Buffer | undefined;
      let real: string;
      let identity: string;
      try {
        original = readIfMentionsKill(file);
        if (original === undefined) continue;
        real = realpathSync(file);
        const { dev, ino } = statSync(real);
        identity = `${dev}:${ino}`;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // Listed by git but deleted in the work tree (or a dangling link): nothing to rewrite.
        if (code === 'ENOENT' && !options.paths.some((p) => resolve(options.cwd, p) === file)) continue;
        if (code === 'ELOOP') reports.push({ path: displayPath(file, options.cwd), status: 'skipped', reason: 'symlink loop', sites: [] });
        else reports.push({ path: displayPath(file, options.cwd), status: 'error', error: `cannot read: ${(error as Error).message}`, sites: [] });
        continue;
      }
      const decoded = decodeSource(original);
      if (!mayHoldProbe(decoded.text)) continue;
      // Reached through a link: after every file reached directly, so that a link to a listed file adds nothing.
      if (real === file) take({ file, real, identity, original, decoded });
      else throughLinks.push({ file, real, identity, original, decoded });
    }
  };
  // HERMES_CODEMOD_TIMING=1: where a run's time goes, for bench/codemod.ts (stderr, ms from process start).
  const mark = process.env.HERMES_CODEMOD_TIMING === undefined ? () => undefined : (what: string) => stderr(`hermes-codemod: ${what} at ${Math.round(performance.now())} ms\n`);
  scan(files);
  // Each later list is read as git gives it, while git goes on with the next.
  let listed = files.length;
  for await (const list of more) {
    listed += list.length;
    progress.listed(list.length);
    scan(list);
  }
  mark(`${listed} files listed and scanned, ${pending.length + throughLinks.length} candidates found`);
  for (const candidate of throughLinks) take(candidate);
  for (const report of await Promise.all(pending)) if (report !== undefined) reports.push(report);
  mark('candidates parsed');
  if (typed.length > 0) {
    const checked = typed.some(({ result }) => result.changed || unexplainedKillZero(result.output, result)) ? await typecheck(typed, typeNotes) : undefined;
    for (const { candidate, path, result } of typed) {
      const answer = checked?.get(candidate.file);
      const report = settle(candidate, path, answer?.result ?? result, answer?.addedDiagnostics);
      if (report !== undefined) reports.push(report);
    }
    mark('typed pass done');
  }
  progress.clear();
  // Workers answer in any order: everything after this point sees the files in path order.
  writes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const problem of problems) stderr(`hermes-codemod: ${problem}\n`);
  for (const note of [...notes, ...typeNotes]) stderr(`hermes-codemod: note: ${note}\n`);

  const cwdReal = realpathSync(options.cwd);
  const dependencies =
    options.addDependency === false
      ? { edits: [], notes: [] }
      : planDependencies(
          writes.filter((write) => write.needsDependency).map((write) => write.real),
          PACKAGE_NAME,
          `^${PACKAGE_VERSION}`,
          (manifest) => tree.contains(manifest) || isInside(manifest, cwdReal),
        );
  const manifestPath = (edit: DependencyEdit): string => displayPath(edit.path, options.cwd);
  if (createTwoFilesPatch !== undefined) {
    for (const edit of dependencies.edits) diffs.set(manifestPath(edit), coloredDiff(createTwoFilesPatch(`a/${manifestPath(edit)}`, `b/${manifestPath(edit)}`, edit.before, edit.after, undefined, undefined, { context: 3 })));
  }

  // Refuse a dirty work tree only when there is something to write.
  if (writing && !options.force && writes.length + dependencies.edits.length > 0) {
    const dirty = dirtyWorkTrees(options.paths.map((p) => resolve(options.cwd, p)));
    if (dirty.length > 0) {
      stderr(`hermes-codemod: refusing to write: uncommitted changes in ${dirty.join(', ')}.\nCommit or stash them first (so the rewrite is one reviewable diff), or pass --force. --dry and --check never write.\n`);
      return 2;
    }
  }
  const manifestsChanged: string[] = [];
  if (writing) {
    const failed = new Map<string, string>();
    for (const write of writes) {
      try {
        writeAtomically(write.real, write.bytes, write.original);
      } catch (error) {
        failed.set(write.path, `not written: ${(error as Error).message}`);
      }
    }
    for (const [i, report] of reports.entries()) {
      const why = failed.get(report.path);
      if (why !== undefined) reports[i] = { path: report.path, status: 'error', error: why, sites: report.sites };
    }
    for (const edit of dependencies.edits) {
      try {
        writeAtomically(edit.path, Buffer.from(edit.after), Buffer.from(edit.before));
        manifestsChanged.push(manifestPath(edit));
      } catch (error) {
        reports.push({ path: manifestPath(edit), status: 'error', error: `not written: ${(error as Error).message}`, sites: [] });
      }
    }
  } else {
    manifestsChanged.push(...dependencies.edits.map(manifestPath));
  }

  reports.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const path of [...diffs.keys()].sort()) stdout(diffs.get(path) ?? '');

  const summary = summarise(listed, reports, manifestsChanged.length);
  const dependencyReport = { range: `^${PACKAGE_VERSION}`, changed: manifestsChanged, notes: dependencies.notes };
  if (format === 'json') {
    stdout(`${JSON.stringify({ summary, files: reports, dependencies: dependencyReport, problems }, null, 2)}\n`);
  } else if (format === 'github') {
    stdout(formatGithub({ summary, files: reports, problems }, writing));
  } else if (format === 'sarif') {
    stdout(formatSarif({ summary, files: reports, problems }, fixes, options.cwd, writing));
  } else {
    stdout(formatSummary(summary, reports, options) + formatDependencies(dependencyReport, options));
  }
  if (problems.length > 0 || summary.errors > 0) return 2;
  if (options.check && (summary.filesChanged > 0 || summary.sitesLeft > 0 || summary.parseErrors > 0 || summary.filesSkipped > 0 || summary.packageJsonsChanged > 0)) return 1;
  return 0;
}

/** More `x.kill(0)` calls in the text than sites the untyped analysis found for them. */
function unexplainedKillZero(text: string, result: TransformResult): boolean {
  const calls = text.match(KILL_ZERO)?.length ?? 0;
  return calls > result.sites.filter((site) => site.shape === 'child-process-kill-zero').length;
}

/** Runs the typed pass (ts-morph, loaded now and only now); `notes` gets what the run should say once. */
async function typecheck(files: readonly { candidate: Candidate; options: TransformOptions }[], notes: string[]): Promise<ReadonlyMap<string, { result: TransformResult; addedDiagnostics: readonly string[] }> | undefined> {
  let module: typeof import('./typecheck.js');
  try {
    module = await import('./typecheck.js');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    notes.push('ts-morph is not installed, so rewrites of TypeScript files are not type-checked (npm install --save-dev ts-morph, or --no-typecheck)');
    return undefined;
  }
  try {
    const output = module.typecheckRewrites(files.map(({ candidate, options }) => ({ file: candidate.file, text: candidate.decoded.text, options })));
    notes.push(...output.notes);
    return output.results;
  } catch (error) {
    // The untyped plan stands, as for files no tsconfig includes; the run says why.
    notes.push(`the typed pass failed (please report): ${(error as Error).message}; rewrites of TypeScript files are not type-checked`);
    return undefined;
  }
}

function formatDependencies(report: { range: string; changed: readonly string[]; notes: readonly string[] }, options: RunOptions): string {
  let out = '';
  if (report.changed.length > 0) {
    out += `\n${pc.green(`${PACKAGE_NAME} ${report.range} ${options.dry || options.check ? 'would be ' : ''}added to dependencies`)} in:\n`;
    for (const path of report.changed) out += `  ${path}\n`;
    if (!options.dry && !options.check) out += `Run your package manager's install (npm install, pnpm install, yarn) to fetch it.\n`;
  }
  if (report.notes.length > 0) {
    out += `\n${pc.yellow('Dependency not added')}:\n`;
    for (const note of report.notes) out += `  ${note}\n`;
  }
  return out;
}

export function summarise(filesScanned: number, reports: readonly FileReport[], packageJsonsChanged = 0): Summary {
  const sitesRewritten: Record<string, number> = {};
  let sitesLeft = 0;
  let behaviourChanges = 0;
  for (const report of reports) {
    for (const site of report.sites) {
      if (site.action === 'rewrite' && report.status === 'changed') {
        sitesRewritten[site.shape] = (sitesRewritten[site.shape] ?? 0) + 1;
        if (site.behaviourChange) behaviourChanges++;
      } else {
        sitesLeft++;
      }
    }
  }
  return {
    filesScanned,
    filesChanged: reports.filter((r) => r.status === 'changed').length,
    sitesRewritten,
    sitesLeft,
    behaviourChanges,
    parseErrors: reports.filter((r) => r.status === 'parse-error').length,
    errors: reports.filter((r) => r.status === 'error').length,
    filesSkipped: reports.filter((r) => r.status === 'skipped').length,
    packageJsonsChanged,
  };
}

function coloredDiff(patch: string): string {
  return (
    patch
      .split('\n')
      .filter((line) => !line.startsWith('====='))
      .map((line) => {
        if (line.startsWith('+++') || line.startsWith('---')) return pc.bold(line);
        if (line.startsWith('@@')) return pc.cyan(line);
        if (line.startsWith('+')) return pc.green(line);
        if (line.startsWith('-')) return pc.red(line);
        return line;
      })
      .join('\n') + '\n'
  );
}

// Said once per run, not per site: every rewritten probe gets it, and it fixes the old code.
const ZOMBIE_NOTE = 'On Linux pidIsAlive reads a zombie (a process that has exited but was not reaped) as dead, where process.kill(pid, 0) called it alive.';

function formatSummary(summary: Summary, reports: readonly FileReport[], options: RunOptions): string {
  const verb = options.dry || options.check ? 'would be ' : '';
  const rows: [string, string][] = [
    ['files scanned', String(summary.filesScanned)],
    [`files ${verb}changed`, String(summary.filesChanged)],
  ];
  const rewritten = Object.entries(summary.sitesRewritten).sort();
  rows.push([`sites ${verb}rewritten`, String(rewritten.reduce((n, [, c]) => n + c, 0))]);
  for (const [shape, count] of rewritten) rows.push([`  ${shape}`, String(count)]);
  rows.push(['  of which change behaviour', String(summary.behaviourChanges)]);
  rows.push(['sites left for review', String(summary.sitesLeft)]);
  rows.push(['parse errors', String(summary.parseErrors)]);
  if (summary.filesSkipped > 0) rows.push(['files skipped', String(summary.filesSkipped)]);
  if (summary.errors > 0) rows.push(['I/O errors', String(summary.errors)]);
  const width = Math.max(...rows.map(([label]) => label.length));
  let out = `\n${pc.bold('hermes-codemod summary')}\n${rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value.padStart(5)}`).join('\n')}\n`;

  const rewrittenSites = reports.flatMap((r) => (r.status === 'changed' ? r.sites.filter((s) => s.action === 'rewrite').map((s) => ({ r, s })) : []));
  if (rewrittenSites.length > 0) {
    out += `\n${pc.green(`Rewritten${verb === '' ? '' : ' (dry run)'}`)}: file:line:column  shape  treatPermissionDeniedAsAlive\n`;
    const where = rewrittenSites.map(({ r, s }) => `${r.path}:${s.line}:${s.column}`);
    const pad = Math.max(...where.map((w) => w.length));
    rewrittenSites.forEach(({ s }, i) => {
      const change = s.behaviourChange ? `  ${pc.yellow('behaviour change')}: ${s.reason ?? ''}` : '';
      out += `${`  ${(where[i] ?? '').padEnd(pad)}  ${s.shape.padEnd(18)}  ${String(s.flag).padEnd(5)}${change}`.trimEnd()}\n`;
    });
    if (summary.behaviourChanges > 0) out += `  (--strict skips the rewrites that change behaviour)\n`;
    out += `  ${ZOMBIE_NOTE}\n`;
  }
  const left = reports.flatMap((r) => r.sites.filter((s) => s.action === 'skip' || r.status !== 'changed').map((s) => ({ r, s })));
  if (left.length > 0) {
    out += `\n${pc.yellow('Left for review')}:\n`;
    for (const { r, s } of left) out += `  ${r.path}:${s.line}:${s.column}  ${s.shape}: ${s.reason ?? (r.status === 'parse-error' ? 'the file has syntax errors' : 'not rewritten')}\n`;
  }
  const broken = reports.filter((r) => r.status === 'parse-error' || r.status === 'error' || r.status === 'skipped');
  if (broken.length > 0) {
    out += `\n${pc.red('Not processed')} (nothing written for these):\n`;
    for (const r of broken) out += `  ${r.path}: ${r.reason ?? r.error ?? `syntax error at ${r.parseErrors?.[0] ?? '?'}`}\n`;
  }
  return out;
}
