import type { ESLint, Linter } from 'eslint';
import { rules } from '../../rules/index.js';
import { moduleTypeOf } from '../internal/package-scope.js';
import { nodeJsParser } from './node-parser.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../meta.js';

export type { MessageIds as NoNarrowKillCatchMessageIds, Options as NoNarrowKillCatchOptions } from '../../rules/no-narrow-kill-catch.js';
export type { MessageIds as NoRawLivenessProbeMessageIds, Options as NoRawLivenessProbeOptions } from '../../rules/no-raw-liveness-probe.js';
export type {
  MessageIds as NoUnsupportedWindowsSignalMessageIds,
  Options as NoUnsupportedWindowsSignalOptions,
} from '../../rules/no-unsupported-windows-signal.js';
export type { MessageIds as NoUnverifiedPidKillMessageIds, Options as NoUnverifiedPidKillOptions } from '../../rules/no-unverified-pid-kill.js';

const NAMESPACE = 'hermes-pid';

export type HermesPidRuleName = keyof typeof rules;

/**
 * Typed with ESLint's own types (eslint is the peer dependency), so the plugin and its config go into
 * `defineConfig([...])` and `Linter.Config[]` without casts; typescript-eslint's rule types are not
 * assignable to ESLint's, hence the one cast below.
 */
export interface HermesPidPlugin extends ESLint.Plugin {
  /** deno lint's plugin name (Deno.lint.Plugin): its reports are `hermes-pid/<rule>`, as ESLint's. */
  readonly name: string;
  readonly meta: { readonly name: string; readonly version: string; readonly namespace: string };
  readonly rules: Readonly<Record<HermesPidRuleName, NonNullable<ESLint.Plugin['rules']>[string]>>;
  /**
   * `recommended` is a list of config objects, as typescript-eslint's are: spread it into yours. The
   * first holds the rules (what oxlint takes); the others set the sourceType Node would load files with.
   */
  readonly configs: { readonly recommended: [Linter.Config & { rules: Linter.RulesRecord }, ...Linter.Config[]] };
}

const rulesConfig: Linter.Config & { rules: Linter.RulesRecord } = {
  name: `${NAMESPACE}/recommended`,
  rules: {
    'hermes-pid/no-raw-liveness-probe': 'error',
    'hermes-pid/no-narrow-kill-catch': 'error',
    'hermes-pid/no-unsupported-windows-signal': 'warn',
    'hermes-pid/no-unverified-pid-kill': 'warn',
  },
};

/**
 * Parse what Node runs: a `.cjs` file is CommonJS, and each `.js` file what the `"type"` of its own
 * nearest package.json says, markers included (a `{"type":"module"}` marker in a dual build's lib/esm/),
 * as Node and the codemod decide: nodeJsParser (ESLint's espree and eslint-scope) reads it per file.
 * ESLint's default (every .js a module, so strict) calls `'\033[0m'` and `0755` in an old CommonJS
 * daemon a parsing error. `sourceType` here is what ESLint's own rules are told: the folder ESLint
 * runs in decides it, as eslint-plugin-n's flat configs do. A parser set for .js after this config
 * (typescript-eslint's, for typed linting of JavaScript) takes over.
 */
const sourceTypes: Linter.Config[] = [
  { name: `${NAMESPACE}/recommended/cjs`, files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
  { name: `${NAMESPACE}/recommended/js`, files: ['**/*.js'], languageOptions: { sourceType: moduleTypeOf(process.cwd()), parser: nodeJsParser } },
];

const recommended: HermesPidPlugin['configs']['recommended'] = [rulesConfig, ...sourceTypes];

const plugin: HermesPidPlugin = {
  name: NAMESPACE,
  meta: { name: `${PACKAGE_NAME}/eslint-plugin`, version: PACKAGE_VERSION, namespace: NAMESPACE },
  rules: rules as unknown as HermesPidPlugin['rules'],
  configs: { recommended },
};
// The config refers to the plugin itself (flat config has no plugin names outside `plugins`).
rulesConfig.plugins = { [NAMESPACE]: plugin };

export default plugin;
