import { ESLintUtils } from '@typescript-eslint/utils';

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

export const createRule = ESLintUtils.RuleCreator<HermesPidRuleDocs>((name) => `${RULE_DOCS_PATH}${name}.md`);
