import { ESLintUtils } from '@typescript-eslint/utils';

/** Extra `meta.docs` fields of hermes-pid rules (read by eslint-doc-generator and the plugin's configs). */
export interface HermesPidRuleDocs {
  /** Turned on by `configs.recommended`. */
  readonly recommended: boolean;
}

export const RULE_DOCS_BASE_URL = 'https://github.com/hermes-pid/hermes-pid/blob/main/docs/rules/';

export const createRule = ESLintUtils.RuleCreator<HermesPidRuleDocs>((name) => `${RULE_DOCS_BASE_URL}${name}.md`);
