/** Nanoseconds per call of `fn`, the median over `rounds` timed loops of `iterations` calls. */
export function nsPerCall(fn: () => unknown, iterations: number, rounds = 7): number {
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) fn();
    samples.push(Number(process.hrtime.bigint() - start) / iterations);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? Number.NaN;
}

/** Measures several candidates interleaved round by round, so drift hits them all alike. */
export function compare(candidates: Record<string, () => unknown>, iterations: number, rounds = 9): Record<string, number> {
  const names = Object.keys(candidates);
  const samples = new Map<string, number[]>(names.map((name) => [name, []]));
  for (const name of names) nsPerCall(candidates[name] as () => unknown, Math.ceil(iterations / 10), 1); // warm-up
  for (let round = 0; round < rounds; round++) {
    // Alternate the order each round: neither candidate always runs first.
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) samples.get(name)?.push(nsPerCall(candidates[name] as () => unknown, iterations, 1));
  }
  return Object.fromEntries(
    names.map((name) => {
      const sorted = (samples.get(name) ?? []).sort((a, b) => a - b);
      return [name, sorted[Math.floor(sorted.length / 2)] ?? Number.NaN];
    }),
  );
}

export function formatRow(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
}
