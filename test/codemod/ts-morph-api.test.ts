// hermes-pid/ts-morph on an in-memory ts-morph project gives the same text and the same review
// reasons as a real CLI run over the same files on disk (the typed fixture trees).
import { cpSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
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
  for (const name of ['local-name-clash', 'nodenext-relative-source', 'nodenext-ts-extension', 'verbatim-commonjs', 'wrong-signature-import-source']) {
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

  it('answers bad arguments with TypeErrors that say what is wrong, as the CLI refuses a bad --import-source', () => {
    const project = inMemory(join(fixtures, 'local-name-clash/input'));
    const sourceFile = project.getSourceFileOrThrow('/src/alive.ts');
    const before = sourceFile.getFullText();
    expect(() => rewriteSourceFile(undefined as never)).toThrow(new TypeError('rewriteSourceFile: expected a ts-morph SourceFile, got undefined'));
    expect(() => rewriteSourceFile(project as never)).toThrow(new TypeError('rewriteSourceFile: expected a ts-morph SourceFile, got a Project'));
    expect(() => rewriteProject({} as never)).toThrow(new TypeError('rewriteProject: expected a ts-morph Project, got an object'));
    expect(() => rewriteProject(sourceFile as never)).toThrow(new TypeError('rewriteProject: expected a ts-morph Project, got a SourceFile'));
    expect(() => rewriteSourceFile(sourceFile, { importSource: '' })).toThrow(new TypeError('rewriteSourceFile: options.importSource "" is empty'));
    expect(() => rewriteProject(project, { importSource: 'not a specifier' })).toThrow(TypeError);
    expect(() => rewriteProject(project, { importsource: 'x' } as never)).toThrow(/unknown option "importsource"/);
    expect(() => rewriteProject(project, { strict: 'yes' } as never)).toThrow(new TypeError('rewriteProject: options.strict must be a boolean, got string'));
    expect(() => rewriteProject(project, null as never)).toThrow(new TypeError('rewriteProject: options must be an object, got null'));
    expect(sourceFile.getFullText()).toBe(before);
  });

  /** The fixture copied to disk with @types/node linked, as a project read from its tsconfig (every file in it). */
  function onDisk(name: string): { dir: string; project: Project } {
    const dir = tempTree({});
    cpSync(join(fixtures, name, 'input'), dir, { recursive: true });
    mkdirSync(join(dir, 'node_modules/@types'), { recursive: true });
    symlinkSync(join(repoRoot, 'node_modules/@types/node'), join(dir, 'node_modules/@types/node'), 'dir');
    return { dir, project: new Project({ tsConfigFilePath: join(dir, 'tsconfig.json') }) };
  }

  it('refuses to make a script a module when another file uses its globals (TS2304 there), and rewrites one whose globals nobody uses', () => {
    const { dir, project } = onDisk('script-becomes-module');
    const util = project.getSourceFileOrThrow(join(dir, 'src/util.ts'));
    const before = util.getFullText();
    const [result] = rewriteProject(project);
    expect(result).toMatchObject({ changed: false, addedDiagnostics: [expect.stringMatching(/^TS2304 Cannot find name 'isAlive'\. \(in .*src\/user\.ts, /)] });
    expect(util.getFullText()).toBe(before);
    const unused = onDisk('script-unused-globals');
    expect(rewriteProject(unused.project).map((r) => r.changed)).toEqual([true]);
    expect(unused.project.getSourceFileOrThrow(join(unused.dir, 'src/util.ts')).getFullText()).toBe(readFileSync(join(fixtures, 'script-unused-globals/output/src/util.ts'), 'utf8'));
  });

  it("refuses a rewrite that changes an export's type (a function's inferred return, a class method's) and keeps one whose export is annotated", () => {
    const changes = "the exports' types would change, so importers could break: ";
    const plain = onDisk('exports-return-type');
    const results = rewriteProject(plain.project, { importSource: './src/pid', cwd: plain.dir });
    expect(results.map((r) => [relative(plain.dir, r.sourceFile.getFilePath()), r.changed, r.addedDiagnostics])).toEqual([
      ['src/alive.ts', false, [`${changes}isRunning: (pid: number) => boolean becomes (pid: number) => boolean | undefined`]],
      ['src/annotated.ts', true, []],
    ]);
    expect(plain.project.getSourceFileOrThrow(join(plain.dir, 'src/alive.ts')).getFullText()).toBe(readFileSync(join(fixtures, 'exports-return-type/input/src/alive.ts'), 'utf8'));
    const method = onDisk('exports-class-method');
    const [daemon] = rewriteProject(method.project, { importSource: './src/pid', cwd: method.dir });
    expect(daemon).toMatchObject({ changed: false, addedDiagnostics: [`${changes}Daemon.prototype.isRunning: () => boolean becomes () => boolean | undefined`] });
  });

  it('writes an import source only when it resolves in the project, and a .ts source as the module setting emits it', () => {
    const { project } = onDisk('paths-missing-import-source');
    const sourceFile = project.getSourceFiles().find((file) => file.getFilePath().endsWith('src/alive.ts'));
    expect(sourceFile).toBeDefined();
    const typo = rewriteSourceFile(sourceFile as never, { importSource: '@pid/typo' });
    expect(typo).toMatchObject({ changed: false, addedDiagnostics: ["TS2307 Cannot find module '@pid/typo' or its corresponding type declarations."] });
    expect(rewriteSourceFile(sourceFile as never, { importSource: '@pid/pid' }).changed).toBe(true);
    expect(sourceFile?.getFullText()).toContain("import { pidIsAlive } from '@pid/pid';");
    const nodenext = inMemory(join(fixtures, 'nodenext-ts-extension/input'));
    expect(rewriteSourceFile(nodenext.getSourceFileOrThrow('/src/alive.ts'), { importSource: './src/pid.ts', cwd: '/' }).changed).toBe(true);
    expect(nodenext.getSourceFileOrThrow('/src/alive.ts').getFullText()).toBe(readFileSync(join(fixtures, 'nodenext-ts-extension/output/src/alive.ts'), 'utf8'));
  });
});
