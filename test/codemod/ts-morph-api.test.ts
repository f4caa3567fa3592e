// hermes-pid/ts-morph on an in-memory ts-morph project gives the same text and the same review
// reasons as a real CLI run over the same files on disk (the typed fixture trees).
import { cpSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Project, ts } from 'ts-morph';
import { afterAll, describe, expect, it } from 'vitest';
import { rewriteProject, rewriteSourceFile } from 'hermes-pid/ts-morph';
import { repoRoot } from '../support/scratch-project.js';
import { runCli } from './support.js';
import { removeTempTrees, snapshot, tempTree } from './temp-tree.js';

const fixtures = join(repoRoot, 'test/codemod/typed-fixtures');

/** The fixture's input as an in-memory project rooted at `/`, with its tsconfig's compiler options. */
function inMemory(input: string): Project {
  const config = JSON.parse(readFileSync(join(input, 'tsconfig.json'), 'utf8')) as { compilerOptions: unknown };
  const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, '/');
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: options });
  for (const [path, bytes] of snapshot(input)) {
    if (path === 'tsconfig.json') continue;
    if (path.endsWith('.ts')) project.createSourceFile(`/${path}`, bytes.toString('utf8'));
    else project.getFileSystem().writeFileSync(`/${path}`, bytes.toString('utf8'));
  }
  return project;
}

afterAll(removeTempTrees);

describe('hermes-pid/ts-morph', () => {
  for (const name of ['local-name-clash', 'nodenext-relative-source', 'verbatim-commonjs', 'wrong-signature-import-source']) {
    it(`rewrites ${name} as the CLI does, byte for byte`, () => {
      const { args } = JSON.parse(readFileSync(join(fixtures, name, 'case.json'), 'utf8')) as { args: string[] };
      const importSource = args[args.indexOf('--import-source') + 1];
      const dir = tempTree({});
      cpSync(join(fixtures, name, 'input'), dir, { recursive: true });
      const cli = runCli(['--force', '--json', '--write', '--no-add-dependency', ...args, '.'], dir);
      expect(cli.status).toBe(0);
      const report = JSON.parse(cli.stdout) as { files: { path: string; sites: { reason?: string }[] }[] };

      const project = inMemory(join(fixtures, name, 'input'));
      const results = rewriteProject(project, { importSource: args.includes('--import-source') ? importSource : undefined, cwd: '/' });
      for (const [path, bytes] of snapshot(dir)) {
        if (!path.endsWith('.ts')) continue;
        expect(project.getSourceFileOrThrow(`/${path}`).getFullText(), path).toBe(bytes.toString('utf8'));
      }
      expect(results.map((r) => [relative('/', r.sourceFile.getFilePath()), r.sites.map((s) => s.reason)])).toEqual(report.files.map((f) => [f.path, f.sites.map((s) => s.reason)]));
    });
  }

  it('reports the diagnostic a refused rewrite would add, and leaves the tree as it was', () => {
    const project = inMemory(join(fixtures, 'wrong-signature-import-source/input'));
    const sourceFile = project.getSourceFileOrThrow('/src/alive.ts');
    const before = sourceFile.getFullText();
    const result = rewriteSourceFile(sourceFile, { importSource: './src/wrapper', cwd: '/' });
    expect(result).toMatchObject({ changed: false, addedDiagnostics: [expect.stringMatching(/^TS2345 /)] });
    expect(sourceFile.getFullText()).toBe(before);
    expect(rewriteSourceFile(sourceFile, { importSource: './src/wrapper', cwd: '/', typecheck: false }).changed).toBe(true);
    expect(sourceFile.getFullText()).toContain("import { pidIsAlive } from './wrapper';"); // untyped: the CLI's --no-typecheck text
  });
});

