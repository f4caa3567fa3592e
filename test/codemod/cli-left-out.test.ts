// No silent skips: files a run leaves out (build output next to a package.json, hidden folders,
// .gitignore) are counted per folder in the summary, --check and --json agree, and naming such a
// folder or a glob into it processes it. Real git trees and a plain folder (an unpacked tarball).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './support.js';
import { PROBE_CJS, removeTempTrees, tempTree } from './temp-tree.js';

afterAll(removeTempTrees);

const TREE = {
  'package.json': '{ "name": "app", "version": "1.0.0" }\n',
  '.gitignore': 'gen/\nnode_modules/\n',
  'src/index.js': PROBE_CJS,
  // A build folder with no package.json beside it is source (build scripts, say).
  'src/build/lock.js': PROBE_CJS,
  'dist/index.js': PROBE_CJS,
  'dist/sub/lock.js': PROBE_CJS,
  'packages/a/package.json': '{ "name": "a" }\n',
  'packages/a/coverage/report.js': PROBE_CJS,
  'gen/made.js': PROBE_CJS,
  '.github/scripts/tag.js': PROBE_CJS,
  'node_modules/dep/index.js': PROBE_CJS,
};

const LEFT_OUT = [
  { path: '.github/', files: 1, reason: 'hidden' },
  { path: 'dist/', files: 2, reason: 'build output' },
  { path: 'gen/', files: 1, reason: 'gitignored' },
  { path: 'packages/a/coverage/', files: 1, reason: 'build output' },
];

interface Report {
  summary: { filesScanned: number; filesChanged: number; filesLeftOut: number };
  files: { path: string }[];
  leftOut: { path: string; files: number; reason: string }[];
}

describe('hermes-codemod and the files it leaves out', () => {
  it.each([{ git: true }, { git: false }])('git: $git: --json and --check give the same counts, per folder, and say how to include them', ({ git }) => {
    const dir = tempTree(TREE, { git });
    const json = runCli(['--json'], dir);
    expect(json.status).toBe(0);
    const report = JSON.parse(json.stdout) as Report;
    expect(report.files.map((file) => file.path)).toEqual(['src/build/lock.js', 'src/index.js']);
    expect(report.leftOut).toEqual(LEFT_OUT);
    expect(report.summary.filesLeftOut).toBe(5);

    const check = runCli(['--check'], dir);
    expect(check.status).toBe(1);
    expect(check.stdout).toMatch(/files left out\s+5\n/);
    expect(check.stdout).toContain("Left out (5 files not processed; name a folder or a glob to include it, e.g. hermes-codemod dist or hermes-codemod 'dist/**/*.js'):");
    for (const folder of LEFT_OUT) expect(check.stdout).toMatch(new RegExp(`\\n  ${folder.path.replace(/[./]/g, '\\$&')} +${folder.files}  `));
    expect(check.stdout).not.toContain('node_modules');
  });

  it("processes a glob into a build folder ('dist/**/*.js') and a named ignored folder, and then leaves out nothing under them", () => {
    const dir = tempTree(TREE, { git: true });
    const run = runCli(['--json', '--write', 'dist/**/*.js', 'gen'], dir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.files.map((file) => file.path)).toEqual(['dist/index.js', 'dist/sub/lock.js', 'gen/made.js']);
    expect(report.leftOut).toEqual([]);
    expect(readFileSync(join(dir, 'dist/sub/lock.js'), 'utf8')).toContain('pidIsAlive(pid, { treatPermissionDeniedAsAlive: false })');
  });

  it('a folder named next to . is processed and no longer counted as left out', () => {
    const dir = tempTree(TREE, { git: true });
    const report = JSON.parse(runCli(['--json', '.', 'dist', 'packages/a/coverage'], dir).stdout) as Report;
    expect(report.summary.filesChanged).toBe(5);
    expect(report.leftOut).toEqual([LEFT_OUT[0], LEFT_OUT[2]]);
  });
});

describe('hermes-codemod and a candidate over --max-file-size', () => {
  // A bundle-like file: one line of minified code with a probe, padded past the limit given.
  const bundle = `${'var a=[' + '1,'.repeat(40_000)}0];function pidAlive(p){try{return process.kill(p,0),!0}catch{return!1}}module.exports=pidAlive;\n`;

  it('is not parsed but listed with the size and the option that processes it; --check exits 1', () => {
    const dir = tempTree({ 'package.json': '{ "name": "app" }\n', 'lib/bundle.js': bundle, 'src/index.js': PROBE_CJS });
    const check = runCli(['--check', '--max-file-size', '0.05'], dir);
    expect(check.status).toBe(1);
    expect(check.stdout).toMatch(/files skipped\s+1\n/);
    expect(check.stdout).toContain('lib/bundle.js: larger than 0.1 MB (0.1 MB, a bundle?): not parsed; --max-file-size 1 processes it');
    const json = JSON.parse(runCli(['--json', '--max-file-size', '0.05'], dir).stdout) as { files: { path: string; status: string }[] };
    expect(json.files.map((file) => [file.path, file.status])).toEqual([
      ['lib/bundle.js', 'skipped'],
      ['src/index.js', 'changed'],
    ]);
    // The default limit (4 MB) parses it, and the minified probe is rewritten.
    expect(runCli(['--force'], dir).status).toBe(0);
    expect(readFileSync(join(dir, 'lib/bundle.js'), 'utf8')).toMatch(/^const \{ pidIsAlive \} = require\('hermes-pid'\);\n\n[^\n]*function pidAlive\(p\)\{return pidIsAlive\(p, \{ treatPermissionDeniedAsAlive: false \}\);\}/);
  });
});
