#!/usr/bin/env node
// Entry point: the command line and the run are loaded after the few lines that decide what runs.
// In a TypeScript project a worker starts loading TypeScript's parser first (the slowest step of a
// run, overlapping then with loading the command line, listing and reading the files).
import { existsSync } from 'node:fs';
import { createTransformer } from './transform/transformer.js';

const informational = process.argv.slice(2).some((arg) => /^(-h|--help|-v|--version)$/.test(arg));
const transformer = informational ? undefined : createTransformer({ warm: existsSync('tsconfig.json') });
const { main } = await import('./program.js');
await main(transformer);
