// Every JavaScript and TypeScript example in the README and the docs/ pages runs as written, against
// the built package, in a copy of the bundled example daemon (a TypeScript project with probes) inside
// the repo (so `hermes-pid` resolves as it would for a user).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/scratch-project.js';

/** The landing page and one page per face; each stands on its own. */
const FACE_PAGES = ['docs/helper.md', 'docs/lock.md', 'docs/eslint-plugin.md', 'docs/codemod.md'];
const PAGES = ['README.md', ...FACE_PAGES, 'docs/typed-pass.md'];
/** Examples with a test of their own (a daemon that runs until stopped, an oxlint config). */
const OWN_TESTS: Record<string, string> = { 'myd.mjs': 'test/stop-pid-lock-holder.test.ts', 'oxlint.config.ts': 'test/rules/oxlint.test.ts' };
const README_LIMIT_BYTES = 16 * 1024;

interface Example {
  readonly page: string;
  readonly line: number;
  readonly lang: string;
  readonly body: string;
  /** `<!-- example: NAME -->` above the block. */
  readonly name: string | undefined;
  /** The ```text block after `<!-- prints -->` below the block: what it prints. */
  readonly prints: string | undefined;
}

function examplesOf(page: string): Example[] {
  const lines = readFileSync(join(repoRoot, page), 'utf8').split('\n');
  const blocks: { line: number; lang: string; body: string; before: string; after: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)$/.exec(lines[i] ?? '');
    if (open === null) continue;
    const start = i;
    let end = i + 1;
    while (end < lines.length && lines[end] !== '```') end++;
    const before = lines.slice(0, start).reverse().find((text) => text.trim() !== '') ?? '';
    blocks.push({ line: start + 1, lang: open[1] ?? '', body: lines.slice(start + 1, end).join('\n') + '\n', before, after: end + 1 });
    i = end;
  }
  const examples: Example[] = [];
  blocks.forEach((block, index) => {
    if (!['js', 'ts', 'mjs', 'cjs'].includes(block.lang)) return;
    const next = blocks[index + 1];
    const prints = next !== undefined && next.lang === 'text' && next.before === '<!-- prints -->' && lines.slice(block.after, next.line - 1).every((text) => text.trim() === '' || text === '<!-- prints -->') ? next.body : undefined;
    const name = /^<!-- example: (\S+) -->$/.exec(block.before)?.[1];
    examples.push({ page, line: block.line, lang: block.lang, body: block.body, name, prints });
  });
  return examples;
}

mkdirSync(join(repoRoot, '.cache'), { recursive: true });
const scratch = mkdtempSync(join(repoRoot, '.cache', 'doc-examples-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env }, timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const PROBE = 'exports.isRunning = (pid) => {\n  try {\n    process.kill(pid, 0);\n    return true;\n  } catch {\n    return false;\n  }\n};\n';

describe('the docs as a site', () => {
  it(`keeps the README a landing page of at most ${README_LIMIT_BYTES} bytes that links every face's page`, () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(README_LIMIT_BYTES);
    for (const page of FACE_PAGES) {
      expect(readme).toContain(`](${page})`);
      expect(statSync(join(repoRoot, page)).size).toBeGreaterThan(0);
    }
  });

  it('links only pages and anchors that exist', () => {
    for (const page of [...PAGES, 'docs/architecture.md', 'docs/benchmarks.md']) {
      const text = readFileSync(join(repoRoot, page), 'utf8');
      for (const [, target] of text.matchAll(/\]\(((?:\.\.\/|docs\/|[\w-]+\.md)[^)\s]*)\)/g)) {
        const [path = '', anchor] = (target ?? '').split('#');
        const file = join(repoRoot, page.includes('/') ? 'docs' : '.', path);
        expect([page, target, existsSync(file)]).toEqual([page, target, true]);
        if (anchor !== undefined && file.endsWith('.md')) {
          const slugs = [...readFileSync(file, 'utf8').matchAll(/^#+ (.+)$/gm)].map(([, heading]) => (heading ?? '').toLowerCase().replace(/[^\w\s-]/g, '').trim().replace(/\s/g, '-'));
          expect([page, target, slugs.includes(anchor)]).toEqual([page, target, true]);
        }
      }
    }
  });
});

describe.each(PAGES)('the examples in %s', (page) => {
  const examples = examplesOf(page);

  it('has examples to run', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  it.each(examples.map((example) => [`line ${example.line}`, example] as const))('%s runs as written', (_line, example) => {
    const dir = mkdtempSync(join(scratch, 'example-'));
    cpSync(join(repoRoot, 'examples/legacy-daemon'), dir, { recursive: true });
    if (example.name !== undefined) {
      // Run by its own test, which reads it from this page.
      const test = OWN_TESTS[example.name];
      expect(test).toBeDefined();
      expect(readFileSync(join(repoRoot, test ?? ''), 'utf8')).toContain(page);
      return;
    }
    if (example.body.includes("'hermes-pid/eslint-plugin'")) {
      // An ESLint config: lint a raw probe with it, as the user's project would.
      const config = example.body.includes('require(') ? 'eslint.config.cjs' : 'eslint.config.mjs';
      writeFileSync(join(dir, config), example.body);
      writeFileSync(join(dir, 'daemon.cjs'), PROBE);
      const lint = run([join(repoRoot, 'node_modules/eslint/bin/eslint.js'), '--config', config, 'daemon.cjs'], dir);
      expect(lint.stderr).toBe('');
      expect(lint.stdout).toMatch(/3:5 +error .*hermes-pid\/no-raw-liveness-probe/);
      return;
    }
    const file = example.lang === 'ts' ? 'example.mts' : example.body.includes('require(') ? 'example.cjs' : 'example.mjs';
    writeFileSync(join(dir, file), example.body);
    const args = file.endsWith('.mts') ? ['--import', 'tsx', file] : [file];
    const result = run(args, dir, { MYD_PID_FILE: join(dir, 'myd.pid') });
    expect([result.status, result.stderr]).toEqual([0, '']);
    if (example.prints !== undefined) expect(result.stdout).toBe(example.prints);
  });
});

describe('the hermes-codemod commands in the docs', () => {
  const commands = [...PAGES.flatMap((page) => [...readFileSync(join(repoRoot, page), 'utf8').matchAll(/^npx hermes-codemod ([^[\n#]+)$/gm)].map(([, args]) => [page, (args ?? '').trim()] as const))];

  it('are there', () => {
    expect(commands.length).toBeGreaterThan(0);
  });

  it.each(commands)('%s: npx hermes-codemod %s runs on a copy of the example daemon', (_page, args) => {
    const dir = mkdtempSync(join(scratch, 'codemod-'));
    cpSync(join(repoRoot, 'examples/legacy-daemon'), dir, { recursive: true });
    const result = run([join(repoRoot, 'packages/hermes-codemod/bin/hermes-codemod.js'), ...args.split(/\s+/)], dir);
    expect(result.stderr).not.toMatch(/error|usage/i);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('pidIsAlive');
  });
});

describe('the examples in docs/rules/', () => {
  const pages = readdirSync(join(repoRoot, 'docs/rules')).filter((file) => file.endsWith('.md'));
  const cases = pages.flatMap((file) => {
    const text = readFileSync(join(repoRoot, 'docs/rules', file), 'utf8');
    return [...text.matchAll(/^(.*)\n\n```js\n([\s\S]*?)```/gm)].flatMap(([, label = '', body = '']) => {
      // An "Incorrect:" block is reported by its rule; a "Correct" block and "not reported" ones are not.
      const expected = /^Incorrect/.test(label) ? 'reported' : /^Correct|not reported/.test(label) ? 'clean' : undefined;
      return expected === undefined ? [] : [[file.replace(/\.md$/, ''), expected, body] as const];
    });
  });

  it.each(cases)('%s: the %s example', async (name, expected, body) => {
    const plugin = (await import(pathToFileURL(join(repoRoot, 'dist/esm/src/eslint-plugin/main.js')).href)) as { default: ESLint.Plugin & { configs: { recommended: object[] } } };
    const eslint = new ESLint({ cwd: repoRoot, overrideConfigFile: true, overrideConfig: [...plugin.default.configs.recommended, { rules: { [`hermes-pid/${name}`]: 'error' } }] });
    const [result] = await eslint.lintText(body, { filePath: join(repoRoot, 'doc-example.js') });
    expect(result?.messages.filter((message) => message.fatal === true)).toEqual([]);
    const reports = result?.messages.filter((message) => message.ruleId === `hermes-pid/${name}`) ?? [];
    if (expected === 'reported') expect(reports.length).toBeGreaterThan(0);
    else expect(reports).toEqual([]);
  });
});
