// The independent check of the typed pass alone (support/verify-typed.ts), with no timing: a real
// write run, then TypeScript's own compiler on the whole program (every project the root tsconfig's
// references name) before and after, per file, on every typed fixture project
// (test/codemod/typed-fixtures/<case>, with its case.json's args) and on the published TypeScript
// sources of support/ts-corpus.ts. Prints one row per project; exits 1 when any file, written or not,
// gained a diagnostic (or its .d.ts changed). Run: npm run bench -- verify-typed (builds dist/ first).
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatRow } from './support/measure.js';
import { tsCorpus } from './support/ts-corpus.js';
import { verifyTypedWrites, type Verification } from './support/verify-typed.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, 'test/codemod/typed-fixtures');
const scratch = mkdtempSync(join(tmpdir(), 'hermes-verify-bench-'));
const rows: { project: string; verification: Verification }[] = [];
try {
  for (const name of readdirSync(fixtures).sort()) {
    const spec = JSON.parse(readFileSync(join(fixtures, name, 'case.json'), 'utf8')) as { args: string[]; link?: string[] };
    const dir = join(scratch, name);
    cpSync(join(fixtures, name, 'input'), dir, { recursive: true });
    for (const pkg of spec.link ?? []) {
      mkdirSync(join(dir, 'node_modules', pkg, '..'), { recursive: true });
      symlinkSync(join(root, 'node_modules', pkg), join(dir, 'node_modules', pkg), 'dir');
    }
    rows.push({ project: `typed fixture ${name}`, verification: await verifyTypedWrites(root, dir, spec.args) });
  }
  for (const { name, dir } of tsCorpus(root)) rows.push({ project: name, verification: await verifyTypedWrites(root, dir) });
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const widths = [60, 14, 22];
console.log(formatRow(['project', 'files written', 'files gaining a diagnostic'], widths));
for (const { project, verification } of rows) console.log(formatRow([project, String(verification.written.length), String(verification.worse.length)], widths));
const worse = rows.flatMap(({ project, verification }) => verification.worse.map((w) => `${project}: ${w.file}: ${w.added.join('; ')}`));
console.log(`\n${rows.length} projects, ${rows.reduce((sum, row) => sum + row.verification.written.length, 0)} TypeScript files written, ${worse.length} files gaining a diagnostic${worse.map((line) => `\n  ${line}`).join('')}`);
if (worse.length > 0) process.exitCode = 1;
