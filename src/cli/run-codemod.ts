// The hermes-codemod shell: files in, engine per file, report out. The engine itself is pure.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import pc from 'picocolors';
import { mayHoldProbe } from '../codemod/may-hold-probe.js';
import type { ProbeSite } from '../codemod/index.js';
import { collectFiles, displayPath } from './collect-files.js';
import { dirtyWorkTrees } from './git-state.js';
import { importSourceFor } from './import-source.js';
import { packageType } from './package-type.js';
import { progressLine } from './progress.js';
import { workerTransformer, type Transformer } from './transformer.js';
import { writeAtomically } from './write-atomically.js';

export interface RunOptions {
  readonly paths: readonly string[];
  readonly cwd: string;
  readonly dry: boolean;
  readonly check: boolean;
  readonly json: boolean;
  readonly strict: boolean;
  readonly force: boolean;
  readonly importSource: string | undefined;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Progress goes to stderr only when it is a terminal. */
  readonly progress: boolean;
  /** Where transformSource runs; a fresh worker when absent. Closed when the run ends. */
  readonly transformer?: Transformer | undefined;
}

export interface FileReport {
  readonly path: string;
  readonly status: 'changed' | 'unchanged' | 'parse-error' | 'error';
  readonly error?: string;
  readonly parseErrors?: readonly string[];
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
}

const chunk = Buffer.allocUnsafe(1 << 20);
const KILL = 'kill';

/** The file's text when it contains `kill` at all; undefined otherwise (most files: no string built). */
function readIfMentionsKill(file: string): string | undefined {
  const fd = openSync(file, 'r');
  try {
    let size = readSync(fd, chunk, 0, chunk.length, 0);
    if (size < chunk.length) return chunk.subarray(0, size).includes(KILL) ? chunk.toString('utf8', 0, size) : undefined;
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
  return whole.includes(KILL) ? whole.toString('utf8') : undefined;
}

/** Runs the codemod and returns the exit code: 0 done, 1 check failed, 2 bad usage or I/O error. */
export async function runCodemod(options: RunOptions): Promise<number> {
  // The worker loads ts-morph while this thread lists and reads the files.
  const transformer = options.transformer ?? workerTransformer();
  try {
    return await run(options, transformer);
  } finally {
    await transformer.close();
  }
}

async function run(options: RunOptions, transformer: Transformer): Promise<number> {
  const { stdout, stderr } = options;
  const { files, more, problems } = await collectFiles(options.paths.length > 0 ? options.paths : ['.'], options.cwd);
  const writing = !options.dry && !options.check;
  if (writing && !options.force) {
    const dirty = dirtyWorkTrees(options.paths.map((p) => resolve(options.cwd, p)));
    if (dirty.length > 0) {
      stderr(`hermes-codemod: refusing to write: uncommitted changes in ${dirty.join(', ')}.\nCommit or stash them first (so the rewrite is one reviewable diff), or pass --force. --dry and --check never write.\n`);
      return 2;
    }
  }

  const reports: FileReport[] = [];
  const diffs = new Map<string, string>();
  const { createTwoFilesPatch } = options.dry ? await import('diff') : { createTwoFilesPatch: undefined };
  const progress = progressLine(options.progress ? stderr : undefined);
  progress.listed(files.length);
  let timeFirstParse = process.env.HERMES_CODEMOD_TIMING !== undefined;
  const finish = async (file: string, path: string, source: string): Promise<FileReport | undefined> => {
    let result;
    try {
      result = await transformer.transform(source, { fileName: file, importSource: importSourceFor(options.importSource, options.cwd, file), strict: options.strict, moduleType: packageType(dirname(file)) });
    } catch (error) {
      return { path, status: 'error', error: `the engine failed (please report): ${(error as Error).message}`, sites: [] };
    }
    progress.parsed(result.sites.length);
    if (timeFirstParse) {
      timeFirstParse = false; // for bench/codemod.ts: start-up cost, from process start
      stderr(`hermes-codemod: first candidate parsed at ${Math.round(performance.now())} ms\n`);
    }
    const sites = result.sites.map(({ edits: _edits, start: _start, end: _end, ...site }) => ({ ...site, flag: site.flag ?? null }));
    // A candidate that does not parse is reported even when no site could be found in it.
    if (result.parseErrors.length > 0) return { path, status: 'parse-error', parseErrors: result.parseErrors, sites };
    if (!result.changed) return sites.length > 0 ? { path, status: 'unchanged', sites } : undefined;
    if (createTwoFilesPatch !== undefined) diffs.set(path, coloredDiff(createTwoFilesPatch(`a/${path}`, `b/${path}`, source, result.output, undefined, undefined, { context: 3 })));
    if (writing) {
      try {
        writeAtomically(file, result.output);
      } catch (error) {
        return { path, status: 'error', error: `cannot write: ${(error as Error).message}`, sites };
      }
    }
    return { path, status: 'changed', sites };
  };

  // Synchronous reads into one reused buffer measured fastest for many small files; the cheap text
  // tests run here and only candidates go on to the parser (in the worker, meanwhile).
  const pending: Promise<FileReport | undefined>[] = [];
  const scan = (list: readonly string[]): void => {
    for (const file of list) {
      progress.scanned();
      let source: string | undefined;
      try {
        source = readIfMentionsKill(file);
      } catch (error) {
        // Listed by git but deleted in the work tree: nothing to rewrite.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !options.paths.some((p) => resolve(options.cwd, p) === file)) continue;
        reports.push({ path: displayPath(file, options.cwd), status: 'error', error: `cannot read: ${(error as Error).message}`, sites: [] });
        continue;
      }
      if (source !== undefined && mayHoldProbe(source)) pending.push(finish(file, displayPath(file, options.cwd), source));
    }
  };
  scan(files);
  const untracked = await more;
  progress.listed(untracked.length);
  scan(untracked);
  for (const report of await Promise.all(pending)) if (report !== undefined) reports.push(report);
  progress.clear();
  for (const problem of problems) stderr(`hermes-codemod: ${problem}\n`);
  reports.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const report of reports) {
    const diff = diffs.get(report.path);
    if (diff !== undefined) stdout(diff);
  }

  const summary = summarise(files.length + untracked.length, reports);
  if (options.json) {
    stdout(`${JSON.stringify({ summary, files: reports, problems }, null, 2)}\n`);
  } else {
    stdout(formatSummary(summary, reports, options));
  }
  if (problems.length > 0 || summary.errors > 0) return 2;
  if (options.check && (summary.filesChanged > 0 || summary.sitesLeft > 0 || summary.parseErrors > 0)) return 1;
  return 0;
}

export function summarise(filesScanned: number, reports: readonly FileReport[]): Summary {
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
  }
  const left = reports.flatMap((r) => r.sites.filter((s) => s.action === 'skip' || r.status !== 'changed').map((s) => ({ r, s })));
  if (left.length > 0) {
    out += `\n${pc.yellow('Left for review')}:\n`;
    for (const { r, s } of left) out += `  ${r.path}:${s.line}:${s.column}  ${s.shape}: ${s.reason ?? (r.status === 'parse-error' ? 'the file has syntax errors' : 'not rewritten')}\n`;
  }
  const broken = reports.filter((r) => r.status === 'parse-error' || r.status === 'error');
  if (broken.length > 0) {
    out += `\n${pc.red('Not processed')} (nothing written for these):\n`;
    for (const r of broken) out += `  ${r.path}: ${r.error ?? `syntax error at ${r.parseErrors?.[0] ?? '?'}`}\n`;
  }
  return out;
}
