// Real files from node_modules through the engine: no crash, nothing that fails to re-parse,
// untouched files byte-identical, a second pass a no-op. A fixed, seeded sample: the same runs on any machine.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { transformSource } from '../../src/codemod/index.js';
import { repoRoot } from '../support/scratch-project.js';

const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const MAX_BYTES = 200_000;
/** Runs of the appended-probe property: a count, not a time budget, so a busy machine checks as much. */
const RUNS = 60;
/** Appending probes to smaller files keeps each run cheap. */
const MAX_MUTATED_BYTES = 60_000;

function realFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && SOURCE.test(entry.name) && !/\.d\.[cm]?ts$/.test(entry.name)) files.push(path);
    }
  };
  walk(join(repoRoot, 'node_modules'));
  return files.sort();
}

/** Parse errors counted by TypeScript itself, independent of the engine's own check. */
function parseErrorCount(fileName: string, text: string): number {
  const kind = /\.tsx$/.test(fileName) ? ts.ScriptKind.TSX : /\.[cm]?ts$/.test(fileName) ? ts.ScriptKind.TS : ts.ScriptKind.JSX;
  const sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, kind);
  return (sourceFile as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length;
}

function checkOne(fileName: string, source: string): boolean {
  const result = transformSource(source, { fileName });
  if (!result.changed) {
    expect(result.output).toBe(source);
    return false;
  }
  expect(parseErrorCount(fileName, result.output)).toBeLessThanOrEqual(parseErrorCount(fileName, source));
  expect(transformSource(result.output, { fileName }).output).toBe(result.output);
  return true;
}

const HELPERS = [
  '\nfunction __probeA(pid) {\n  try {\n    process.kill(pid, 0);\n    return true;\n  } catch {\n    return false;\n  }\n}\n',
  "\nfunction __probeB(pid) {\n  try {\n    process.kill(pid, 0);\n    return true;\n  } catch (e) {\n    return e.code === 'EPERM';\n  }\n}\n",
  '\nsetInterval(() => {\n  try {\n    process.kill(process.ppid, 0);\n  } catch {\n    process.exit(0);\n  }\n}, 1000);\n',
  "\nasync function __waitB(pid) {\n  for (;;) {\n    try { process.kill(pid, 0); } catch (err) { if (err.code !== 'ESRCH') throw err; return; }\n    await new Promise((r) => setTimeout(r, 10));\n  }\n}\n",
];

describe('the engine on real files from node_modules', () => {
  const files = realFiles().filter((file) => statSync(file).size <= MAX_BYTES);

  it('leaves every file without a rewritable probe byte-identical, and never crashes', () => {
    let withKill = 0;
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      if (source.includes('kill')) withKill++;
      checkOne(file, source);
    }
    expect(files.length).toBeGreaterThan(1000);
    expect(withKill).toBeGreaterThan(5);
  });

  it('rewrites probes appended to real files into text that re-parses, once', () => {
    const small = files.filter((file) => statSync(file).size <= MAX_MUTATED_BYTES);
    let rewritten = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: small.length - 1 }), fc.integer({ min: 0, max: HELPERS.length - 1 }), (index, helper) => {
        const file = small[index] as string;
        // TypeScript files get the helper as valid TypeScript too: the snippets are untyped JS.
        const source = readFileSync(file, 'utf8') + (HELPERS[helper] as string).replace(/\(pid\)/g, /\.[cm]?tsx?$/.test(file) ? '(pid: any)' : '(pid)').replace(/\(err\)/g, '(err: any)').replace(/\(e\)/g, '(e: any)');
        if (checkOne(file, source)) rewritten++;
      }),
      { numRuns: RUNS, seed: 20261123 },
    );
    expect(rewritten).toBeGreaterThanOrEqual(RUNS * 0.9);
  }, 300_000);
});
