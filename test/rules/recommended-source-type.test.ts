// configs.recommended parses what Node runs: in a CommonJS package (no "type"), a .js daemon with
// '\033[0m' escapes and 0755 is linted and its probe found, not a "Parsing error: Octal literal in
// strict mode"; a .cjs likewise; .mjs stays a module; and the README's per-folder override makes a
// `{"type":"module"}` marker folder of a dual build a module again. Real ESLint, real config file.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
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

  it('finds the probe in octal-escape scripts; the documented per-folder override parses the ESM build', () => {
    const dir = tempTree({
      ...files,
      // As the README shows it.
      'eslint.config.mjs': `import hermesPid from ${JSON.stringify(plugin)};\n\nexport default [\n  ...hermesPid.configs.recommended,\n  { files: ['lib/esm/**/*.js'], languageOptions: { sourceType: 'module' } },\n];\n`,
    });
    expect(lint(dir)).toEqual({
      'lib/daemon.js': ['hermes-pid/no-raw-liveness-probe'],
      'lib/esm/probe.js': ['hermes-pid/no-raw-liveness-probe'],
      'lib/legacy.cjs': ['hermes-pid/no-raw-liveness-probe'],
      'tools/status.mjs': ['hermes-pid/no-raw-liveness-probe'],
      'eslint.config.mjs': [],
    });
  });

  it('without the override, the marker folder is read as the package says (CommonJS) and ESLint says so', () => {
    const dir = tempTree({ ...files, 'eslint.config.mjs': `import hermesPid from ${JSON.stringify(plugin)};\n\nexport default [...hermesPid.configs.recommended];\n` });
    const results = lint(dir);
    expect(results['lib/daemon.js']).toEqual(['hermes-pid/no-raw-liveness-probe']);
    expect(results['lib/esm/probe.js']?.[0]).toMatch(/^fatal: Parsing error: .*'import' and 'export' may appear only with 'sourceType: module'/);
  });
});
