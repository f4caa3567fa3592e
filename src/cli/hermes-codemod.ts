#!/usr/bin/env node
// Entry point: the command line and the run are loaded after the few lines that decide what runs.
import { createTransformer } from './transformer.js';

const informational = process.argv.slice(2).some((arg) => /^(-h|--help|-v|--version)$/.test(arg));
const transformer = informational ? undefined : createTransformer();
const { main } = await import('./program.js');
await main(transformer);
