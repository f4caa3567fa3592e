// The README says a suggestion is the codemod's rewrite: here it is checked byte for byte. Every case
// of the corpus, and real files in package trees (a plain CommonJS script, an ESM .js under a
// `{"type":"module"}` marker, a double-quoted file, a .cjs, a .mts), is linted with configs.recommended
// (ESLint 10, the file's real path) and every suggestion accepted in turn, then compared with the
// codemod's output for that file (run to a fixed point, as the CLI reads the package type).
import { dirname, join, relative } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { transformSource } from '../../src/codemod/index.js';
import plugin from '../../src/eslint-plugin/index.js';
import { moduleTypeOf } from '../../src/internal/package-scope.js';
import { removeTempTrees, tempTree } from '../codemod/temp-tree.js';
import { loadCorpus, type CaseEslintOptions } from '../rules/support/corpus.js';

const RULE = 'hermes-pid/no-raw-liveness-probe';
const GLOBALS = { process: 'readonly', require: 'readonly', module: 'writable', console: 'readonly', setInterval: 'readonly' } as const;

afterAll(removeTempTrees);

/** The text after accepting the first suggestion of the rule, again and again, until none is left. */
function acceptEverySuggestion(code: string, filePath: string, cwd: string, eslint: CaseEslintOptions = {}): string {
  const linter = new Linter({ cwd });
  // ESLint's own parser for JavaScript, typescript-eslint's for TypeScript; the case's eslint.json only
  // where it names a sourceType (the rest is configs.recommended's).
  const config: Linter.Config[] = [
    { files: ['**/*.{ts,mts,cts,tsx}'], languageOptions: { parser: tsParser } },
    { files: ['**/*.jsx'], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
    ...plugin.configs.recommended,
    { files: ['**/*'], languageOptions: { globals: GLOBALS, ...(eslint.sourceType === undefined ? {} : { sourceType: eslint.sourceType }) } },
  ];
  const bom = code.startsWith('\uFEFF') ? '\uFEFF' : '';
  let text = code.slice(bom.length);
  for (let round = 0; round < 10; round++) {
    const messages = linter.verify(text, config, filePath);
    const fatal = messages.find((m) => m.fatal === true);
    if (fatal !== undefined) throw new Error(`${relative(cwd, filePath)}: ${fatal.message}`);
    const fix = messages.find((m) => m.ruleId === RULE && m.suggestions !== undefined && m.suggestions.length > 0)?.suggestions?.[0]?.fix;
    if (fix === undefined) return bom + text;
    text = text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
  }
  throw new Error('suggestions never ran out');
}

function codemodToFixedPoint(code: string, filePath: string): string {
  const options = { fileName: filePath, moduleType: moduleTypeOf(dirname(filePath)) };
  let text = code;
  for (let round = 0; round < 10; round++) {
    const result = transformSource(text, options);
    if (!result.changed) return text;
    text = result.output;
  }
  throw new Error('the codemod never settled');
}

const root = join(import.meta.dirname, '..', '..');

describe('every suggestion is the codemod rewrite: the corpus', () => {
  it.each(loadCorpus())('$name', ({ code, filePath, eslint }) => {
    expect(acceptEverySuggestion(code, filePath, root, eslint)).toBe(codemodToFixedPoint(code, filePath));
  });
});

const PROBE = (q: string): string => `var alive = function (pid) {\n  try {\n    process.kill(pid, 0);\n    return true;\n  } catch (e) {\n    return false;\n  }\n};\n\nsetInterval(function () {\n  console.log(alive(process.pid) ? ${q}up${q} : ${q}down${q});\n}, 1000);\n`;

describe('every suggestion is the codemod rewrite: files in package trees', () => {
  const files: Record<string, string> = {
    // A CommonJS package (no "type") with a dual build: lib/esm/ is ESM by its marker.
    'package.json': '{\n  "name": "daemon",\n  "version": "1.0.0"\n}\n',
    'bin/script.js': PROBE("'"),
    'lib/esm/package.json': '{"type":"module"}\n',
    'lib/esm/probe.js': PROBE("'"),
    'quoted/script.js': PROBE('"'),
    'lib/probe.cjs': PROBE("'"),
    'src/probe.mts': `export function alive(pid: number): boolean {\n  try {\n    process.kill(pid, 0);\n    return true;\n  } catch {\n    return false;\n  }\n}\n`,
  };
  const tree = tempTree(files);
  const cases: [string, RegExp][] = [
    ['bin/script.js', /^const \{ pidIsAlive \} = require\('hermes-pid'\);\n/],
    ['lib/esm/probe.js', /^import \{ pidIsAlive \} from 'hermes-pid';\n/],
    ['quoted/script.js', /^const \{ pidIsAlive \} = require\("hermes-pid"\);\n/],
    ['lib/probe.cjs', /^const \{ pidIsAlive \} = require\('hermes-pid'\);\n/],
    ['src/probe.mts', /^import \{ pidIsAlive \} from 'hermes-pid';\n/],
  ];
  it.each(cases)('%s', (file, added) => {
    const path = join(tree, file);
    const code = files[file] ?? '';
    const suggested = acceptEverySuggestion(code, path, tree);
    expect(suggested).toBe(codemodToFixedPoint(code, path));
    expect(suggested).toMatch(added);
  });
});
