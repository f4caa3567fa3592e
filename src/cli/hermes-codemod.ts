#!/usr/bin/env node
// Entry point. The transform worker starts before anything else is loaded: loading the parser (TypeScript) is the
// slowest step of a run, and it then overlaps with loading the CLI, listing and reading files.
import { workerTransformer } from './transformer.js';

const informational = process.argv.slice(2).some((arg) => /^(-h|--help|-v|--version)$/.test(arg));
const transformer = informational ? undefined : workerTransformer();
const { main } = await import('./program.js');
await main(transformer);
