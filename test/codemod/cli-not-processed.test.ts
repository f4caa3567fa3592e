// Every format names every file and folder a run did not process, with the text report's words: a
// syntax error, a file over --max-file-size, a read-only file, a build folder, a hidden folder. Read-only
// files are left alone unless --include-read-only; names with control characters are escaped in text
// and in GitHub annotations, exact in JSON and SARIF.
import { chmodSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type * as Sarif from 'sarif';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './support.js';
import { PROBE_CJS, removeTempTrees, tempTree } from './temp-tree.js';

afterAll(removeTempTrees);

const BUNDLE = `${'var a=[' + '1,'.repeat(40_000)}0];function pidAlive(p){try{return process.kill(p,0),!0}catch{return!1}}module.exports=pidAlive;\n`;

function tree(): string {
  const dir = tempTree({
    'package.json': '{ "name": "app", "version": "1.0.0" }\n',
    'src/index.js': PROBE_CJS,
    'src/locked.js': PROBE_CJS,
    'src/broken.js': 'process.kill(pid, 0);\nfunction (\n',
    'lib/bundle.js': BUNDLE,
    'dist/index.js': PROBE_CJS,
    '.github/tag.js': PROBE_CJS,
  });
  chmodSync(join(dir, 'src/locked.js'), 0o444);
  return dir;
}

type Entry = [path: string, reason: string];

/** The text report's "Not processed" and "Left out" lines, as [path, reason]. */
function fromText(stdout: string): Entry[] {
  const section = (title: string): string[] => stdout.split(`\n${title}`)[1]?.split('\n\n')[0]?.split('\n').slice(1).filter((line) => line.startsWith('  ')) ?? [];
  const files = section('Not processed').map((line) => /^ {2}(.+?): (.*)$/.exec(line)?.slice(1) as Entry);
  const folders = section('Left out').map((line) => /^ {2}(\S+) +\d+ {2}(.*)$/.exec(line)?.slice(1) as Entry);
  return [...files, ...folders];
}

function fromJson(stdout: string): Entry[] {
  return (JSON.parse(stdout) as { notProcessed: { path: string; reason: string }[] }).notProcessed.map(({ path, reason }) => [path, reason]);
}

function fromGithub(stdout: string): Entry[] {
  const decode = (text: string): string => text.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%');
  return [...stdout.matchAll(/^::(?:warning|error) [^\n]*title=hermes-codemod%3A (?:not processed|left out[^:]*)::(.*)$/gm)].map((match) => /^(.+?): (.*)$/.exec(decode(match[1] ?? ''))?.slice(1) as Entry);
}

function fromSarif(stdout: string): Entry[] {
  const notifications = (JSON.parse(stdout) as Sarif.Log).runs[0]?.invocations?.[0]?.toolExecutionNotifications ?? [];
  return notifications.map((notification) => [decodeURI(notification.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? ''), notification.message.text ?? '']);
}

describe('every format names what the run did not process, with the same reasons', () => {
  it('text, json, github and sarif give the same list', () => {
    const dir = tree();
    const options = ['--max-file-size', '0.05'];
    const text = runCli(['--check', ...options], dir);
    expect(text.status).toBe(1);
    const lists = {
      text: fromText(text.stdout),
      json: fromJson(runCli(['--json', ...options], dir).stdout),
      github: fromGithub(runCli(['--format', 'github', ...options], dir).stdout),
      sarif: fromSarif(runCli(['--format', 'sarif', ...options], dir).stdout),
    };
    expect(lists.text).toEqual([
      ['lib/bundle.js', 'larger than 0.1 MB (0.1 MB, a bundle?): not parsed; --max-file-size 1 processes it'],
      ['src/broken.js', expect.stringMatching(/^syntax error at 2:\d+/)],
      ['src/locked.js', 'read-only (mode 444): left as it is; --include-read-only rewrites it'],
      ['.github/', 'hidden folder or file'],
      ['dist/', 'build output (next to a package.json)'],
    ]);
    for (const [format, list] of Object.entries(lists)) expect(list, format).toEqual(lists.text);
  });

  it('SARIF tells errors from files left out on purpose (a syntax error: execution not successful)', () => {
    const dir = tree();
    const log = JSON.parse(runCli(['--format', 'sarif'], dir).stdout) as Sarif.Log;
    const invocation = log.runs[0]?.invocations?.[0];
    expect(invocation?.toolExecutionNotifications?.map((n) => n.level)).toEqual(['error', 'warning', 'warning', 'warning']);
    expect(invocation?.executionSuccessful).toBe(false); // the syntax error
  });
});

describe('a read-only file', () => {
  it('is left alone by a write run and named; --include-read-only rewrites it and keeps mode 444', () => {
    const dir = tree();
    const run = runCli([], dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('src/locked.js: read-only (mode 444): left as it is; --include-read-only rewrites it');
    expect(readFileSync(join(dir, 'src/locked.js'), 'utf8')).toBe(PROBE_CJS);
    expect(readFileSync(join(dir, 'src/index.js'), 'utf8')).toContain('pidIsAlive(pid');

    const included = runCli(['--include-read-only'], dir);
    expect(included.status).toBe(0);
    expect(readFileSync(join(dir, 'src/locked.js'), 'utf8')).toContain('pidIsAlive(pid');
    expect(statSync(join(dir, 'src/locked.js')).mode & 0o7777).toBe(0o444);
  });

  it('--help documents --include-read-only', () => {
    expect(runCli(['--help'], tree()).stdout.replace(/\s+/g, ' ')).toMatch(/--include-read-only rewrite read-only files \(mode 444\) too/);
  });
});

describe('names with control characters', () => {
  const NEWLINE = 'a\nb.js';
  const ESCAPE = 'c\u001b[2Jd.js';
  function controlTree(): string {
    const dir = tempTree({ 'package.json': '{ "name": "app" }\n', [NEWLINE]: PROBE_CJS, [ESCAPE]: `${PROBE_CJS}\nfunction (\n` });
    return dir;
  }

  it('are escaped in the text report and its diffs, and never printed raw', () => {
    const dir = controlTree();
    for (const args of [['--dry'], ['--check']]) {
      const run = runCli(args, dir);
      expect(run.stdout).not.toContain('\u001b');
      expect(run.stdout).not.toMatch(/^b\.js/m);
      expect(run.stdout).toContain('a\\nb.js:3:5');
      expect(run.stdout).toContain('c\\x1b[2Jd.js: syntax error at');
    }
    // The diff quotes such a name as git does (C escapes, in double quotes).
    expect(runCli(['--dry'], dir).stdout).toContain('--- "a/a\\nb.js"\n+++ "b/a\\nb.js"\n');
  });

  it('are escaped in GitHub annotations (the file property keeps the exact name for the runner to decode)', () => {
    const out = runCli(['--format', 'github'], controlTree()).stdout;
    expect(out).not.toContain('\u001b');
    expect(out).toContain('::warning file=a%0Ab.js,line=3,col=5,');
    expect(out).toContain('c\\x1b[2Jd.js: syntax error at');
    for (const line of out.trimEnd().split('\n')) expect(line).toMatch(/^(?:::|hermes-codemod: )/);
  });

  it('are exact in JSON and SARIF', () => {
    const dir = controlTree();
    const json = JSON.parse(runCli(['--json'], dir).stdout) as { files: { path: string }[] };
    expect(json.files.map((file) => file.path)).toEqual([NEWLINE, ESCAPE]);
    const sarif = JSON.parse(runCli(['--format', 'sarif'], dir).stdout) as Sarif.Log;
    const uris = (sarif.runs[0]?.results ?? []).map((result) => decodeURI(result.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? ''));
    expect(uris).toContain(NEWLINE);
    expect(fromSarif(JSON.stringify(sarif)).map(([path]) => path)).toEqual([ESCAPE]);
  });
});
