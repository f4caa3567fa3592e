// The dependency comes with the import: hermes-pid goes into the package.json of each rewritten
// file (the nearest that is not a {"type": ...} marker), as a minimal text edit that keeps
// indentation, key order and the final newline.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PACKAGE_VERSION } from '../../src/meta.js';
import { runCli } from './support.js';
import { commitAll, git, PROBE_CJS, removeTempTrees, snapshot, tempTree, writeFiles } from './temp-tree.js';

afterAll(removeTempTrees);

const RANGE = `^${PACKAGE_VERSION}`;

function manifest(dir: string, path = 'package.json'): string {
  return readFileSync(join(dir, path), 'utf8');
}

describe('hermes-codemod adds hermes-pid to package.json', { timeout: 240_000 }, () => {
  it('keeps the indentation (2, 4 spaces, tabs), the key order, the line ends and a missing final newline', () => {
    const dir = tempTree({
      'two/package.json': '{\n  "name": "two",\n  "version": "1.0.0",\n  "dependencies": {\n    "commander": "^14.0.0",\n    "zod": "^4.0.0"\n  }\n}\n',
      'two/index.js': PROBE_CJS,
      'four/package.json': '{\n    "name": "four",\n    "version": "1.0.0"\n}',
      'four/lib/a.js': PROBE_CJS,
      'four/lib/b.js': PROBE_CJS,
      'tabs/package.json': '{\r\n\t"name": "tabs",\r\n\t"dependencies": {\r\n\t\t"zod": "^4.0.0",\r\n\t\t"commander": "^14.0.0"\r\n\t}\r\n}\r\n',
      'tabs/index.js': PROBE_CJS,
    });
    const run = runCli([], dir);
    expect(run.status).toBe(0);
    expect(manifest(dir, 'two/package.json')).toBe(`{\n  "name": "two",\n  "version": "1.0.0",\n  "dependencies": {\n    "commander": "^14.0.0",\n    "hermes-pid": "${RANGE}",\n    "zod": "^4.0.0"\n  }\n}\n`);
    // Once, although two files below it changed; no final newline added.
    expect(manifest(dir, 'four/package.json')).toBe(`{\n    "name": "four",\n    "version": "1.0.0",\n    "dependencies": {\n        "hermes-pid": "${RANGE}"\n    }\n}`);
    // Unsorted keys stay as they are; the new one goes last.
    expect(manifest(dir, 'tabs/package.json')).toBe(`{\r\n\t"name": "tabs",\r\n\t"dependencies": {\r\n\t\t"zod": "^4.0.0",\r\n\t\t"commander": "^14.0.0",\r\n\t\t"hermes-pid": "${RANGE}"\r\n\t}\r\n}\r\n`);
    expect(run.stdout).toMatch(new RegExp(`hermes-pid \\${RANGE} added to dependencies in:\\n  four/package\\.json\\n  tabs/package\\.json\\n  two/package\\.json\\nRun your package manager's install`));
  });

  it('leaves a package.json alone that has it in devDependencies or peerDependencies, or that is hermes-pid', () => {
    const files = {
      'dev/package.json': '{\n  "name": "dev",\n  "devDependencies": { "hermes-pid": "^0.0.1" }\n}\n',
      'dev/index.js': PROBE_CJS,
      'peer/package.json': '{\n  "name": "peer",\n  "peerDependencies": { "hermes-pid": "*" }\n}\n',
      'peer/index.js': PROBE_CJS,
      'self/package.json': '{\n  "name": "hermes-pid"\n}\n',
      'self/index.js': PROBE_CJS,
    };
    const dir = tempTree(files);
    const run = runCli([], dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/files changed\s+3\n/);
    expect(run.stdout).not.toContain('added to dependencies');
    for (const name of ['dev/package.json', 'peer/package.json', 'self/package.json']) expect(manifest(dir, name)).toBe(files[name as keyof typeof files]);
  });

  it('--no-add-dependency and another --import-source leave package.json alone', () => {
    const text = '{\n  "name": "app"\n}\n';
    const dir = tempTree({ 'package.json': text, 'a.js': PROBE_CJS, 'b/package.json': text, 'b/b.js': PROBE_CJS });
    expect(runCli(['--no-add-dependency', 'a.js'], dir).status).toBe(0);
    expect(runCli(['--import-source', 'my-pid', 'b'], dir).status).toBe(0);
    expect(readFileSync(join(dir, 'a.js'), 'utf8')).toContain("require('hermes-pid')");
    expect(readFileSync(join(dir, 'b/b.js'), 'utf8')).toContain("require('my-pid')");
    expect(manifest(dir)).toBe(text);
    expect(manifest(dir, 'b/package.json')).toBe(text);
  });

  it('--dry shows it as a diff and --check counts it, neither writes', () => {
    const dir = tempTree({ 'package.json': '{\n  "name": "app"\n}\n', 'a.js': PROBE_CJS });
    const before = snapshot(dir);
    const dry = runCli(['--dry'], dir);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain(`--- a/package.json\n+++ b/package.json\n@@ -1,3 +1,6 @@\n {\n-  "name": "app"\n+  "name": "app",\n+  "dependencies": {\n+    "hermes-pid": "${RANGE}"\n+  }\n }\n`);
    const check = runCli(['--check', '--json'], dir);
    expect(check.status).toBe(1);
    const report = JSON.parse(check.stdout) as { summary: { packageJsonsChanged: number }; dependencies: { changed: string[] } };
    expect(report.summary.packageJsonsChanged).toBe(1);
    expect(report.dependencies.changed).toEqual(['package.json']);
    expect(snapshot(dir)).toEqual(before);
  });

  it('passes over {"type": ...} markers of a dual build: the dependency goes into the real manifest, the markers stay byte-identical', () => {
    const probe = 'function isUp(pid) {\n  try {\n    process.kill(pid, 0);\n    return true;\n  } catch {\n    return false;\n  }\n}\n';
    const files = {
      'package.json': '{\n  "name": "dual",\n  "version": "1.0.0"\n}\n',
      'lib/esm/package.json': '{"type":"module"}\n',
      'lib/esm/probe.js': `${probe}export { isUp };\n`,
      'lib/esm/plain.js': `${probe}globalThis.isUp = isUp;\n`,
      'lib/cjs/package.json': '{\n  "type": "commonjs",\n  "sideEffects": false\n}\n',
      'lib/cjs/plain.js': `${probe}setInterval(() => isUp(1), 1000).unref();\n`,
    };
    const dir = tempTree(files);
    const run = runCli(['--json', '--write'], dir);
    expect(run.status).toBe(0);
    for (const marker of ['lib/esm/package.json', 'lib/cjs/package.json']) expect(manifest(dir, marker)).toBe(files[marker as keyof typeof files]);
    expect(JSON.parse(manifest(dir)) as unknown).toEqual({ name: 'dual', version: '1.0.0', dependencies: { 'hermes-pid': RANGE } });
    // Under the ESM marker a file with no module syntax of its own gets an import; under the CommonJS one, require.
    expect(manifest(dir, 'lib/esm/plain.js')).toMatch(/^import \{ pidIsAlive \} from 'hermes-pid';\n/);
    expect(manifest(dir, 'lib/cjs/plain.js')).toMatch(/^const \{ pidIsAlive \} = require\('hermes-pid'\);\n/);
    const report = JSON.parse(run.stdout) as { dependencies: { changed: string[]; notes: string[] } };
    expect(report.dependencies.changed).toEqual(['package.json']);
    // Node loads each changed file as the marker says.
    for (const file of ['lib/esm/probe.js', 'lib/esm/plain.js', 'lib/cjs/plain.js']) {
      expect(spawnSync(process.execPath, ['--check', join(dir, file)], { encoding: 'utf8' }).stderr, file).toBe('');
    }
    // A marker with no manifest above it: nothing is edited, and the summary says so.
    const alone = tempTree({ 'esm/package.json': '{"type":"module"}\n', 'esm/probe.js': `${probe}export { isUp };\n` });
    const second = JSON.parse(runCli(['--json'], alone).stdout) as { dependencies: { changed: string[]; notes: string[] } };
    expect(manifest(alone, 'esm/package.json')).toBe('{"type":"module"}\n');
    expect(second.dependencies.changed).toEqual([]);
    expect(second.dependencies.notes.join('\n')).toMatch(/no package manifest above .*esm.probe\.js \(a \{"type": \.\.\.\} marker is not one\)/);
  });

  describe('a build folder\'s copy of package.json is not the manifest', () => {
    interface Report {
      dependencies: { changed: string[]; notes: string[] };
      summary: { filesChanged: number };
    }
    const copy = (name: string): string => `{\n  "name": "${name}",\n  "version": "2.0.0",\n  "type": "commonjs",\n  "dependencies": {\n    "zod": "^4.0.0"\n  }\n}\n`;
    const added = (name: string): unknown => ({ name, version: '2.0.0', type: 'commonjs', dependencies: { zod: '^4.0.0', 'hermes-pid': RANGE } });

    it('a full copy in dist/ (the @remix-run/dev layout): `hermes-codemod dist` edits the root manifest, never the copy', () => {
      const files = { 'package.json': copy('remixish'), 'dist/package.json': copy('remixish'), 'dist/index.js': PROBE_CJS, 'build/server/package.json': copy('remixish'), 'build/server/a.js': PROBE_CJS };
      const dir = tempTree(files);
      const run = runCli(['--json', '--write', 'dist', 'build'], dir);
      expect(run.status).toBe(0);
      const report = JSON.parse(run.stdout) as Report;
      expect(report.summary.filesChanged).toBe(2);
      expect(report.dependencies.changed).toEqual(['package.json']);
      expect(JSON.parse(manifest(dir)) as unknown).toEqual(added('remixish'));
      expect(manifest(dir, 'dist/package.json')).toBe(files['dist/package.json']);
      expect(manifest(dir, 'build/server/package.json')).toBe(files['build/server/package.json']);
    });

    it('a copy with a {"type": ...} marker below it: both passed over', () => {
      const files = { 'package.json': copy('dual'), 'out/package.json': copy('dual'), 'out/esm/package.json': '{"type":"module"}\n', 'out/esm/index.js': `${PROBE_CJS.replace('module.exports = { isUp };', 'export { isUp };')}` };
      const dir = tempTree(files);
      const report = JSON.parse(runCli(['--json', '--write', 'out'], dir).stdout) as Report;
      expect(report.dependencies.changed).toEqual(['package.json']);
      expect(JSON.parse(manifest(dir)) as unknown).toEqual(added('dual'));
      for (const kept of ['out/package.json', 'out/esm/package.json'] as const) expect(manifest(dir, kept)).toBe(files[kept]);
      expect(manifest(dir, 'out/esm/index.js')).toMatch(/^import \{ pidIsAlive \} from 'hermes-pid';\n/);
    });

    it('in a workspace: the copy in a package\'s dist/ sends it to that package; a package in lib/ or a dist/ with a name of its own keeps its manifest', () => {
      const root = '{\n  "name": "mono",\n  "private": true,\n  "workspaces": ["packages/*", "lib"]\n}\n';
      const files = {
        'package.json': root,
        'packages/app/package.json': copy('@mono/app'),
        'packages/app/dist/package.json': copy('@mono/app'),
        'packages/app/dist/index.js': PROBE_CJS,
        'lib/package.json': copy('@mono/lib'),
        'lib/index.js': PROBE_CJS,
        'packages/web/package.json': copy('@mono/web'),
        'packages/web/dist/package.json': copy('@mono/web-dist'),
        'packages/web/dist/index.js': PROBE_CJS,
      };
      const dir = tempTree(files);
      // Build folders are left out of a walk; named, they are processed.
      const report = JSON.parse(runCli(['--json', '--write', 'packages/app/dist', 'lib', 'packages/web/dist'], dir).stdout) as Report;
      expect(report.summary.filesChanged).toBe(3);
      expect(report.dependencies.changed).toEqual(['lib/package.json', 'packages/app/package.json', 'packages/web/dist/package.json']);
      expect(manifest(dir)).toBe(root);
      expect(manifest(dir, 'packages/app/dist/package.json')).toBe(files['packages/app/dist/package.json']);
      expect(JSON.parse(manifest(dir, 'packages/app/package.json')) as unknown).toEqual(added('@mono/app'));
      expect(JSON.parse(manifest(dir, 'lib/package.json')) as unknown).toEqual(added('@mono/lib'));
      expect(JSON.parse(manifest(dir, 'packages/web/dist/package.json')) as unknown).toEqual(added('@mono/web-dist'));
    });
  });

  it('says when there is no package.json in the tree to add it to', () => {
    const dir = tempTree({ 'a.js': PROBE_CJS });
    const run = runCli(['--json', '--write'], dir);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { dependencies: { changed: string[]; notes: string[] } };
    expect(report.dependencies.changed).toEqual([]);
    expect(report.dependencies.notes.join('\n')).toMatch(/add hermes-pid@\^\d+\.\d+\.\d+ to its dependencies yourself/);
  });
});

describe('hermes-codemod and a dirty work tree', { timeout: 240_000 }, () => {
  it('refuses only when there is something to write; a second run shows nothing new in git status', () => {
    const dir = tempTree({ 'package.json': '{\n  "name": "app"\n}\n', 'a.js': PROBE_CJS }, { git: true });
    writeFiles(dir, { 'notes.txt': 'uncommitted\n' });
    const refused = runCli([], dir);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/refusing to write: uncommitted changes.*pass --force/s);
    expect(readFileSync(join(dir, 'a.js'), 'utf8')).toBe(PROBE_CJS);

    commitAll(dir);
    expect(runCli([], dir).status).toBe(0);
    const status = git(dir, 'status', '--porcelain');
    expect(status).toBe(' M a.js\n M package.json\n');
    const after = snapshot(dir);
    // Dirty now, but nothing left to write: no refusal, no change.
    const again = runCli([], dir);
    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/files changed\s+0\n/);
    expect(git(dir, 'status', '--porcelain')).toBe(status);
    expect(snapshot(dir)).toEqual(after);
  });
});
