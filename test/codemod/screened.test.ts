// A candidate's pre-filter verdict is passed on, not asked again: the CLI's scan runs mayHoldProbe on
// every file it reads, and the main thread's engine takes a file it hands in as screened. Seen on a
// text the pre-filter turns away (no `kill`) that does not parse: screened, it is parsed (and the
// syntax error reported); not screened, it is turned away before any parse.
import { describe, expect, it } from 'vitest';
import { mayHoldProbe } from '../../src/codemod/may-hold-probe.js';
import { transformSourceWith } from '../../src/codemod/transform.js';
import { createTransformer } from '../../src/cli/transform/transformer.js';

const TURNED_AWAY = 'const broken = (;\n';

describe('the pre-filter verdict', () => {
  it('is asked by transformSourceWith unless the caller says it answered already', () => {
    expect(mayHoldProbe(TURNED_AWAY)).toBe(false);
    expect(transformSourceWith(TURNED_AWAY, { fileName: 'a.js' }, undefined, undefined).parseErrors).toEqual([]);
    expect(transformSourceWith(TURNED_AWAY, { fileName: 'a.js' }, undefined, undefined, true).parseErrors).not.toEqual([]);
  });

  it('is passed by the main thread’s transformer to the engine', async () => {
    const transformer = createTransformer({ forced: 0 });
    try {
      expect((await transformer.transform(TURNED_AWAY, { fileName: 'a.js' })).parseErrors).toEqual([]);
      expect((await transformer.transform(TURNED_AWAY, { fileName: 'a.js' }, true)).parseErrors).not.toEqual([]);
    } finally {
      await transformer.close();
    }
  });
});
