// rewriteProject checks only what a change can reach, as the CLI does (issue 29): the program it
// builds is rooted at the files it rewrites, so a file of the user's Project that nothing rewritten
// imports is never resolved into a program (ts-morph adds every file its own program reaches to the
// project: that is how the test sees it).
import { Project } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { rewriteProject } from 'hermes-pid/ts-morph';

const PROBE = `export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
`;

describe('hermes-pid/ts-morph rewriteProject', () => {
  it('builds no program of every file of the project: an import only an unrelated file makes is never resolved', () => {
    const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { strict: true, noEmit: true } });
    project.createSourceFile('/src/alive.ts', PROBE);
    project.getFileSystem().writeFileSync('/node_modules/unrelated-lib/package.json', JSON.stringify({ name: 'unrelated-lib', types: 'index.d.ts' }));
    project.getFileSystem().writeFileSync('/node_modules/unrelated-lib/index.d.ts', 'export declare const answer: number;\n');
    project.createSourceFile('/src/other.ts', "import { answer } from 'unrelated-lib';\nexport const twice = answer * 2;\n");

    const [result] = rewriteProject(project);

    expect(result).toMatchObject({ changed: true, addedDiagnostics: [] });
    expect(result?.sourceFile.getFullText()).toContain("import { pidIsAlive } from 'hermes-pid';");
    expect(project.getSourceFile('/node_modules/unrelated-lib/index.d.ts')).toBeUndefined();
    // The user's project still works as before: its own program reaches the library.
    expect(project.getPreEmitDiagnostics().map((diagnostic) => diagnostic.getMessageText())).not.toContainEqual(expect.stringContaining('unrelated-lib'));
    expect(project.getSourceFile('/node_modules/unrelated-lib/index.d.ts')).toBeDefined();
  });

  it('still refuses a rewrite that adds a diagnostic to the file, from the project files it imports', () => {
    const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { strict: true, noEmit: true } });
    // wrapper.ts's pidIsAlive takes one argument: the rewrite's call passes two.
    project.createSourceFile('/src/wrapper.ts', 'export function pidIsAlive(pid: string): boolean {\n  return pid.length > 0;\n}\n');
    project.createSourceFile('/src/alive.ts', PROBE);
    const [result] = rewriteProject(project, { importSource: './src/wrapper', cwd: '/' });
    expect(result).toMatchObject({ changed: false, addedDiagnostics: [expect.stringMatching(/^TS2554 Expected 1 arguments, but got 2\./)] });
    expect(result?.sourceFile.getFullText()).toBe(PROBE);
  });
});
