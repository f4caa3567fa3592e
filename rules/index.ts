import noNarrowKillCatch from './no-narrow-kill-catch.js';
import noRawLivenessProbe from './no-raw-liveness-probe.js';
import noUnsupportedWindowsSignal from './no-unsupported-windows-signal.js';
import noUnverifiedPidKill from './no-unverified-pid-kill.js';

export const rules = {
  'no-narrow-kill-catch': noNarrowKillCatch,
  'no-raw-liveness-probe': noRawLivenessProbe,
  'no-unsupported-windows-signal': noUnsupportedWindowsSignal,
  'no-unverified-pid-kill': noUnverifiedPidKill,
};
