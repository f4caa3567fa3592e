// One status line on stderr while a long run works (only on a terminal, never with --json): shown
// after the first second, redrawn at most ten times a second, erased before the report is printed.
export interface Progress {
  listed(count: number): void;
  scanned(): void;
  parsed(sites: number): void;
  /** Erases the line, if it was ever drawn. */
  clear(): void;
}

const DELAY_MS = 1000;
const INTERVAL_MS = 100;

export function progressLine(write: ((text: string) => void) | undefined, now: () => number = Date.now): Progress {
  const started = now();
  let listed = 0;
  let scanned = 0;
  let parsed = 0;
  let sites = 0;
  let drawn = 0;
  const draw = (): void => {
    if (write === undefined) return;
    const time = now();
    if (time - started < DELAY_MS || time - drawn < INTERVAL_MS) return;
    drawn = time;
    write(`\r\x1b[Khermes-codemod: ${listed} files listed, ${scanned} scanned, ${parsed} candidates parsed, ${sites} sites found`);
  };
  return {
    listed: (count) => {
      listed += count;
      draw();
    },
    scanned: () => {
      scanned++;
      draw();
    },
    parsed: (found) => {
      parsed++;
      sites += found;
      draw();
    },
    clear: () => {
      if (write !== undefined && drawn > 0) write('\r\x1b[K');
    },
  };
}
