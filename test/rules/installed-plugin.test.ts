// End to end: the packed package installed into a fresh project next to ESLint, linting with
// `hermesPid.configs.recommended` through the ESLint Node API, from an ESM and a CommonJS config.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, removeScratchProjects, scratchProject } from '../support/scratch-project.js';

const versionOf = (name: string): string => (JSON.parse(readFileSync(join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

const TYPED_CONFIG = `import { defineConfig } from 'eslint/config';
import type { Linter } from 'eslint';
import hermesPid, { type NoUnsupportedWindowsSignalOptions } from 'hermes-pid/eslint-plugin';

const guards: NoUnsupportedWindowsSignalOptions[0] = { windowsGuards: ['IS_WIN'] };
// @ts-expect-error not an option of the rule
const wrong: NoUnsupportedWindowsSignalOptions[0] = { guards: ['IS_WIN'] };
export const plain: Linter.Config[] = [...hermesPid.configs.recommended];
export default defineConfig([
  hermesPid.configs.recommended,
  { plugins: { 'hermes-pid': hermesPid }, rules: { 'hermes-pid/no-unsupported-windows-signal': ['error', guards] } },
  { rules: { 'no-undef': wrong ? 'off' : 'error' } },
]);
`;

// CommonJS TypeScript as people write it: require('hermes-pid/eslint-plugin') is the plugin itself.
const REQUIRE_CONFIG = `import hermesPid = require('hermes-pid/eslint-plugin');
import type { Linter } from 'eslint';
import type { HermesPidPlugin, NoUnsupportedWindowsSignalOptions } from 'hermes-pid/eslint-plugin';

const plugin: HermesPidPlugin = hermesPid;
const guards: NoUnsupportedWindowsSignalOptions[0] = { posixGuards: ['IS_POSIX'] };
const config: Linter.Config[] = [...hermesPid.configs.recommended, ...hermesPid.default.configs.recommended, { plugins: { 'hermes-pid': plugin } }];
export = { config, guards, name: hermesPid.meta.name };
`;

const DAEMON = `import { readFileSync } from 'node:fs';

export function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function reload(pidFile) {
  process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGHUP');
}
`;

const LINT = `
const { ESLint } = require('eslint');
(async () => {
  const eslint = new ESLint({ cwd: process.cwd(), overrideConfigFile: process.argv[1] });
  const [result] = await eslint.lintFiles(['daemon.mjs']);
  console.log(JSON.stringify(result.messages.map((m) => [m.ruleId, m.severity, m.line, m.column, m.suggestions?.length ?? 0, m.message])));
})();`;

afterAll(removeScratchProjects);

describe('hermes-pid/eslint-plugin installed from the tarball', () => {
  let project: string;
  beforeAll(() => {
    // The plugin's optional peers, as the README's lint setup installs them.
    project = scratchProject({ eslint: versionOf('eslint'), typescript: versionOf('typescript'), '@typescript-eslint/utils': versionOf('@typescript-eslint/utils') });
    writeFileSync(join(project, 'daemon.mjs'), DAEMON);
    writeFileSync(join(project, 'eslint.config.mjs'), "import hermesPid from 'hermes-pid/eslint-plugin';\n\nexport default [...hermesPid.configs.recommended];\n");
    writeFileSync(join(project, 'eslint.config.cjs'), "const hermesPid = require('hermes-pid/eslint-plugin');\n\nmodule.exports = [...hermesPid.configs.recommended];\n");
  });

  const lint = (config: string): [string, number, number, number, number, string][] =>
    JSON.parse(execFileSync(process.execPath, ['-e', LINT, config], { cwd: project, encoding: 'utf8' })) as [string, number, number, number, number, string][];

  it.each(['eslint.config.mjs', 'eslint.config.cjs'])('reports the probe, the signal and the pid read from a file with %s', (config) => {
    const messages = lint(config);
    expect(messages.map(([rule, severity, line, column, suggestions]) => [rule, severity, line, column, suggestions])).toEqual([
      ['hermes-pid/no-raw-liveness-probe', 2, 5, 5, 1],
      ['hermes-pid/no-unsupported-windows-signal', 1, 13, 3, 0],
      ['hermes-pid/no-unverified-pid-kill', 1, 13, 3, 0],
    ]);
    expect(messages[0]?.[5]).toContain('pidIsAlive(pid, { treatPermissionDeniedAsAlive: false })');
  });

  it('ships types that ESLint\'s defineConfig and Linter.Config accept, for ESM and CommonJS configs', () => {
    writeFileSync(join(project, 'typed.config.mts'), TYPED_CONFIG);
    writeFileSync(join(project, 'typed.config.cts'), TYPED_CONFIG.replace(/^export default /m, 'export const config = '));
    const tsc = join(project, 'node_modules/typescript/bin/tsc');
    const check = (file: string): string =>
      execFileSync(process.execPath, [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--skipLibCheck', file], { cwd: project, encoding: 'utf8' });
    expect(check('typed.config.mts')).toBe('');
    expect(check('typed.config.cts')).toBe('');
    writeFileSync(join(project, 'require.config.cts'), REQUIRE_CONFIG);
    expect(check('require.config.cts')).toBe('');
    // Three tsc runs: well past the default timeout on a loaded 2-core machine.
  }, 120_000);

  it('lints JavaScript with probes, suggestions included, without loading TypeScript', () => {
    writeFileSync(join(project, 'status.cjs'), "'use strict';\nfunction up(pid) {\n  try {\n    process.kill(pid, 0);\n  } catch (e) {\n    if (e.code !== 'ESRCH') throw e;\n    return false;\n  }\n  return true;\n}\nmodule.exports = { up };\n");
    const script = `
      const loaded = () => ['/typescript/', '/@typescript-eslint/typescript-estree/'].filter((p) => Object.keys(require.cache).some((f) => f.includes('/node_modules' + p)));
      const { ESLint } = require('eslint');
      (async () => {
        const eslint = new ESLint({ cwd: process.cwd(), overrideConfigFile: 'eslint.config.mjs' });
        const results = await eslint.lintFiles(['daemon.mjs', 'status.cjs']);
        const reports = results.flatMap((r) => r.messages.map((m) => [m.ruleId, m.line, m.suggestions?.length ?? 0]));
        const afterLint = loaded();
        // The control: the codemod loads it for a TypeScript file, and the check above sees that.
        require('hermes-pid/codemod').transformSource('process.kill(1, 0);', { fileName: 'a.ts' });
        console.log(JSON.stringify([reports, afterLint, loaded()]));
      })();`;
    const [reports, afterLint, afterCodemod] = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: project, encoding: 'utf8' })) as [unknown[], string[], string[]];
    expect(reports).toEqual([
      ['hermes-pid/no-raw-liveness-probe', 5, 1],
      ['hermes-pid/no-unsupported-windows-signal', 13, 0],
      ['hermes-pid/no-unverified-pid-kill', 13, 0],
      ['hermes-pid/no-raw-liveness-probe', 4, 1],
    ]);
    expect(afterLint).toEqual([]);
    expect(afterCodemod).toEqual(['/typescript/', '/@typescript-eslint/typescript-estree/']);
  });

  it('loads the same plugin object through import and require', () => {
    const out = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', "import p from 'hermes-pid/eslint-plugin'; import { createRequire } from 'node:module'; const c = createRequire(import.meta.url)('hermes-pid/eslint-plugin'); console.log(JSON.stringify([p.meta, Object.keys(p.rules).sort(), c.meta, Object.keys(c.configs)]));"],
      { cwd: project, encoding: 'utf8' },
    );
    const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
    const meta = { name: 'hermes-pid/eslint-plugin', version, namespace: 'hermes-pid' };
    expect(JSON.parse(out)).toEqual([meta, ['no-narrow-kill-catch', 'no-raw-liveness-probe', 'no-unsupported-windows-signal', 'no-unverified-pid-kill'], meta, ['recommended']]);
  });
});
