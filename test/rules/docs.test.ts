// One name in four places: rules/NAME.ts, docs/rules/NAME.md, meta.docs.url, the README rule list.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { RULE_DOCS_PATH } from '../../rules/utils/create-rule.js';
import { repoRoot } from '../support/scratch-project.js';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const packageFiles = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { files: string[] }).files;

describe.each(Object.entries(rules))('%s', (name, rule) => {
  const page = join(repoRoot, 'docs/rules', `${name}.md`);

  it('has a doc page whose title and description are the rule', () => {
    expect(existsSync(page)).toBe(true);
    const text = readFileSync(page, 'utf8');
    expect(text.split('\n')[0]).toBe(`# hermes-pid/${name}`);
    expect(text).toContain(`📝 ${rule.meta.docs?.description ?? ""}.`);
    for (const heading of ['## What it reports', '## Examples', '## Severity', '## When not to use it']) expect(text).toContain(heading);
  });

  it('links its docs by name and is listed in the README', () => {
    expect(rule.meta.docs?.url).toBe(`${RULE_DOCS_PATH}${name}.md`);
    // The link resolves: the page exists at that path in the repo and ships in the package.
    expect(existsSync(join(repoRoot, rule.meta.docs?.url ?? ''))).toBe(true);
    expect(packageFiles.some((entry) => `${RULE_DOCS_PATH}${name}.md`.startsWith(`${entry}/`))).toBe(true);
    expect(readme).toContain(`[${name}](docs/rules/${name}.md)`);
  });

  it('states its default options, one per schema entry, and a strict schema', () => {
    const schema = rule.meta.schema;
    const entries = Array.isArray(schema) ? schema : [schema];
    expect(rule.meta.defaultOptions).toHaveLength(entries.length);
    for (const entry of entries) expect(entry).toMatchObject({ type: 'object', additionalProperties: false });
  });
});
