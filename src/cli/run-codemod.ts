// The hermes-codemod run, stage by stage: list the files (listing/), read the candidates (files/),
// run the engine on each (transform/), write atomically and add the dependency (files/), report
// (report/). The engine itself (src/codemod/) is pure.
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { TransformOptions, TransformResult } from '../codemod/index.js';
import { mayHoldProbe } from '../codemod/may-hold-probe.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../meta.js';
import { moduleTypeOf } from '../internal/package-scope.js';
import { displayPath } from './listing/collect-files.js';
import { listsThe, startListing, type StartedListing } from './listing/start-listing.js';
import { systemReason } from './listing/source-files.js';
import { isInside } from './listing/containment.js';
import type { DependencyEdit } from './files/add-dependency.js';
import { importSourceFor, packageOfSpecifier } from './files/import-source.js';
import { readIfMentionsKill } from './files/read-candidate.js';
import { realPath } from './files/real-path.js';
import { decodeSource, encodeSource, encodingSkipReason, type DecodedSource } from './files/source-encoding.js';
import type { LeftoverTempFile } from './files/leftover-temp-files.js';
import { createTransformer, type Transformer } from './transform/transformer.js';
import { coloredDiff, formatDependencies, formatLeftOut, formatSummary, summarise } from './report/format-text.js';
import { progressLine } from './report/progress.js';
import { notProcessed, printable, toReplacements } from './report/report.js';
import type { LeftOutFile } from './listing/source-files.js';
import type { FileReport, LeftOutFolder, LeftOutReason, OutputFormat, Replacement } from './types.js';

export interface RunOptions {
  readonly paths: readonly string[];
  readonly cwd: string;
  readonly dry: boolean;
  readonly check: boolean;
  /** Write even though the report is json, github or sarif (those are dry runs otherwise). */
  readonly write?: boolean;
  readonly json: boolean;
  /** The report's form; `json` is the same as `--json`. Default: text (diffs with --dry, then a summary). */
  readonly format?: OutputFormat | undefined;
  readonly strict: boolean;
  readonly force: boolean;
  readonly importSource: string | undefined;
  /** Candidates larger than this many bytes are not parsed but reported as skipped (default DEFAULT_MAX_FILE_SIZE). */
  readonly maxFileSize?: number | undefined;
  /** Rewrite read-only files (no write bit for anyone) too; by default they are left alone and named. */
  readonly includeReadOnly?: boolean;
  /** Add hermes-pid to the nearest package.json of each file that now imports it (default true). */
  readonly addDependency?: boolean;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Progress goes to stderr only when it is a terminal. */
  readonly progress: boolean;
  /**
   * Type-check the rewrites of TypeScript files with ts-morph before writing them, and keep any that
   * adds a diagnostic (transform/typecheck.ts). Default: on, except with --check, which stays on the untyped path.
   */
  readonly typecheck?: boolean | undefined;
  /** Characters of candidate source read ahead of the parser (default READ_AHEAD): the run's memory budget. */
  readonly readAhead?: number | undefined;
  /** Where transformSource runs; createTransformer() when absent. Closed when the run ends. */
  readonly transformer?: Transformer | undefined;
  /** A listing started before the run (the command's entry does): used when it lists `paths` from `cwd`. */
  readonly started?: StartedListing | undefined;
}

/**
 * 64 MiB: larger candidates are skipped with the reason. Up to it, a bundle is processed: JavaScript
 * over FULL_PARSE_LIMIT takes the large-file path (src/codemod/fast-path.ts: about 0.1 s per MB, the
 * text and a skeleton in memory), and is listed, not parsed in full, when that path cannot prove its answer.
 */
export const DEFAULT_MAX_FILE_SIZE = 64 * 1024 * 1024;

/**
 * 4 MiB: the largest candidate parsed in full unless --max-file-size says otherwise. Parsing and scope
 * analysis cost about 1 s and 60 MB per MB of source (docs/benchmarks.md): a 16 MB bundle, 10-25 s and 1 GB.
 */
export const FULL_PARSE_LIMIT = 4 * 1024 * 1024;

/**
 * Characters of candidate source handed to the parser and not yet answered before the scan waits:
 * a few large files, or many small ones (enough for JOBS_PER_WORKER to start workers). Without it a
 * run over build folders read every candidate (text and bytes) before the first was parsed.
 */
export const READ_AHEAD = 16 * 1024 * 1024;

/** The bytes of a planned write in a run that writes nothing (settle() says when). */
const NOT_WRITTEN = Buffer.alloc(0);

const megabytes = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;

/** Left-out files counted per folder and reason, paths as the report shows them. */
function leftOutFolders(left: readonly LeftOutFile[], cwd: string): LeftOutFolder[] {
  const byFolder = new Map<string, { files: number; reason: LeftOutReason }>();
  for (const { folder, reason } of left) {
    const key = `${folder}\0${reason}`;
    const entry = byFolder.get(key);
    if (entry === undefined) byFolder.set(key, { files: 1, reason });
    else entry.files++;
  }
  return [...byFolder.entries()]
    .map(([key, { files, reason }]) => {
      const folder = key.slice(0, key.indexOf('\0'));
      const shown = displayPath(folder.slice(0, -1), cwd);
      return { path: shown === '' ? './' : `${shown.replace(/\\/g, '/')}/`, files, reason };
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

const TYPESCRIPT = /\.[cm]?tsx?$/i;
/** `x.kill(0)`: a child-process probe when `x` is one, which the checker may know and scope analysis not. */
const KILL_ZERO = /\.\s*kill\s*\(\s*0\s*\)/g;

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
  /** Its permission bits: a file nobody may write (mode 444) is someone's decision to keep as it is. */
  readonly mode: number;
  readonly original: Buffer;
  readonly decoded: DecodedSource;
}

/**
 * The engine's default import source (rewrite/plan-file.ts): the package's name. Said here so that the
 * main thread loads no engine module for it (about 40 of them, for nothing when workers parse or no
 * file is a candidate); test/codemod/lazy-start.test.ts keeps the two equal.
 */
export const DEFAULT_IMPORT_SOURCE = PACKAGE_NAME;

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
    // Loaded only here: validate-npm-package-name is for --import-source alone.
    const { importSourceProblem } = await import('../codemod/import-source-problem.js');
    const problem = importSourceProblem(options.importSource);
    if (problem !== undefined) {
      stderr(`hermes-codemod: --import-source ${JSON.stringify(options.importSource)} ${problem}\n`);
      return 2;
    }
  }
  const paths = options.paths.length > 0 ? options.paths : ['.'];
  // The command's entry started the listing before loading the command line; taken when it lists the same paths.
  const started = options.started !== undefined && listsThe(options.started, paths, options.cwd) ? options.started : startListing(paths, options.cwd, () => transformer.prepare?.());
  const { prescanOf } = started;
  const { files, more, problems, notes, leftOut, unreadable } = await started.listing;
  const format: OutputFormat = options.json ? 'json' : (options.format ?? 'text');
  // A report asked for (json, github, sarif) is a dry run unless --write says otherwise.
  let writing = !options.dry && !options.check && (format === 'text' || options.write === true);
  // Started with the listing (its git in the background), long done by now.
  const tree = await started.tree;
  const reports: FileReport[] = [];
  const writes: PlannedWrite[] = [];
  /** Unified diffs by path (uncoloured): printed before a text report, carried inside a JSON one. */
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
    const transformOptions: TransformOptions = { fileName: file, importSource, strict: options.strict, moduleType: moduleTypeOf(dirname(file)), fullParseLimit: options.maxFileSize ?? FULL_PARSE_LIMIT };
    let result;
    try {
      // The scan's mayHoldProbe said true of this text: the engine need not ask again.
      result = await transformer.transform(decoded.text, transformOptions, true);
    } catch (error) {
      return { path, status: 'error', error: `the engine failed (please report): ${(error as Error).message}`, sites: [] };
    }
    progress.parsed(result.sites.length);
    if (result.leftOut !== undefined) {
      // In the file's bytes, as --max-file-size counts them (the engine counts characters: yarn's 5.1 MB read as 4.9).
      const limit = options.maxFileSize ?? FULL_PARSE_LIMIT;
      const reason = `larger than ${megabytes(limit)} (${megabytes(candidate.original.length)}, a bundle?) and the analysis around its probes cannot prove its answer: not parsed in full; --max-file-size ${Math.ceil(candidate.original.length / (1024 * 1024))} parses it in full`;
      return { path, status: 'skipped', reason, sites: [] };
    }
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
  const settle = ({ file, real, mode, original, decoded }: Candidate, path: string, result: TransformResult, typeErrors: readonly string[] = []): FileReport | undefined => {
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
    if ((mode & 0o222) === 0 && options.includeReadOnly !== true) return skip(`read-only (mode ${(mode & 0o7777).toString(8).padStart(3, '0')}): left as it is; --include-read-only rewrites it`);
    if (format === 'sarif') {
      const importEdit = result.importEdit === undefined ? [] : [result.importEdit];
      fixes.set(path, result.sites.map((site) => (site.action === 'rewrite' ? toReplacements(decoded.text, [...site.edits, ...importEdit]) : undefined)));
    }
    // A run that neither writes nor shows a diff needs the bytes only to know they can be kept, and
    // UTF-8 always can: encoding a 16 MB bundle's output cost 0.05-0.1 s of a --check.
    const bytes = !writing && createTwoFilesPatch === undefined && decoded.encoding === 'utf8' ? NOT_WRITTEN : encodeSource(result.output, decoded.encoding);
    if (bytes === undefined) return skip('not UTF-8, and the rewrite cannot keep its bytes');
    if (createTwoFilesPatch !== undefined) diffs.set(path, createTwoFilesPatch(`a/${path}`, `b/${path}`, original.toString('utf8'), bytes.toString('utf8'), undefined, undefined, { context: 3 }));
    writes.push({ path, real, bytes, original, needsDependency: packageOfSpecifier(importSource ?? DEFAULT_IMPORT_SOURCE) === PACKAGE_NAME });
    return { path, status: 'changed', sites };
  };

  // Synchronous reads into one reused buffer measured fastest for many small files; the cheap text
  // tests run here and only candidates go on to the parser (transform/transformer.ts decides where).
  const pending: Promise<FileReport | undefined>[] = [];
  const seen = new Set<string>();
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const throughLinks: Candidate[] = [];
  /** Files and folders the run could not read: a write run then writes nothing (fail closed). */
  let unread = 0;
  /** Where candidates live: where an interrupted write run would have left its temporary files. */
  const candidateFolders = new Set<string>();
  const take = (candidate: Candidate): void => {
    if (seen.has(candidate.identity)) return;
    seen.add(candidate.identity);
    candidateFolders.add(dirname(candidate.real));
    pending.push(finish(candidate, displayPath(candidate.file, options.cwd)));
  };
  const readAhead = options.readAhead ?? READ_AHEAD;
  const scan = async (list: readonly string[], pre = prescanOf?.(list)): Promise<void> => {
    const prescan = await pre;
    for (const file of list) {
      progress.scanned();
      if (prescan !== undefined && !prescan.matched.has(file) && !prescan.unanswered.has(file)) continue;
      let original: Buffer | undefined;
      let real: string;
      let identity: string;
      let mode: number;
      try {
        original = readIfMentionsKill(file);
        if (original === undefined) continue;
        real = realPath(file);
        const stats = statSync(real);
        identity = `${stats.dev}:${stats.ino}`;
        mode = stats.mode;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // Listed by git but deleted in the work tree (or a dangling link): nothing to rewrite.
        if (code === 'ENOENT' && !options.paths.some((p) => resolve(options.cwd, p) === file)) continue;
        if (code === 'ELOOP') reports.push({ path: displayPath(file, options.cwd), status: 'skipped', reason: 'symlink loop', sites: [] });
        else {
          reports.push({ path: displayPath(file, options.cwd), status: 'error', error: `cannot read it (${systemReason(code, (error as Error).message)})`, sites: [] });
          unread++;
        }
        continue;
      }
      const decoded = decodeSource(original);
      if (!mayHoldProbe(decoded.text)) continue;
      if (original.length > maxFileSize) {
        if (seen.has(identity)) continue;
        seen.add(identity);
        const reason = `larger than ${megabytes(maxFileSize)} (${megabytes(original.length)}, a bundle?): not parsed; --max-file-size ${Math.ceil(original.length / (1024 * 1024))} processes it`;
        reports.push({ path: displayPath(file, options.cwd), status: 'skipped', reason, sites: [] });
        continue;
      }
      // The first TypeScript candidate: TypeScript's parser starts loading while the scan goes on.
      if (TYPESCRIPT.test(file)) transformer.warm?.();
      // Reached through a link: after every file reached directly, so that a link to a listed file adds nothing.
      if (real === file) take({ file, real, identity, mode, original, decoded });
      else throughLinks.push({ file, real, identity, mode, original, decoded });
      // The memory budget: read no further ahead of the parser than READ_AHEAD characters of candidates.
      if (transformer.settled !== undefined) await transformer.settled(readAhead);
    }
  };
  // HERMES_CODEMOD_TIMING=1: where a run's time goes, for bench/codemod.ts (stderr, ms from process start).
  const mark = process.env.HERMES_CODEMOD_TIMING === undefined ? () => undefined : (what: string) => stderr(`hermes-codemod: ${what} at ${Math.round(performance.now())} ms\n`);
  // Each later list is read as git gives it, while git goes on with the next and ripgrep looks
  // through it; the lists are read in order, one after the other.
  let scanned = scan(files);
  let listed = files.length;
  for await (const list of more) {
    listed += list.length;
    progress.listed(list.length);
    const pre = prescanOf?.(list);
    scanned = scanned.then(() => scan(list, pre));
    scanned.catch(() => undefined); // thrown below, by the await, not as an unhandled rejection meanwhile
  }
  await scanned;
  // A folder it could not read: its files are unknown, so the run cannot pass it as checked.
  const named = new Set<string>();
  for (const { folder, reason } of unreadable) {
    const shown = displayPath(folder, options.cwd);
    const path = shown === '' ? './' : `${shown.replace(/\\/g, '/')}/`;
    if (named.has(path)) continue;
    named.add(path);
    reports.push({ path, status: 'error', error: `cannot read this folder (${reason}): none of its files were processed`, sites: [] });
    unread++;
  }
  mark(`${listed} files listed and scanned, ${pending.length + throughLinks.length} candidates found`);
  for (const candidate of throughLinks) take(candidate);
  for (const report of await Promise.all(pending)) if (report !== undefined) reports.push(report);
  mark('candidates parsed');
  if (typed.length > 0) {
    const checked = typed.some(({ result }) => result.changed || unexplainedKillZero(result.output, result)) ? await typecheck(typed, typeNotes) : undefined;
    for (const { candidate, path, result } of typed) {
      const answer = checked?.results.get(candidate.file);
      const report = settle(candidate, path, answer?.result ?? result, answer?.addedDiagnostics);
      // A rewrite written without the typed pass's proof says so, with why (--json, text, SARIF).
      const notTypeChecked = answer === undefined ? (checked?.unchecked.get(candidate.file) ?? checked?.failed) : undefined;
      if (report !== undefined) reports.push(report.status === 'changed' && notTypeChecked !== undefined ? { ...report, notTypeChecked } : report);
    }
    mark('typed pass done');
  }
  progress.clear();
  // Workers answer in any order: everything after this point sees the files in path order.
  writes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const problem of problems) stderr(`hermes-codemod: ${printable(problem)}\n`);
  for (const note of notes) stderr(`hermes-codemod: note: ${printable(note)}\n`);
  for (const note of typeNotes) stderr(`hermes-codemod: note: ${note}\n`);

  const cwdReal = realPath(options.cwd);
  // The write paths (manifests, git's state, atomic writes, leftover files) load only when a run needs them.
  const needsDependency = writes.some((write) => write.needsDependency);
  const dependencies: { edits: readonly DependencyEdit[]; notes: readonly string[] } =
    options.addDependency === false || !needsDependency
      ? { edits: [], notes: [] }
      : (await import('./files/add-dependency.js')).planDependencies(
          writes.filter((write) => write.needsDependency).map((write) => write.real),
          PACKAGE_NAME,
          `^${PACKAGE_VERSION}`,
          (manifest) => tree.contains(manifest) || isInside(manifest, cwdReal),
        );
  const manifestPath = (edit: DependencyEdit): string => displayPath(edit.path, options.cwd);
  if (createTwoFilesPatch !== undefined) {
    for (const edit of dependencies.edits) diffs.set(manifestPath(edit), createTwoFilesPatch(`a/${manifestPath(edit)}`, `b/${manifestPath(edit)}`, edit.before, edit.after, undefined, undefined, { context: 3 }));
  }

  // Refuse a dirty work tree only when there is something to write.
  // Half a rewrite of a tree it could not wholly read is worse than none: nothing is written.
  if (writing && unread > 0) {
    stderr(`hermes-codemod: nothing written: ${unread} ${unread === 1 ? 'file or folder' : 'files or folders'} could not be read (listed in the report). Make ${unread === 1 ? 'it' : 'them'} readable, or name only the paths you can read.\n`);
    writing = false;
  }
  if (writing && !options.force && writes.length + dependencies.edits.length > 0) {
    const { dirtyWorkTrees } = await import('./listing/git-state.js');
    const dirty = dirtyWorkTrees(options.paths.map((p) => resolve(options.cwd, p)));
    if (dirty.length > 0) {
      stderr(`hermes-codemod: refusing to write: uncommitted changes in ${dirty.join(', ')}.\nCommit or stash them first (so the rewrite is one reviewable diff), or pass --force. --dry and --check never write.\n`);
      return 2;
    }
  }
  // Temporary files of an interrupted write run: a write run removes those whose writer is gone; every run names them.
  const leftovers = candidateFolders.size === 0 ? undefined : await import('./files/leftover-temp-files.js');
  const temporaryFiles = (leftovers?.findLeftoverTempFiles(candidateFolders) ?? []).map((file: LeftoverTempFile) => {
    const removed = writing && leftovers !== undefined && leftovers.removeLeftover(file);
    const path = displayPath(file.path, options.cwd);
    const what = file.kind === 'orig' ? `the backup of an in-place write of ${displayPath(file.target, options.cwd)}` : 'a temporary file';
    const state = removed
      ? 'removed'
      : file.kind === 'orig'
        ? 'kept: compare it with the file (it may be the only whole copy of the old content), then delete it'
        : file.writerRunning
          ? `kept: pid ${file.writer} still runs`
          : 'a write run removes it';
    stderr(`hermes-codemod: note: ${printable(path)}: ${what} left by an interrupted run (pid ${file.writer}${file.writerRunning ? '' : ', gone'}); ${state}\n`);
    return { path, writer: file.writer, writerRunning: file.writerRunning, removed };
  });
  const manifestsChanged: string[] = [];
  if (writing) {
    const { writeAtomically } = await import('./files/write-atomically.js');
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
  // stdout holds one document in the report formats: a JSON report carries the diffs, in path order.
  const diffPaths = [...diffs.keys()].sort();
  if (format === 'text') for (const path of diffPaths) stdout(coloredDiff(diffs.get(path) ?? ''));

  const summary = summarise(listed, reports, manifestsChanged.length, leftOut.length);
  const dependencyReport = { range: `^${PACKAGE_VERSION}`, changed: manifestsChanged, notes: dependencies.notes };
  const folders = leftOutFolders(leftOut, options.cwd);
  if (format === 'json') {
    const diffList = options.dry ? { diffs: diffPaths.map((path) => ({ path, patch: diffs.get(path) ?? '' })) } : {};
    const left = notProcessed(reports, folders).map(({ path, reason, files }) => ({ path, reason, ...(files === undefined ? {} : { files }) }));
    stdout(`${JSON.stringify({ written: writing, summary, files: reports, leftOut: folders, notProcessed: left, dependencies: dependencyReport, problems, temporaryFiles, ...diffList }, null, 2)}\n`);
  } else if (format === 'github') {
    const { formatGithub } = await import('./report/format-github.js');
    stdout(formatGithub({ summary, files: reports, problems, leftOut: folders }, writing));
  } else if (format === 'sarif') {
    const { formatSarif } = await import('./report/format-sarif.js');
    stdout(formatSarif({ summary, files: reports, problems, leftOut: folders }, fixes, options.cwd, writing));
  } else {
    const mode = { dry: !writing, check: options.check };
    stdout(formatSummary(summary, reports, mode) + formatLeftOut(folders) + formatDependencies(dependencyReport, mode));
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

/** What the typed pass answered: per file, or why a file (or the whole pass) went unchecked. */
interface TypecheckAnswer {
  readonly results: ReadonlyMap<string, { result: TransformResult; addedDiagnostics: readonly string[] }>;
  readonly unchecked: ReadonlyMap<string, string>;
  /** Why no file was checked (ts-morph missing, the pass failed). */
  readonly failed?: string;
}

/** Runs the typed pass (ts-morph, loaded now and only now); `notes` gets what the run should say once. */
async function typecheck(files: readonly { candidate: Candidate; options: TransformOptions }[], notes: string[]): Promise<TypecheckAnswer> {
  let module: typeof import('./transform/typecheck.js');
  try {
    module = await import('./transform/typecheck.js');
  } catch (error) {
    // ERR_MODULE_NOT_FOUND from an import, MODULE_NOT_FOUND from require (ts-morph is required: src/ts-morph/ts-morph-module.ts).
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') throw error;
    notes.push('ts-morph is not installed, so rewrites of TypeScript files are not type-checked (npm install --save-dev ts-morph, or --no-typecheck)');
    return { results: new Map(), unchecked: new Map(), failed: 'ts-morph is not installed' };
  }
  try {
    const output = module.typecheckRewrites(files.map(({ candidate, options }) => ({ file: candidate.file, text: candidate.decoded.text, options })));
    notes.push(...output.notes);
    return output;
  } catch (error) {
    // The untyped plan stands, as for files no tsconfig includes; the run says why.
    notes.push(`the typed pass failed (please report): ${(error as Error).message}; rewrites of TypeScript files are not type-checked`);
    return { results: new Map(), unchecked: new Map(), failed: 'the typed pass failed' };
  }
}
