// The native pre-scan (ripgrep from @vscode/ripgrep, on with HERMES_CODEMOD_RIPGREP=1) only narrows
// which listed files are read: a run with it and a run with the JavaScript reader alone (the default,
// and what a machine without the binary gets) give the same report, on the fixture corpus and on files that are easy to get
// wrong (UTF-16, NUL bytes, a `kill` past the first MB, links, a dangling link).
import { cpSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createListScan, createPrescan, filesMentioningKill, MIN_FILES, ripgrepBinary, ripgrepEnabled, scanFolders } from '../../src/cli/files/ripgrep-scan.js';
import { runCli } from './support.js';
import { commitAll, git, PROBE_CJS, removeTempTrees, tempTree } from './temp-tree.js';

afterAll(removeTempTrees);

const corpus = fileURLToPath(new URL('../fixtures/', import.meta.url));
const rg = ripgrepBinary();
const NO_RG = 'the ripgrep binary (@vscode/ripgrep and its platform package) is not installed here';

/** Files the pre-scan must not lose, and a hundred that never say `kill`. */
function trickyTree(): string {
  const files: Record<string, string | Buffer> = {
    'utf16.js': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(PROBE_CJS, 'utf16le')]),
    'nul.js': Buffer.concat([Buffer.from('const marker = "\0";\n'), Buffer.from(PROBE_CJS)]),
    'late.js': `${'// padding padding padding padding padding padding padding padding\n'.repeat(20_000)}${PROBE_CJS}`,
    'plain.js': PROBE_CJS,
    // `kill` only inside words: never a candidate, so never read.
    'words.js': 'const skill = killed + $kill + kill_;\n',
    'latin1.js': Buffer.from('// caf\xe9\n\xe9kill(pid, 0);\n', 'latin1'),
    'lib/other.ts': `export function up(pid: number): boolean {\n  try {\n    process.kill(pid, 0);\n    return true;\n  } catch {\n    return false;\n  }\n}\n`,
  };
  for (let i = 0; i < 2 * MIN_FILES; i++) files[`quiet/file${i}.js`] = `export const value${i} = ${i};\n`;
  const dir = tempTree(files);
  symlinkSync(join(dir, 'plain.js'), join(dir, 'link.js'));
  symlinkSync(join(dir, 'gone.js'), join(dir, 'dangling.js'));
  return dir;
}

describe('the ripgrep pre-scan', { timeout: 240_000 }, () => {
  it('is off unless HERMES_CODEMOD_RIPGREP=1 (it lost to the JavaScript reader wherever it was measured)', () => {
    expect(ripgrepEnabled({})).toBe(false);
    expect(ripgrepEnabled({ HERMES_CODEMOD_RIPGREP: '0' })).toBe(false);
    expect(ripgrepEnabled({ HERMES_CODEMOD_RIPGREP: '1' })).toBe(true);
  });

  it.skipIf(rg === undefined)(`answers which files say kill, and leaves a file it cannot read to the reader (skipped when ${NO_RG})`, async () => {
    const dir = trickyTree();
    const names = ['words.js', 'latin1.js', 'utf16.js', 'nul.js', 'late.js', 'plain.js', 'lib/other.ts', 'link.js', 'dangling.js', 'quiet/file0.js', 'quiet/file1.js'];
    const { matched, unanswered } = await filesMentioningKill(
      names.map((name) => join(dir, name)),
      rg as string,
    );
    const found = (set: Set<string>): string[] => [...set].map((file) => file.slice(dir.length + 1)).sort();
    // The dangling link makes ripgrep fail its batch: every file of it goes back to the reader.
    expect(found(unanswered)).toEqual([...names].sort());
    expect(matched.size).toBe(0);
    const readable = names.filter((name) => name !== 'dangling.js');
    const answer = await filesMentioningKill(
      readable.map((name) => join(dir, name)),
      rg as string,
    );
    expect(answer.unanswered.size).toBe(0);
    expect(found(answer.matched)).toEqual(['late.js', 'latin1.js', 'lib/other.ts', 'link.js', 'nul.js', 'plain.js', 'utf16.js']);
  });

  it.skipIf(rg === undefined)(`answers each list handed in while ripgrep is busy, from one run over them all (skipped when ${NO_RG})`, async () => {
    const dir = trickyTree();
    const prescan = createPrescan(rg as string);
    const lists = [['plain.js', 'quiet/file0.js'], ['words.js', 'lib/other.ts'], ['latin1.js', 'quiet/file1.js'], ['dangling.js', 'nul.js']].map((names) => names.map((name) => join(dir, name)));
    const answers = await Promise.all(lists.map((list) => prescan(list)));
    const found = (set: ReadonlySet<string>, list: readonly string[]): string[] => list.filter((file) => set.has(file)).map((file) => file.slice(dir.length + 1));
    expect(answers.map(({ matched }, index) => found(matched, lists[index] ?? []))).toEqual([['plain.js'], [], [], []]);
    // The first list ran alone; the dangling link spoils the run it shares with the two lists after it.
    expect(answers.map(({ unanswered }, index) => found(unanswered, lists[index] ?? []))).toEqual([[], ['words.js', 'lib/other.ts'], ['latin1.js', 'quiet/file1.js'], ['dangling.js', 'nul.js']]);
  });

  it.skipIf(rg === undefined)(`scans whole folders once, and leaves what its own rules skip to the per-list scan (skipped when ${NO_RG})`, async () => {
    // Files git lists that ripgrep's folder scan does not visit: tracked although .gitignore names it,
    // named by a .ignore file, in a build folder with no package.json beside it, a link, a hidden file.
    const dir = tempTree({ 'plain.js': PROBE_CJS, 'quiet.js': 'export const a = 1;\n', '.gitignore': 'tracked-ignored.js\n', '.ignore': 'dot-ignored.js\n', 'dot-ignored.js': PROBE_CJS, 'build/probe.js': PROBE_CJS, '.hidden.js': PROBE_CJS });
    git(dir, 'init', '-q');
    writeFileSync(join(dir, 'tracked-ignored.js'), PROBE_CJS);
    git(dir, 'add', '-f', 'tracked-ignored.js');
    symlinkSync(join(dir, 'plain.js'), join(dir, 'link.js'));
    commitAll(dir);
    for (let i = 0; i < 2 * MIN_FILES; i++) writeFileSync(join(dir, `quiet${i}.js`), `export const value${i} = ${i};\n`);
    const visited = await scanFolders([dir], rg as string);
    const name = (file: string): string => file.slice(dir.length + 1);
    // (ripgrep may visit the hidden file: the listing leaves it out whatever ripgrep says of it.)
    expect([...(visited ?? new Map<string, boolean>()).entries()].filter(([file, says]) => says && file !== join(dir, '.hidden.js')).map(([file]) => name(file))).toEqual(['plain.js']);
    expect(visited?.get(join(dir, 'quiet.js'))).toBe(false);
    for (const skipped of ['tracked-ignored.js', 'dot-ignored.js', 'build/probe.js', 'link.js']) expect(visited?.has(join(dir, skipped)), skipped).toBe(false);
    // A list holding them: each answered, from the folder scan or from a run of its own.
    let found = 0;
    const scan = createListScan(rg as string, [dir], () => found++);
    const list = ['plain.js', 'quiet.js', 'tracked-ignored.js', 'dot-ignored.js', 'build/probe.js', 'link.js', 'quiet0.js'].map((file) => join(dir, file));
    const answer = await scan(list);
    expect(found).toBe(1);
    expect([...(answer?.matched ?? [])].map(name).sort()).toEqual(['plain.js']);
    // Too few to pay for a ripgrep start: the JavaScript reader reads what the folder scan did not visit.
    expect([...(answer?.unanswered ?? [])].map(name).sort()).toEqual(['build/probe.js', 'dot-ignored.js', 'link.js', 'tracked-ignored.js']);
    // The whole run finds the probes in all of them, with the pre-scan and without.
    const withRg = runCli(['--json', '--no-typecheck', '--check', '.'], dir, { HERMES_CODEMOD_RIPGREP: '1' });
    const without = runCli(['--json', '--no-typecheck', '--check', '.'], dir, { HERMES_CODEMOD_RIPGREP: '0' });
    expect(withRg.stdout).toBe(without.stdout);
    expect(withRg.stderr).toBe(without.stderr);
    const report = JSON.parse(withRg.stdout) as { files: { path: string }[] };
    // (link.js is plain.js again: one report.)
    expect(report.files.map((file) => file.path).sort()).toEqual(['build/probe.js', 'dot-ignored.js', 'plain.js', 'tracked-ignored.js']);
  });

  it('leaves every file to the reader when the binary cannot start (absent, or not for this platform)', async () => {
    const dir = trickyTree();
    const names = ['plain.js', 'words.js', 'quiet/file0.js'].map((name) => join(dir, name));
    const { matched, unanswered } = await filesMentioningKill(names, join(dir, 'no-such-rg'));
    expect(matched.size).toBe(0);
    expect([...unanswered].sort()).toEqual([...names].sort());
  });

  it.skipIf(rg === undefined)(`gives the same report as the JavaScript reader on the fixture corpus and on tricky files (skipped when ${NO_RG})`, () => {
    const dir = trickyTree();
    cpSync(corpus, join(dir, 'fixtures'), { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{ "name": "tree" }\n');
    const withRg = runCli(['--json', '--no-typecheck', '.'], dir, { HERMES_CODEMOD_RIPGREP: '1' });
    const without = runCli(['--json', '--no-typecheck', '.'], dir, { HERMES_CODEMOD_RIPGREP: '0' });
    expect(withRg.stderr).toBe(without.stderr);
    expect(withRg.status).toBe(without.status);
    expect(withRg.stdout).toBe(without.stdout);
    const report = JSON.parse(withRg.stdout) as { summary: { filesScanned?: number }; files: { path: string }[] };
    const paths = report.files.map((file) => file.path);
    // Not two empty runs: the tricky files and the corpus's probes are all there.
    expect(paths).toEqual(expect.arrayContaining(['late.js', 'lib/other.ts', 'nul.js', 'plain.js', 'utf16.js']));
    expect(paths.filter((path) => path.startsWith('fixtures/')).length).toBeGreaterThan(50);
  });
});
