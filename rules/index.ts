import noNarrowKillCatch from './no-narrow-kill-catch.js';
import noRawLivenessProbe from './no-raw-liveness-probe.js';
import noUnsupportedWindowsSignal from './no-unsupported-windows-signal.js';

export const rules = {
  'no-narrow-kill-catch': noNarrowKillCatch,
  'no-raw-liveness-probe': noRawLivenessProbe,
  'no-unsupported-windows-signal': noUnsupportedWindowsSignal,
};
