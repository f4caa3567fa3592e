import type { TSESLint } from '@typescript-eslint/utils';
import { rules } from '../../rules/index.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../meta.js';

export type { MessageIds as NoNarrowKillCatchMessageIds, Options as NoNarrowKillCatchOptions } from '../../rules/no-narrow-kill-catch.js';
export type { MessageIds as NoRawLivenessProbeMessageIds, Options as NoRawLivenessProbeOptions } from '../../rules/no-raw-liveness-probe.js';
export type {
  MessageIds as NoUnsupportedWindowsSignalMessageIds,
  Options as NoUnsupportedWindowsSignalOptions,
} from '../../rules/no-unsupported-windows-signal.js';

const NAMESPACE = 'hermes-pid';

export interface HermesPidPlugin {
  readonly meta: { readonly name: string; readonly version: string; readonly namespace: string };
  readonly rules: typeof rules;
  readonly configs: { readonly recommended: TSESLint.FlatConfig.Config };
}

const plugin: HermesPidPlugin = {
  meta: { name: `${PACKAGE_NAME}/eslint-plugin`, version: PACKAGE_VERSION, namespace: NAMESPACE },
  rules,
  configs: {
    recommended: {
      name: `${NAMESPACE}/recommended`,
      plugins: {},
      rules: {
        [`${NAMESPACE}/no-raw-liveness-probe`]: 'error',
        [`${NAMESPACE}/no-narrow-kill-catch`]: 'error',
        [`${NAMESPACE}/no-unsupported-windows-signal`]: 'warn',
      },
    },
  },
};
// The config refers to the plugin itself (flat config has no plugin names outside `plugins`).
(plugin.configs.recommended.plugins as Record<string, unknown>)[NAMESPACE] = plugin;

export default plugin;
