#!/usr/bin/env node
// Entry point: the command line and the run are loaded after the few lines that decide what runs.
// Nothing here loads TypeScript: a worker starts loading its parser (the slowest step of a run) when
// the run finds its first TypeScript candidate, overlapping the rest of the listing and reading. A
// tsconfig.json lying around says nothing about what the run will parse (a JavaScript-only run loads none).
import { createTransformer } from './transform/transformer.js';

const informational = process.argv.slice(2).some((arg) => /^(-h|--help|-v|--version)$/.test(arg));
const transformer = informational ? undefined : createTransformer();
const { main } = await import('./program.js');
await main(transformer);
