// analyseFile gives each site ESLint's line and column (the codemod's parse keeps no `loc`): from one
// table of line starts per text, lines ending at \n, \r\n, a lone \r, U+2028 and U+2029 (as ESLint
// counts them). Each site's position must equal the count of those breaks before it, on both parsers' trees.
import { describe, expect, it } from 'vitest';
import { analyseFile } from '../../src/analysis/analyse-file.js';
import { parseSource } from '../../src/codemod/parse.js';

const BREAKS = { lf: '\n', crlf: '\r\n', cr: '\r', ls: '\u2028', ps: '\u2029', mixed: '\r\n' } as const;

/** Four probes on lines of their own and one after a multi-line comment, with `eol` between lines. */
function sourceWith(eol: string, name: keyof typeof BREAKS): string {
  const lines = [
    'function a(pid) {',
    '  try { return process.kill(pid, 0) } catch { return false }',
    '}',
    `/* a comment${name === 'mixed' ? '\r' : eol}over lines${name === 'mixed' ? '\u2028' : eol}*/ const b = (pid) => { try { process.kill(pid, 0); return true } catch (e) { return e.code === 'EPERM' } }`,
    '',
    '    const c = (pid) => { try { process.kill(pid, 0); return true } catch { return false } }',
    'export { a, b, c }',
  ];
  return lines.join(eol);
}

describe('site positions', () => {
  for (const [name, eol] of Object.entries(BREAKS) as [keyof typeof BREAKS, string][]) {
    for (const fileName of ['file.ts', 'file.mjs']) {
      it(`${name} line breaks, ${fileName}`, () => {
        const { source, error } = parseSource(fileName, sourceWith(eol, name), 'module');
        if (source === undefined) throw new Error(`not parsed: ${error}`);
        const { sites } = analyseFile(source);
        expect(sites).toHaveLength(3);
        const expected = sites.map((site) => {
          const before = source.text.slice(0, site.start);
          const lineBreaks = before.match(/\r\n|[\n\r\u2028\u2029]/g) ?? [];
          const lastBreak = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'), before.lastIndexOf('\u2028'), before.lastIndexOf('\u2029'));
          return { line: lineBreaks.length + 1, column: site.start - lastBreak };
        });
        expect(sites.map(({ line, column }) => ({ line, column }))).toEqual(expected);
        expect(sites.map((s) => s.line)).toEqual([2, 6, 8]);
      });
    }
  }
});
