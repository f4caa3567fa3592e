// Reads a listed file only as far as it takes to know whether it says `kill`: most files are never copied.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { hasUtf16Bom } from './source-encoding.js';

const chunk = Buffer.allocUnsafe(1 << 20);
const KILL = 'kill';

/** The file's bytes when it contains `kill` at all (or is UTF-16); undefined otherwise (most files: nothing copied). */
export function readIfMentionsKill(file: string): Buffer | undefined {
  const fd = openSync(file, 'r');
  try {
    let size = readSync(fd, chunk, 0, chunk.length, 0);
    if (hasUtf16Bom(chunk.subarray(0, size))) return readFileSync(file); // rare: decoded whole to report its probes
    if (size < chunk.length) return chunk.subarray(0, size).includes(KILL) ? Buffer.from(chunk.subarray(0, size)) : undefined;
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
  return whole.includes(KILL) ? whole : undefined;
}
