// Runs the benchmarks under bench/: all of them, or those named (`npm run bench -- pid-is-alive`).
// Each prints ratios against a baseline measured in the same run; nothing here asserts timings.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wanted = process.argv.slice(2);
const all = readdirSync(join(root, 'bench'))
  .filter((name) => name.endsWith('.ts'))
  .map((name) => name.slice(0, -3))
  .sort();
const unknown = wanted.filter((name) => !all.includes(name));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${all.join(', ')}`);
  process.exit(2);
}

// Only when named: the real-package trial downloads and rewrites 20 published packages; verify-typed
// checks, with no timing, that the typed pass's writes add no TypeScript diagnostic.
const OPT_IN = new Set(['real-packages', 'verify-typed']);

execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
for (const name of wanted.length > 0 ? wanted : all.filter((name) => !OPT_IN.has(name))) {
  console.log(`\n=== bench/${name}.ts`);
  execFileSync(process.execPath, ['--import', 'tsx', join(root, 'bench', `${name}.ts`)], { stdio: 'inherit', cwd: root });
}
