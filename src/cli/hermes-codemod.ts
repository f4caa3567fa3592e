#!/usr/bin/env node
// Entry point: the listing starts (git, and ripgrep beside it) before the command line and the run are
// loaded, so that loading them overlaps it; the run checks that its own parse of the arguments names
// the same paths. Nothing here loads TypeScript: a worker starts loading its parser (the slowest step of a run) when
// the run finds its first TypeScript candidate, overlapping the rest of the listing and reading. A
// tsconfig.json lying around says nothing about what the run will parse (a JavaScript-only run loads none).
import { pathsFromArguments, startListing } from './listing/start-listing.js';
import { createTransformer } from './transform/transformer.js';

const args = process.argv.slice(2);
const informational = args.some((arg) => /^(-h|--help|-v|--version)$/.test(arg));
const transformer = informational ? undefined : createTransformer();
const paths = informational ? undefined : pathsFromArguments(args);
/** Nothing is started early when that fails (a deleted working folder): the run says why, with exit code 2. */
function startEarly(): ReturnType<typeof startListing> | undefined {
  try {
    return paths === undefined ? undefined : startListing(paths, process.cwd(), () => transformer?.prepare?.());
  } catch {
    return undefined;
  }
}
const started = startEarly();
// A walk first (no named folder in a work tree): its own module then loads without queueing behind the
// command line's (0.06-0.12 s on a folder of work trees), and the work trees' gits start; inside a work
// tree, git lists while the command line loads.
if (started?.walksFirst === true) await started.listing.catch(() => undefined);
const { main } = await import('./program.js');
await main(transformer, started);
