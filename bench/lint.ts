// The plugin's share of an ESLint run over thousands of real JavaScript files (the project's own
// node_modules): eslint:recommended alone against eslint:recommended plus hermesPid.configs.recommended,
// interleaved in the same run. The share comes from ESLint's own `stats` (per-rule times), the wall
// ratio from the two runs. Run: npm run bench -- lint   (measures the built dist/, as users get it)
import js from '@eslint/js';
import { ESLint, type Linter } from 'eslint';
import { globbySync } from 'globby';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { formatRow } from './support/measure.js';

const require = createRequire(import.meta.url);
const hermesPid = require('../dist/cjs/src/eslint-plugin/index.js') as typeof import('../src/eslint-plugin/index.js').default;

const MAX_BYTES = 512 * 1024; // a few multi-megabyte bundles (typescript.js) would dominate a run
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1); // a round lints every file twice: minutes, not seconds

const files = globbySync('node_modules/**/*.{js,cjs,mjs}', { gitignore: false, followSymbolicLinks: false }).filter((file) => {
  const stat = statSync(file);
  return stat.isFile() && stat.size <= MAX_BYTES;
});
const bytes = files.reduce((sum, file) => sum + statSync(file).size, 0);

const base: Linter.Config[] = [
  // node_modules is ignored by default; here it is the corpus
  { ignores: ['!**/node_modules/'] },
  { files: ['**/*.{js,cjs,mjs}'], ...js.configs.recommended, linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' } },
];
const withPlugin: Linter.Config[] = [...base, hermesPid.configs.recommended];

interface Pass {
  wallMs: number;
  lintMs: number;
  pluginMs: number;
  pluginRules: Record<string, number>;
  messages: number;
  pluginMessages: number;
  fatal: number;
}

async function run(config: Linter.Config[], subset: readonly string[] = files): Promise<Pass> {
  const eslint = new ESLint({ cwd: process.cwd(), overrideConfigFile: true, overrideConfig: config, stats: true, cache: false, warnIgnored: false });
  const start = process.hrtime.bigint();
  const results = await eslint.lintFiles([...subset]);
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const pass: Pass = { wallMs, lintMs: 0, pluginMs: 0, pluginRules: {}, messages: 0, pluginMessages: 0, fatal: 0 };
  for (const result of results) {
    pass.fatal += result.fatalErrorCount;
    pass.messages += result.messages.length;
    pass.pluginMessages += result.messages.filter((m) => m.ruleId?.startsWith('hermes-pid/') === true).length;
    for (const time of result.stats?.times.passes ?? []) {
      pass.lintMs += time.total;
      for (const [rule, { total }] of Object.entries(time.rules ?? {})) {
        if (!rule.startsWith('hermes-pid/')) continue;
        pass.pluginMs += total;
        pass.pluginRules[rule] = (pass.pluginRules[rule] ?? 0) + total;
      }
    }
  }
  return pass;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

console.log(`${files.length} files (${(bytes / 1e6).toFixed(1)} MB) from node_modules, ${ROUNDS} interleaved rounds, ${cpus().length} cores, Node ${process.version}`);
// Warm-up on a slice: module loading, JIT, the codemod engine on the first probe.
await run(withPlugin, files.slice(0, 300));
const alone: Pass[] = [];
const plugged: Pass[] = [];
for (let round = 0; round < ROUNDS; round++) {
  // Alternate the order: neither run always goes first.
  if (round % 2 === 0) {
    alone.push(await run(base));
    plugged.push(await run(withPlugin));
  } else {
    plugged.push(await run(withPlugin));
    alone.push(await run(base));
  }
}

const last = plugged.at(-1) as Pass;
const share = median(plugged.map((p) => p.pluginMs / p.lintMs));
const wall = median(plugged.map((p, i) => p.wallMs / (alone[i] as Pass).wallMs));
const widths = [42, 12];
console.log(formatRow(['eslint:recommended, wall (median)', `${median(alone.map((p) => p.wallMs)).toFixed(0)} ms`], widths));
console.log(formatRow(['+ hermes-pid recommended, wall (median)', `${median(plugged.map((p) => p.wallMs)).toFixed(0)} ms`], widths));
console.log(formatRow(['lint time by stats (with the plugin)', `${last.lintMs.toFixed(0)} ms`], widths));
for (const [rule, ms] of Object.entries(last.pluginRules)) console.log(formatRow([`  ${rule}`, `${ms.toFixed(1)} ms`], widths));
console.log(formatRow(['plugin share of lint time (stats)', `${(share * 100).toFixed(2)} %`], widths));
console.log(formatRow(['wall ratio with / without the plugin', `${wall.toFixed(3)}x`], widths));
console.log(`reports by the plugin: ${last.pluginMessages}; files ESLint could not parse (same in both runs): ${last.fatal}`);
console.log('Target: the plugin under 3% of the run.');
