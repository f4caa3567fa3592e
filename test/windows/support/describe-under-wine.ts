import { beforeAll, describe, it } from 'vitest';
import { findWineStack, startPersistentWineserver, type WineStack } from './wine.js';

function inCI(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci !== 'false';
}

/**
 * A describe block for tests that run under Wine. Without the stack it is skipped, with the
 * reason in its name; in CI (CI=true) a missing stack is a failure, since .ci/run sets it up.
 */
export function describeUnderWine(name: string, body: (stack: WineStack) => void): void {
  const found = findWineStack();
  if ('stack' in found) {
    describe(name, () => {
      beforeAll(() => startPersistentWineserver(found.stack));
      body(found.stack);
    });
  } else if (inCI()) {
    describe(name, () => {
      it('has the Wine stack', () => {
        throw new Error(`CI requires the Windows suite, but ${found.missing}`);
      });
    });
  } else {
    console.warn(`${name}: skipped, ${found.missing}`);
    describe.skip(`${name} (skipped: ${found.missing})`, () => {
      it('needs the Wine stack', () => undefined);
    });
  }
}
