// configs.recommended parses what Node runs: in a CommonJS package (no "type"), a .js daemon with
// '\033[0m' escapes and 0755 is linted and its probe found, not a "Parsing error: Octal literal in
// strict mode"; a .cjs likewise; .mjs stays a module; and the README's per-folder override makes a
// `{"type":"module"}` marker folder of a dual build a module again. Real ESLint, real config file.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { ESLint } from 'eslint';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { transformSource } from '../../src/codemod/index.js';
import { moduleTypeOf } from '../../src/internal/package-scope.js';
import { removeTempTrees, tempTree } from '../codemod/temp-tree.js';
import { FIXTURES } from './support/corpus.js';
import { repoRoot } from '../support/scratch-project.js';

afterAll(removeTempTrees);

const plugin = pathToFileURL(join(repoRoot, 'dist/esm/src/eslint-plugin/main.js')).href;
const eslintBin = join(repoRoot, 'node_modules/eslint/bin/eslint.js');
const ESM_PROBE = "import { readFileSync } from 'node:fs';\n\nexport function isUp(file) {\n  const pid = Number(readFileSync(file, 'utf8'));\n  try {\n    process.kill(pid, 0);\n    return true;\n  } catch {\n    return false;\n  }\n}\n";

interface Result {
  filePath: string;
  messages: { ruleId: string | null; fatal?: boolean; message: string }[];
}

function lint(dir: string): Record<string, string[]> {
  let out: string;
  try {
    out = execFileSync(process.execPath, [eslintBin, '--format', 'json', '.'], { cwd: dir, encoding: 'utf8' });
  } catch (error) {
    out = (error as { stdout: string }).stdout; // exit 1: findings
  }
  const results = JSON.parse(out) as Result[];
  return Object.fromEntries(results.map((r) => [r.filePath.slice(dir.length + 1), r.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`)]));
}

describe('configs.recommended in a CommonJS package', { timeout: 60_000 }, () => {
  const files = {
    'package.json': '{\n  "name": "old-daemon",\n  "version": "1.0.0"\n}\n',
    'lib/daemon.js': readFileSync(join(FIXTURES, 'cjs-octal-escape-script/input.js'), 'utf8'),
    'lib/legacy.cjs': readFileSync(join(FIXTURES, 'cjs-octal-literal-script/input.cjs'), 'utf8'),
    'tools/status.mjs': ESM_PROBE,
    'lib/esm/package.json': '{"type":"module"}\n',
    'lib/esm/probe.js': ESM_PROBE,
  };

  // Every file of the tree holds a probe the recommended config must find.
  const EVERY_PROBE = {
    'lib/daemon.js': ['hermes-pid/no-raw-liveness-probe'],
    'lib/esm/probe.js': ['hermes-pid/no-raw-liveness-probe'],
    'lib/legacy.cjs': ['hermes-pid/no-raw-liveness-probe'],
    'tools/status.mjs': ['hermes-pid/no-raw-liveness-probe'],
    'eslint.config.mjs': [],
  };

  it('finds the probe in octal-escape scripts; the documented per-folder override parses the ESM build', () => {
    const dir = tempTree({
      ...files,
      // As the README shows it.
      'eslint.config.mjs': `import hermesPid from ${JSON.stringify(plugin)};\n\nexport default [\n  ...hermesPid.configs.recommended,\n  { files: ['lib/esm/**/*.js'], languageOptions: { sourceType: 'module' } },\n];\n`,
    });
    expect(lint(dir)).toEqual(EVERY_PROBE);
  });

  it('without an override, the marker folder is read as Node reads it (a module) and its probe is found', () => {
    const dir = tempTree({ ...files, 'eslint.config.mjs': `import hermesPid from ${JSON.stringify(plugin)};\n\nexport default [...hermesPid.configs.recommended];\n` });
    expect(lint(dir)).toEqual(EVERY_PROBE);
  });
});

/** Each file's text after accepting its first no-raw-liveness-probe suggestion, from ESLint run in `dir` on its own config file. */
async function acceptedSuggestions(dir: string): Promise<Record<string, string>> {
  const eslint = new ESLint({ cwd: dir });
  const accepted: Record<string, string> = {};
  for (const result of await eslint.lintFiles(['.'])) {
    const fatal = result.messages.find((m) => m.fatal === true);
    if (fatal !== undefined) throw new Error(`${result.filePath}: ${fatal.message}`);
    const fix = result.messages.find((m) => m.ruleId === 'hermes-pid/no-raw-liveness-probe')?.suggestions?.[0]?.fix;
    if (fix === undefined) continue;
    const text = readFileSync(result.filePath, 'utf8');
    accepted[relative(dir, result.filePath)] = text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
  }
  return accepted;
}

function codemodOutput(dir: string, file: string): string {
  const path = join(dir, file);
  return transformSource(readFileSync(path, 'utf8'), { fileName: path, moduleType: moduleTypeOf(dirname(path)) }).output;
}

const CJS_PROBE = "const fs = require('fs');\n\nfunction isUp(file) {\n  const pid = Number(fs.readFileSync(file, 'utf8'));\n  try {\n    process.kill(pid, 0);\n    return true;\n  } catch {\n    return false;\n  }\n}\n\nmodule.exports = { isUp };\n";
const CONFIG = `import hermesPid from ${JSON.stringify(plugin)};\n\nexport default [...hermesPid.configs.recommended];\n`;

describe('configs.recommended decides each .js file from its own nearest package.json', { timeout: 60_000 }, () => {
  it('takes the sourceType a config gives bundler sources with sourceTypeFromPackageJson: false, as docs/eslint-plugin.md shows', () => {
    const page = readFileSync(join(repoRoot, 'docs/eslint-plugin.md'), 'utf8');
    const override = /\n {2}(\{ files: \['src\/\*\*\/\*\.js'\].*\}),\n/.exec(page)?.[1];
    expect(override).toBeDefined();
    const tree = { 'package.json': '{\n  "name": "bundled",\n  "version": "1.0.0"\n}\n', 'src/probe.js': ESM_PROBE };
    const plain = tempTree({ ...tree, 'eslint.config.mjs': CONFIG });
    expect(lint(plain)['src/probe.js']?.[0]).toMatch(/^fatal: Parsing error: .*'import' and 'export' may appear only with 'sourceType: module'/);
    const overridden = tempTree({ ...tree, 'eslint.config.mjs': `import hermesPid from ${JSON.stringify(plugin)};\n\nexport default [\n  ...hermesPid.configs.recommended,\n  ${String(override)},\n];\n` });
    expect(lint(overridden)['src/probe.js']).toEqual(['hermes-pid/no-raw-liveness-probe']);
  });

  // A package of one module type holding a folder whose marker says the other: both files reported, each
  // suggestion the codemod's, and the marked file's import in its own form.
  const markerCases: { name: string; tree: Record<string, string>; marked: string; other: string; importForm: string }[] = [
    {
      name: 'an ESM .js under a {"type":"module"} marker inside a CommonJS package',
      tree: {
        'package.json': '{\n  "name": "dual",\n  "version": "1.0.0"\n}\n',
        'lib/cjs/probe.js': CJS_PROBE,
        'lib/esm/package.json': '{"type":"module"}\n',
        'lib/esm/probe.js': ESM_PROBE,
      },
      marked: 'lib/esm/probe.js',
      other: 'lib/cjs/probe.js',
      importForm: "import { pidIsAlive } from 'hermes-pid';",
    },
    {
      name: 'a CommonJS .js under a {"type":"commonjs"} marker inside an ESM package',
      tree: {
        'package.json': '{\n  "name": "modern",\n  "version": "1.0.0",\n  "type": "module"\n}\n',
        'src/probe.js': ESM_PROBE,
        // A sloppy-mode script: a parsing error if read as a module.
        'legacy/package.json': '{"type":"commonjs"}\n',
        'legacy/probe.js': `${CJS_PROBE}const MODE = 0755;\n`,
      },
      marked: 'legacy/probe.js',
      other: 'src/probe.js',
      importForm: "require('hermes-pid')",
    },
  ];
  it.each(markerCases.map((marker) => [marker.name, marker] as const))("%s: reported, the suggestion is the codemod's", async (_name, { tree, marked, other, importForm }) => {
    const dir = tempTree({ ...tree, 'eslint.config.mjs': CONFIG });
    expect(lint(dir)).toEqual({ [other]: ['hermes-pid/no-raw-liveness-probe'], [marked]: ['hermes-pid/no-raw-liveness-probe'], 'eslint.config.mjs': [] });
    const accepted = await acceptedSuggestions(dir);
    expect(accepted[marked]).toContain(importForm);
    expect(accepted[marked]).toBe(codemodOutput(dir, marked));
    expect(accepted[other]).toBe(codemodOutput(dir, other));
  });
});
