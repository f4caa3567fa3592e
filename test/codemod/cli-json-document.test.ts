// Every --json run prints exactly one JSON document on stdout: `hermes-codemod --dry --json . | jq .`
// works, and the diffs --dry makes are inside the document (uncoloured), not before it.
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { cliPath } from './support.js';
import { PROBE_CJS, removeTempTrees, snapshot, tempTree } from './temp-tree.js';

afterAll(removeTempTrees);

const FILES = { 'package.json': '{ "name": "app", "version": "1.0.0" }\n', 'lib/probe.js': PROBE_CJS, 'lib/plain.js': 'module.exports = 1;\n' };

/** The CLI's stdout piped into a second node that parses it whole, as `| jq .` would. */
function pipedIntoJsonParse(args: readonly string[], cwd: string): Record<string, unknown> {
  const quoted = [process.execPath, cliPath, ...args].map((arg) => `'${arg.replace(/'/g, "'\\''")}'`).join(' ');
  const parse = `'${process.execPath}' -e 'let s="";process.stdin.on("data",(c)=>s+=c).on("end",()=>console.log(JSON.stringify(JSON.parse(s))))'`;
  // FORCE_COLOR: colour codes in a diff would be one more way to break the document.
  // The parser's status decides (--check exits 1 by design): it fails on anything but one document.
  const out = execFileSync('bash', ['-c', `${quoted} | ${parse}; exit "\${PIPESTATUS[1]}"`], { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '1' } });
  return JSON.parse(out) as Record<string, unknown>;
}

describe('hermes-codemod --json prints one JSON document', () => {
  it.each([['--dry', '--json', '.'], ['--json'], ['--format', 'json'], ['--dry', '--format', 'json'], ['--check', '--json']])('%s %s %s: stdout parses whole', (...args) => {
    const dir = tempTree(FILES);
    const before = snapshot(dir);
    const report = pipedIntoJsonParse(args, dir);
    expect(report).toMatchObject({ written: false, summary: { filesChanged: 1 } });
    expect(snapshot(dir)).toEqual(before);
  });

  it('--dry --json carries the diffs of the file and of package.json, uncoloured, in path order', () => {
    const dir = tempTree(FILES);
    const report = pipedIntoJsonParse(['--dry', '--json', '.'], dir) as { diffs: { path: string; patch: string }[] };
    expect(report.diffs.map((diff) => diff.path)).toEqual(['lib/probe.js', 'package.json']);
    const [probe, manifest] = report.diffs;
    expect(probe?.patch).toContain('--- a/lib/probe.js\n+++ b/lib/probe.js\n');
    expect(probe?.patch).toContain("+  return pidIsAlive(pid, { treatPermissionDeniedAsAlive: false });\n");
    expect(manifest?.patch).toContain('+    "hermes-pid": "^');
    expect(JSON.stringify(report)).not.toContain('\\u001b[');
  });

  it('--json without --dry carries no diffs', () => {
    const dir = tempTree(FILES);
    expect(pipedIntoJsonParse(['--json'], dir)).not.toHaveProperty('diffs');
  });
});
