// The hermes-codemod command line: options, usage errors and exit codes; the work is in run-codemod.ts.
import { Command, InvalidArgumentError, Option } from 'commander';
import { PACKAGE_NAME } from '../meta.js';
import { DEFAULT_MAX_FILE_SIZE, FULL_PARSE_LIMIT, runCodemod } from './run-codemod.js';
import type { Transformer } from './transform/transformer.js';
import type { StartedListing } from './listing/start-listing.js';
import { versionText } from './files/versions.js';
import { OUTPUT_FORMATS, type OutputFormat } from './types.js';

export interface CliOptions {
  dry?: boolean;
  check?: boolean;
  write?: boolean;
  json?: boolean;
  format?: OutputFormat;
  strict?: boolean;
  force?: boolean;
  includeReadOnly?: boolean;
  maxFileSize?: number;
  importSource?: string;
  addDependency: boolean;
  /** Undefined unless given: on by default, except with --check. */
  typecheck?: boolean;
}

/** What the command line asks for, once commander has read and checked the arguments. */
export type ProgramAction = (paths: string[], options: CliOptions, program: Command) => Promise<void>;

/**
 * hermes-codemod's command line: every option, its help and its checks, in one place. The entry's early
 * reading of the paths (listing/start-listing.ts) knows which options take a value;
 * test/codemod/listing-start.test.ts walks this Command's options and checks it agrees.
 */
export function createProgram(action: ProgramAction = async () => undefined): Command {
  const program = new Command()
    .name('hermes-codemod')
    .description('Rewrite raw process.kill(pid, 0) liveness probes to pidIsAlive from hermes-pid.')
    .version(versionText(), '-v, --version', 'print the versions of hermes-codemod and hermes-pid')
    .argument('[paths...]', 'files, directories or globs to process (.gitignore, node_modules and build output are skipped)', ['.'])
    .option('--dry', 'print a coloured unified diff of every change and write nothing')
    .option('--check', 'write nothing; exit 1 if any file would change or any site needs review (for CI)')
    .option('--json', 'print a machine-readable report (files, sites, shape, flag, action, reason); a report writes nothing unless --write is given')
    .addOption(
      new Option('--format <format>', 'report as text, json (as --json), github (Actions annotations, one per site) or sarif (SARIF 2.1.0, fixes included); json, github and sarif write nothing unless --write is given')
        .choices(OUTPUT_FORMATS)
        .conflicts('json'),
    )
    .addOption(new Option('--write', 'with --json or --format json|github|sarif: write the rewrites too (plain text runs write by default)').conflicts(['dry', 'check']))
    .option('--strict', 'skip every rewrite that changes behaviour (they are listed for review instead)')
    .option('--import-source <module>', 'module to import pidIsAlive from, such as a wrapper of your own (default: hermes-pid); a ./ or ../ path is relative to the current folder and rewritten relative to each file')
    .option('--no-add-dependency', `do not add ${PACKAGE_NAME} to the dependencies of the package.json of each file that now imports it (the nearest one that is not a {"type": ...} marker)`)
    .option('--typecheck', 'with --check: type-check the TypeScript rewrites too (slower; --check alone stays on the fast untyped path)')
    .option('--no-typecheck', 'write TypeScript rewrites without proving with ts-morph that each adds no type error')
    .option('--force', 'write even when the git work tree has uncommitted changes')
    .option('--include-read-only', 'rewrite read-only files (mode 444) too, keeping their mode; by default they are left alone and listed as not processed')
    .addOption(
      new Option(
        '--max-file-size <MB>',
        `skip (and list) candidate files larger than this (default ${DEFAULT_MAX_FILE_SIZE / (1024 * 1024)}); by default JavaScript over ${FULL_PARSE_LIMIT / (1024 * 1024)} MB (bundles) is analysed only around its probes, and listed when that cannot prove the answer; given, files up to it are parsed in full (about 1 s and 60 MB per MB)`,
      )
        .argParser((value) => {
          const size = Number(value);
          if (!Number.isFinite(size) || size <= 0) throw new InvalidArgumentError('a positive number of megabytes');
          return size;
        }),
    )
    .addHelpText('after', '\nExit codes: 0 done, 1 --check found work, 2 bad usage or I/O error.')
    .showHelpAfterError()
    .exitOverride((error) => {
      // commander's own usage errors (unknown option, missing value) are exit code 2 here.
      process.exit(error.exitCode === 0 ? 0 : 2);
    });
  return program.action((paths: string[], options: CliOptions) => action(paths, options, program));
}

/** `started`: the listing the entry started from the raw arguments (start-listing.ts); the run checks it names the same paths. */
export async function main(transformer: Transformer | undefined, started?: StartedListing): Promise<void> {
  // `hermes-codemod --dry | head`: a closed pipe ends the run quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });

  const program = createProgram(async (paths, options, command) => {
    if (options.dry === true && options.check === true) command.error('hermes-codemod: --dry and --check are exclusive', { exitCode: 2 });
    process.exitCode = await runCodemod({
      paths,
      cwd: process.cwd(),
      dry: options.dry === true,
      check: options.check === true,
      write: options.write === true,
      json: options.json === true,
      format: options.format,
      strict: options.strict === true,
      force: options.force === true,
      includeReadOnly: options.includeReadOnly === true,
      importSource: options.importSource,
      addDependency: options.addDependency,
      maxFileSize: options.maxFileSize === undefined ? undefined : Math.round(options.maxFileSize * 1024 * 1024),
      typecheck: options.typecheck,
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
      progress: process.stderr.isTTY && !options.json && (options.format ?? 'text') === 'text',
      transformer,
      started,
    });
  });

  try {
    await program.parseAsync();
  } catch (error) {
    process.stderr.write(`hermes-codemod: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  } finally {
    await transformer?.close(); // a live worker would keep the process running
  }
}
