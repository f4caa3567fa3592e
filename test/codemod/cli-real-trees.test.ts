// The "done when" as a test: the CLI over examples/ and three public-style trees (an old
// CommonJS daemon with octal escapes, a tool with a Latin-1 file, a TypeScript package without the
// dependency). No byte outside the rewritten ranges changes, every rewritten file parses, package.json
// gains the dependency, and a second run shows nothing new in git status.
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeSource, encodeSource } from '../../src/cli/files/source-encoding.js';
import { transformSource, type TextEdit } from '../../src/codemod/index.js';
import { PACKAGE_VERSION } from '../../src/meta.js';
import { repoRoot } from '../support/scratch-project.js';
import { runCli } from './support.js';
import { commitAll, git, removeTempTrees, snapshot, tempTree } from './temp-tree.js';

afterAll(removeTempTrees);

const DAEMON_CJS = {
  'package.json': '{\n  "name": "old-daemon",\n  "version": "0.3.1",\n  "main": "lib/daemon.js",\n  "dependencies": {\n    "mkdirp": "^0.5.1"\n  }\n}\n',
  'lib/daemon.js': [
    "var fs = require('fs');",
    "var RED = '\\033[31m', RESET = '\\033[0m';",
    'var PID_MODE = 0644;',
    '',
    'function running(pid) {',
    '  try {',
    '    process.kill(pid, 0);',
    '    return true;',
    '  } catch (e) {',
    "    return e.code === 'EPERM';",
    '  }',
    '}',
    '',
    'exports.status = function (file) {',
    "  var pid = parseInt(fs.readFileSync(file, 'utf8'), 10);",
    "  return running(pid) ? 'running' : RED + 'stopped' + RESET;",
    '};',
    'exports.PID_MODE = PID_MODE;',
    '',
  ].join('\n'),
  'lib/stop.js': [
    "'use strict';",
    'module.exports = function stop(pid) {',
    '  try {',
    '    process.kill(pid, 0);',
    '  } catch (err) {',
    "    if (err.code === 'ESRCH') return false;",
    '    throw err;',
    '  }',
    "  process.kill(pid, 'SIGTERM');",
    '  return true;',
    '};',
    '',
  ].join('\n'),
  'README.md': '# old-daemon\n',
};

const LATIN1_TOOL = {
  'package.json': '{\n    "name": "watch-tool",\n    "version": "2.0.0",\n    "bin": "bin/watch.js"\n}\n',
  'bin/watch.js': Buffer.from(
    [
      '#!/usr/bin/env node',
      '// watch-tool \xa9 2011 Fran\xe7ois M\xfcller',
      "const { argv } = require('process');",
      '',
      'function alive(pid) {',
      '  try {',
      '    process.kill(pid, 0);',
      '    return true;',
      '  } catch {',
      '    return false;',
      '  }',
      '}',
      "console.log(alive(Number(argv[2])) ? 'l\xe0' : 'parti');",
      '',
    ].join('\n'),
    'latin1',
  ),
};

const TS_PACKAGE = {
  'package.json': '{\n\t"name": "@acme/pidfile",\n\t"version": "1.2.0",\n\t"type": "module",\n\t"devDependencies": {\n\t\t"typescript": "^5.0.0"\n\t}\n}',
  'src/alive.ts': [
    "import { readFileSync } from 'node:fs';",
    '',
    'export function ownerAlive(file: string): boolean {',
    "  const pid = Number(readFileSync(file, 'utf8'));",
    '  try {',
    '    process.kill(pid, 0);',
    '    return true;',
    '  } catch (error) {',
    "    return (error as NodeJS.ErrnoException).code !== 'ESRCH';",
    '  }',
    '}',
    '',
  ].join('\n'),
  'src/signals.ts': "export const stopSignal = 'SIGTERM'; // sent with process.kill\n",
  // A TypeScript project: the rewrite goes through the typed pass (without one, the run says it is not type-checked).
  'tsconfig.json': '{ "compilerOptions": { "strict": true, "module": "nodenext", "types": [] }, "include": ["src"] }\n',
};

/** How Node loads a .js file of these trees (their package.json "type"). */
function moduleTypeOf(tree: Map<string, Buffer>, path: string): 'module' | 'commonjs' {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    const manifest = tree.get(join(dir, 'package.json'));
    if (manifest !== undefined) return (JSON.parse(manifest.toString('utf8')) as { type?: string }).type === 'module' ? 'module' : 'commonjs';
    if (dir === '.' || dir === dirname(dir)) return 'commonjs';
  }
}

/** The engine's edits for a file, as byte ranges of the original and the bytes that replace them. */
function byteEdits(path: string, original: Buffer, moduleType: 'module' | 'commonjs'): { start: number; end: number; bytes: Buffer }[] {
  const { text, encoding } = decodeSource(original);
  const result = transformSource(text, { fileName: path, moduleType });
  const edits: TextEdit[] = [...result.sites.flatMap((site) => site.edits), ...(result.importEdit === undefined ? [] : [result.importEdit])];
  const offset = (at: number): number => (encoding === 'bytes' ? at : Buffer.byteLength(text.slice(0, at), 'utf8'));
  return edits
    .map((edit) => ({ start: offset(edit.start), end: offset(edit.end), bytes: encodeSource(edit.text, encoding) ?? Buffer.alloc(0) }))
    .sort((a, b) => a.start - b.start);
}

/** Whether `after` is `before` with only `edits` applied: every byte outside them identical. */
function onlyEditedRangesChanged(before: Buffer, after: Buffer, edits: readonly { start: number; end: number; bytes: Buffer }[]): boolean {
  let at = 0;
  let out = 0;
  for (const edit of edits) {
    const kept = before.subarray(at, edit.start);
    if (!after.subarray(out, out + kept.length).equals(kept)) return false;
    out += kept.length;
    if (!after.subarray(out, out + edit.bytes.length).equals(edit.bytes)) return false;
    out += edit.bytes.length;
    at = edit.end;
  }
  return after.subarray(out).equals(before.subarray(at));
}

function parsesAsRewritten(path: string, bytes: Buffer, dir: string): void {
  if (/\.[cm]?js$/.test(path)) {
    execFileSync(process.execPath, ['--check', join(dir, path)]);
    return;
  }
  const sourceFile = ts.createSourceFile(path, bytes.toString('utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  expect((sourceFile as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics, path).toEqual([]);
}

const trees: [string, () => string, readonly string[]][] = [
  ['examples/legacy-daemon', () => {
    const dir = tempTree({});
    cpSync(join(repoRoot, 'examples/legacy-daemon'), dir, { recursive: true });
    return dir;
  }, ['scripts/status.cjs', 'src/daemon.ts', 'src/pid-file.ts', 'src/stop.ts', 'src/watchdog.js']],
  ['a CommonJS daemon with octal escapes', () => tempTree(DAEMON_CJS), ['lib/daemon.js', 'lib/stop.js']],
  ['a tool with a Latin-1 file', () => tempTree(LATIN1_TOOL), ['bin/watch.js']],
  ['a TypeScript package without the dependency', () => tempTree(TS_PACKAGE), ['src/alive.ts']],
];

describe('hermes-codemod on real-style trees', { timeout: 240_000 }, () => {
  it.each(trees)('%s: only rewritten ranges change, the results parse, the dependency is added, a second run adds nothing', (_name, make, rewritten) => {
    const dir = make();
    git(dir, 'init', '-q');
    commitAll(dir);
    const before = snapshot(dir);

    const run = runCli([], dir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const after = snapshot(dir);
    expect([...after.keys()]).toEqual([...before.keys()]);
    const changed = [...after].filter(([path, bytes]) => !bytes.equals(before.get(path) ?? Buffer.alloc(0))).map(([path]) => path);
    expect(changed.sort()).toEqual([...rewritten, 'package.json'].sort());

    for (const path of rewritten) {
      const original = before.get(path) ?? Buffer.alloc(0);
      const now = after.get(path) ?? Buffer.alloc(0);
      expect(now.toString('latin1')).toContain('pidIsAlive(');
      expect(onlyEditedRangesChanged(original, now, byteEdits(path, original, moduleTypeOf(before, path))), path).toBe(true);
      parsesAsRewritten(path, now, dir);
    }
    const manifest = (bytes: Buffer | undefined): Record<string, unknown> => JSON.parse(bytes?.toString('utf8') ?? '{}') as Record<string, unknown>;
    const old = manifest(before.get('package.json'));
    expect(manifest(after.get('package.json'))).toEqual({ ...old, dependencies: { ...(old.dependencies as object | undefined), 'hermes-pid': `^${PACKAGE_VERSION}` } });
    expect(readFileSync(join(dir, 'package.json'), 'utf8').endsWith('\n')).toBe(before.get('package.json')?.toString('utf8').endsWith('\n'));

    const status = git(dir, 'status', '--porcelain');
    const again = runCli([], dir);
    expect(again.status).toBe(0);
    expect(git(dir, 'status', '--porcelain')).toBe(status);
    expect(snapshot(dir)).toEqual(after);
  });
});
