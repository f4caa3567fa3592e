import type { TSESLint } from '@typescript-eslint/utils';
// The subpath, not the package index: the index loads ESLint's classes too (half a second in an oxlint
// process, which has no ESLint loaded; ESLint itself has them already).
import { RuleCreator, type RuleWithMetaAndName } from '@typescript-eslint/utils/eslint-utils';
import { mentionsKill } from '../../src/analysis/mentions-kill.js';
import { hostContext } from './host-context.js';

/** Extra `meta.docs` fields of hermes-pid rules (read by eslint-doc-generator and the plugin's configs). */
export interface HermesPidRuleDocs {
  /** Turned on by `configs.recommended`. */
  readonly recommended: boolean;
}

/**
 * Where a rule's page lives, as `meta.docs.url`. hermes-pid has no public URL yet (not on npm, no
 * repository in package.json), so this is a path, not a guessed link: the page's path in the
 * repository and in the installed package (`node_modules/hermes-pid/docs/rules/NAME.md`; `docs` is
 * in `files`). Make it an absolute URL once the project has a public home.
 */
export const RULE_DOCS_PATH = 'docs/rules/';

/** What a rule returns in a file it has nothing to look at: one shared object, nothing to allocate. */
const NO_LISTENERS: TSESLint.RuleListener = Object.freeze({});

const namedRule = RuleCreator<HermesPidRuleDocs>((name) => `${RULE_DOCS_PATH}${name}.md`);

/**
 * typescript-eslint's `RuleCreator`, except for the options `create` is given. RuleCreator merges the
 * defaults itself on every call (a `structuredClone` per rule and file: most of the plugin's time on
 * files that never say `kill`), although ESLint 9.15 and later have already merged `meta.defaultOptions`
 * into `context.options`. Here a default stands in only for an option ESLint left out (older ESLint),
 * or for all of them where the host has no `options` (deno lint). A host other than ESLint gets its
 * context completed first (./host-context.ts). Every rule looks for a `kill` the text spells out, so in a
 * file that never says `kill` (most files) `create` returns no listener before anything else: ESLint
 * times `create()` on every file, and reading the context's other properties there cost more than the scan.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  rule: Readonly<RuleWithMetaAndName<Options, MessageIds, HermesPidRuleDocs>>,
): ReturnType<typeof namedRule<Options, MessageIds>> {
  const created = namedRule(rule);
  const defaults: readonly unknown[] = rule.meta.defaultOptions ?? [];
  const withDefaults = (options: readonly unknown[] | undefined): Options =>
    (options !== undefined && options.length >= defaults.length ? options : defaults.map((value, index) => options?.[index] ?? value)) as unknown as Options;
  const messages: Readonly<Record<string, string>> = rule.meta.messages;
  return {
    ...created,
    create: (hostGiven: Readonly<TSESLint.RuleContext<MessageIds, Options>>) => {
      // Every host gives the text (ESLint, oxlint and deno lint alike); the rules' own check stays behind this one.
      const given = hostGiven.sourceCode as { readonly text?: unknown } | undefined;
      if (typeof given?.text === 'string' && !mentionsKill(given as { readonly text: string })) return NO_LISTENERS;
      const context = hostContext(hostGiven, messages);
      // `options` may be missing altogether (deno lint): read it as ESLint's `[]`.
      return rule.create(context, withDefaults(context.options as readonly unknown[] | undefined));
    },
  };
}
