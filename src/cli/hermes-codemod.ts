#!/usr/bin/env node
import { Command } from 'commander';
import { PACKAGE_VERSION } from '../meta.js';

const program = new Command()
  .name('hermes-codemod')
  .description('Rewrite raw process.kill(pid, 0) liveness probes to pidIsAlive from hermes-pid.')
  .version(PACKAGE_VERSION, '-v, --version')
  .argument('[paths...]', 'files, directories or globs to process', ['.'])
  .action(() => {
    process.stderr.write('hermes-codemod: the rewrite engine is not built yet; only --help and --version work.\n');
    process.exitCode = 2;
  });

program.parse();
