// Bytes that are not ours stay as they were: UTF-8 (with or without BOM, LF or CRLF) is rewritten, a
// file that is not UTF-8 only in the edited ranges, a UTF-16 file not at all; never a U+FFFD.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './support.js';
import { PROBE_CJS, removeTempTrees, tempTree } from './temp-tree.js';

afterAll(removeTempTrees);

const REPLACEMENT = Buffer.from('\uFFFD', 'utf8');
/** A header comment and a string with bytes that are Latin-1 (not UTF-8) in one file, ASCII stand-ins in its twin. */
const LATIN1 = Buffer.from(`// caf\xe9 \xa9 2010\n${PROBE_CJS}console.log('\xe9t\xe9');\n`, 'latin1');
const TWIN = Buffer.from(`// cafX Y 2010\n${PROBE_CJS}console.log('XtX');\n`, 'latin1');

interface Report {
  files: { path: string; status: string; reason?: string }[];
}

describe('hermes-codemod and file encodings', { timeout: 180_000 }, () => {
  it('rewrites a Latin-1 file byte-exactly: only the edited ranges change, the result runs', () => {
    const dir = tempTree({ 'latin.js': LATIN1, 'twin.js': TWIN });
    const run = runCli([], dir);
    expect(run.status).toBe(0);
    const latin = readFileSync(join(dir, 'latin.js'));
    const twin = readFileSync(join(dir, 'twin.js'));
    expect(twin.toString('utf8')).toContain('pidIsAlive(pid');
    // The same edits as in the UTF-8 twin; the Latin-1 bytes where the twin has its stand-ins.
    const expected = Buffer.from(twin.toString('latin1').replace('cafX Y', 'caf\xe9 \xa9').replace("'XtX'", "'\xe9t\xe9'"), 'latin1');
    expect(latin.equals(expected)).toBe(true);
    expect(latin.includes(REPLACEMENT)).toBe(false);
    execFileSync(process.execPath, ['--check', join(dir, 'latin.js')]);
  });

  it('keeps a UTF-8 BOM (once, first) and CRLF line ends', () => {
    const dir = tempTree({ 'bom.js': `\uFEFF${PROBE_CJS}`, 'crlf.js': PROBE_CJS.replaceAll('\n', '\r\n'), 'plain.js': PROBE_CJS });
    expect(runCli([], dir).status).toBe(0);
    const plain = readFileSync(join(dir, 'plain.js'), 'utf8');
    expect(plain).toContain('pidIsAlive(pid');
    const bom = readFileSync(join(dir, 'bom.js'));
    expect(bom.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(bom.subarray(3).toString('utf8')).toBe(plain);
    expect(readFileSync(join(dir, 'crlf.js'), 'utf8')).toBe(plain.replaceAll('\n', '\r\n'));
  });

  it('leaves UTF-16 files (either byte order) alone and reports them; --check counts them', () => {
    const little = Buffer.from(`\uFEFF${PROBE_CJS}`, 'utf16le');
    const big = Buffer.from(little).swap16();
    const dir = tempTree({ 'le.js': little, 'be.js': big });
    const check = runCli(['--check', '--json'], dir);
    expect(check.status).toBe(1);
    const report = JSON.parse(check.stdout) as Report;
    expect(report.files.map(({ path, status }) => [path, status])).toEqual([
      ['be.js', 'skipped'],
      ['le.js', 'skipped'],
    ]);
    expect(report.files[0]?.reason).toMatch(/^UTF-16/);
    const run = runCli([], dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/le\.js: UTF-16 file/);
    expect(readFileSync(join(dir, 'le.js')).equals(little)).toBe(true);
    expect(readFileSync(join(dir, 'be.js')).equals(big)).toBe(true);
  });

  it('skips a file that is not UTF-8 with the reason "not UTF-8" when the added text would not be ASCII', () => {
    const dir = tempTree({ 'latin.js': LATIN1, 'utf8.js': PROBE_CJS, 'lib/pïd.js': 'exports.pidIsAlive = () => true;\n' });
    const run = runCli(['--json', '--write', '--import-source', './lib/pïd.js'], dir);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.files).toMatchObject([
      { path: 'latin.js', status: 'skipped' },
      { path: 'utf8.js', status: 'changed' },
    ]);
    expect(report.files[0]?.reason).toMatch(/^not UTF-8/);
    expect(readFileSync(join(dir, 'latin.js')).equals(LATIN1)).toBe(true);
    expect(readFileSync(join(dir, 'utf8.js'), 'utf8')).toContain("require('./lib/pïd.js')");
  });
});
