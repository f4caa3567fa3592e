// Issue 28: hermes-pid installs, and its ESLint plugin lints, in the setups teams have. Each cell is a
// scratch project with its own TypeScript, ESLint and typescript-eslint, installed first (as a team's
// project is), then the packed hermes-pid tarball added with npm, pnpm, yarn berry or bun (the real
// tools, devDependencies of this repo) and real ESLint run over a .ts and a .js probe.
//
// Cells are chosen to cover each package manager once and each version at least once within a few
// minutes on a warm cache: the issue's ERESOLVE repro (TypeScript 5.9, ESLint 9, npm), the floors we
// claim (ESLint 9.0.0, typescript-eslint 8.0.0, TypeScript 5.4), the first typescript-eslint that takes
// ESLint 10, and the newest of everything. Downloads are cached under .cache/install-matrix/; with no
// registry to reach, the cells are skipped and say why.
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CELLS, type Cell, type Manager, REGISTRY, registryProblem } from './support/install-cells.js';
import { packedTarballs, removeScratchProjects, repoRoot } from './support/scratch-project.js';

const CACHE = join(repoRoot, '.cache/install-matrix');
const require = createRequire(import.meta.url);

function runs(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return spawnSync(file, ['--version'], { encoding: 'utf8' }).status === 0;
  } catch {
    return false;
  }
}

/**
 * The command that runs each manager, from this repo's devDependencies. pnpm and bun ship native
 * binaries in per-platform packages; their install scripts (which npm may skip) only move them into place.
 */
function managerCommand(manager: Manager): { command: string; prefix: string[] } | string {
  const packageDir = (name: string): string | undefined => {
    try {
      return dirname(require.resolve(`${name}/package.json`));
    } catch {
      return undefined;
    }
  };
  const platform = `${process.platform}-${process.arch}`;
  const first = (candidates: (string | undefined)[]): string | undefined => candidates.find((file) => file !== undefined && runs(file));
  switch (manager) {
    case 'npm':
      return { command: 'npm', prefix: [] };
    case 'yarn': {
      const dir = packageDir('@yarnpkg/cli-dist');
      return dir === undefined ? '@yarnpkg/cli-dist is not installed (npm ci)' : { command: process.execPath, prefix: [join(dir, 'bin/yarn.js')] };
    }
    case 'pnpm': {
      const exe = packageDir(`@pnpm/exe.${platform}`);
      const file = first([exe && join(exe, 'pnpm'), (packageDir('pnpm') ?? '') && join(packageDir('pnpm') ?? '', 'pnpm')]);
      return file === undefined ? `no runnable pnpm binary for ${platform} in node_modules (pnpm, @pnpm/exe.${platform})` : { command: file, prefix: [] };
    }
    case 'bun': {
      const arch = process.arch === 'arm64' ? 'aarch64' : process.arch;
      const oven = packageDir(`@oven/bun-${process.platform}-${arch}`);
      const bun = packageDir('bun');
      const file = first([oven && join(oven, 'bin/bun'), bun && join(bun, 'bin/bun.exe')]);
      return file === undefined ? `no runnable bun binary for ${platform} in node_modules (bun, @oven/bun-${process.platform}-${arch})` : { command: file, prefix: [] };
    }
  }
}

/** The children's environment: no npm_* of the parent (npm test sets a cache and a userconfig), no repo bins on PATH, caches under .cache/. */
function childEnv(manager: Manager): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([key]) => !/^(npm_|pnpm_|yarn_|bun_)/i.test(key) && key !== 'PATH');
  const path = [dirname(process.execPath), ...(process.env.PATH ?? '').split(delimiter).filter((entry) => !entry.startsWith(repoRoot) && !/node_modules[\\/]\.bin$/.test(entry))];
  const cache = join(CACHE, manager);
  mkdirSync(cache, { recursive: true });
  return {
    ...Object.fromEntries(inherited),
    PATH: path.join(delimiter),
    npm_config_registry: REGISTRY,
    npm_config_cache: join(CACHE, 'npm'),
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    // yarn berry: the project's cache in .cache, no lockfile freeze under CI=true, no telemetry.
    YARN_CACHE_FOLDER: cache,
    YARN_ENABLE_GLOBAL_CACHE: 'false',
    YARN_GLOBAL_FOLDER: join(cache, 'global'),
    YARN_ENABLE_IMMUTABLE_INSTALLS: 'false',
    YARN_ENABLE_TELEMETRY: '0',
    YARN_NPM_REGISTRY_SERVER: REGISTRY.replace(/\/$/, ''),
    BUN_INSTALL_CACHE_DIR: cache,
    NPM_CONFIG_REGISTRY: REGISTRY,
  };
}

const PROBE_JS = (type: Cell['type']): string =>
  `${type === 'module' ? 'export function' : 'exports.alive = function'} alive(pid) {\n  try {\n    process.kill(pid, 0);\n    return true;\n  } catch {\n    return false;\n  }\n}\n`;
const PROBE_TS = 'export function alive(pid: number): boolean {\n  try {\n    process.kill(pid, 0);\n    return true;\n  } catch {\n    return false;\n  }\n}\n';
/** The parser's TypeScript release line and ts-morph's, as hermes-pid's CLI resolves them: `5.9 6.0`. */
const TS_RELEASE_LINES = "const { createRequire } = require('node:module'); const r = createRequire(require.resolve('hermes-pid/package.json')); const parser = createRequire(r.resolve('@typescript-eslint/typescript-estree'))('typescript'); console.log(parser.versionMajorMinor, r('ts-morph').ts.versionMajorMinor);";
const CONFIG = `import hermesPid from 'hermes-pid/eslint-plugin';
import tseslint from 'typescript-eslint';

export default [...hermesPid.configs.recommended, { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }];
`;

interface LintResult {
  filePath: string;
  messages: { ruleId: string | null; line: number; column: number; fatal?: boolean; message: string }[];
}

const problem = await registryProblem();
if (problem !== undefined) console.warn(`install matrix skipped: ${problem}`);
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
  removeScratchProjects();
});

describe.skipIf(problem !== undefined)('the packed tarball installs and lints in each setup', () => {
  for (const cell of CELLS) {
    const found = managerCommand(cell.manager);
    const title = `${cell.manager}: TypeScript ${cell.typescript}, ESLint ${cell.eslint}, typescript-eslint ${cell.typescriptEslint}, ${cell.type}`;
    if (typeof found === 'string') {
      it.skip(`${title} (skipped: ${found})`, () => undefined);
      continue;
    }
    it(title, () => {
      const env = childEnv(cell.manager);
      const run = (args: readonly string[], cwd: string): { status: number | null; out: string } => {
        const child = spawnSync(found.command, [...found.prefix, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
        return { status: child.status, out: `${child.stdout}\n${child.stderr}` };
      };
      const must = (args: readonly string[], cwd: string): string => {
        const result = run(args, cwd);
        if (result.status !== 0) throw new Error(`${cell.manager} ${args.join(' ')} exited ${result.status}:\n${result.out}`);
        return result.out;
      };

      const project = mkdtempSync(join(tmpdir(), `hermes-matrix-${cell.manager}-`));
      made.push(project);
      const devDependencies = {
        typescript: cell.typescript,
        eslint: cell.eslint,
        'typescript-eslint': cell.typescriptEslint,
        // docs/eslint-plugin.md's lint setup names it: strict layouts (pnpm, Plug'n'Play) give the plugin only what the project declares.
        '@typescript-eslint/utils': cell.typescriptEslint,
        // Plug'n'Play resolves an optional peer only from what the project itself declares (README: Install).
        ...(cell.manager === 'yarn' ? { '@typescript-eslint/types': cell.typescriptEslint } : {}),
      };
      writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'matrix-project', version: '1.0.0', private: true, type: cell.type, devDependencies }, null, 2)}\n`);
      if (cell.manager === 'yarn') writeFileSync(join(project, 'yarn.lock'), '');
      if (cell.manager === 'pnpm') {
        // pnpm 11+ fails an install with a build script nobody decided on; koffi's only checks its prebuilt
        // binaries, which hermes-pid uses as shipped (README: Install), so the project turns it down.
        const settings = { storeDir: join(CACHE, 'pnpm', 'store'), cacheDir: join(CACHE, 'pnpm', 'cache') };
        writeFileSync(join(project, 'pnpm-workspace.yaml'), `${Object.entries(settings).map(([key, value]) => `${key}: ${JSON.stringify(value)}`).join('\n')}\nallowBuilds:\n  koffi: false\n`);
      }

      // The team's project as it is, then hermes-pid added to it: the order of the issue's repro.
      must(['install'], project);
      const { hermesPid, hermesCodemod } = packedTarballs();
      const ours = cell.codemod === true ? [hermesPid, hermesCodemod] : [hermesPid];
      const added =
        cell.manager === 'npm'
          ? must(['install', '--save-dev', ...ours], project)
          : cell.manager === 'yarn'
            ? must(['add', '--dev', ...ours.map((file) => `${file.includes('codemod') ? 'hermes-codemod' : 'hermes-pid'}@file:${file}`)], project)
            : must(['add', '--save-dev', ...ours], project);
      // No peer complaint at all (each cell's own versions agree with each other): npm fails outright on a
      // conflict, pnpm lists unmet peers under the package that wants them, yarn names incompatible ones.
      expect(added.split('\n').filter((line) => /ERESOLVE|unmet peer|peer dependenc(y|ies) (is|are) incorrectly met|YN0060|incompatible peer/i.test(line))).toEqual([]);

      writeFileSync(join(project, 'probe.js'), PROBE_JS(cell.type));
      writeFileSync(join(project, 'probe.ts'), PROBE_TS);
      writeFileSync(join(project, 'eslint.config.mjs'), CONFIG);
      // Real ESLint as the project runs it: through yarn under Plug'n'Play (no node_modules), from node_modules otherwise.
      const eslintArgs = ['--format', 'json', 'probe.js', 'probe.ts'];
      const lint =
        cell.manager === 'yarn'
          ? run(['eslint', ...eslintArgs], project)
          : (() => {
              const child = spawnSync(process.execPath, [join(project, 'node_modules/eslint/bin/eslint.js'), ...eslintArgs], { cwd: project, env, encoding: 'utf8' });
              return { status: child.status, out: child.stdout + child.stderr };
            })();
      expect([lint.status, lint.out.includes('"filePath"')], lint.out).toEqual([1, true]);
      const results = JSON.parse(lint.out.slice(lint.out.indexOf('['), lint.out.lastIndexOf(']') + 1)) as LintResult[];
      const findings = results.map((result) => [result.filePath.slice(project.length + 1), result.messages.map((m) => `${m.line}:${m.column} ${m.ruleId ?? `fatal: ${m.message}`}`)]);
      expect(findings).toEqual([
        ['probe.js', ['3:5 hermes-pid/no-raw-liveness-probe']],
        ['probe.ts', ['3:5 hermes-pid/no-raw-liveness-probe']],
      ]);
      if (cell.manager !== 'yarn') expect(existsSync(join(project, 'node_modules/hermes-pid/package.json'))).toBe(true);

      // The helper itself runs in the same project.
      const helper = ['-e', "const m = require('hermes-pid'); console.log(m.pidState(process.pid), m.pidIsAlive(''))"];
      const ran = cell.manager === 'yarn' ? must(['node', ...helper], project) : execFileSync(process.execPath, helper, { cwd: project, env, encoding: 'utf8' });
      expect(ran.trim().split('\n').at(-1)).toBe('alive false');

      if (cell.codemod === true) {
        // hermes-codemod's own espree, TypeScript and parser versions next to the project's older ones.
        const dry = spawnSync(process.execPath, [join(project, 'node_modules/hermes-codemod/bin/hermes-codemod.js'), '--dry', 'probe.js', 'probe.ts'], { cwd: project, env: { ...env, NO_COLOR: '1' }, encoding: 'utf8' }); // CI=true turns picocolors on
        expect([dry.status, dry.stderr.split('\n').filter((line) => /error|warn/i.test(line))]).toEqual([0, []]);
        expect(dry.stdout).toMatch(/^\+.*pidIsAlive\(/m);
        expect(readFileSync(join(project, 'probe.js'), 'utf8')).toBe(PROBE_JS(cell.type));

        // The typed pass where the parser's TypeScript (the project's, hoisted) is another release line
        // than ts-morph's own copy: ts-morph keeps its copy (src/cli/transform/ts-morph-preload.ts), and
        // the pass still refuses a rewrite that breaks another file.
        const lines = execFileSync(process.execPath, ['-e', TS_RELEASE_LINES], { cwd: project, env, encoding: 'utf8' }).trim();
        expect(lines).toMatch(/^(\d+\.\d+) (?!\1$)\d+\.\d+$/);
        mkdirSync(join(project, 'typed/src'), { recursive: true });
        writeFileSync(join(project, 'typed/tsconfig.json'), '{ "compilerOptions": { "strict": true, "module": "commonjs", "target": "es2022", "types": [] }, "include": ["src"] }\n');
        writeFileSync(join(project, 'typed/src/user.ts'), 'export const a = isAlive(1);\n');
        writeFileSync(join(project, 'typed/src/util.ts'), 'function isAlive(pid: number) { try { process.kill(pid, 0); return true } catch { return false } }\n');
        const typed = spawnSync(process.execPath, [join(project, 'node_modules/hermes-codemod/bin/hermes-codemod.js'), '--dry', '--json', 'typed'], { cwd: project, env, encoding: 'utf8' });
        expect(typed.status, typed.stderr).toBe(0);
        const refused = (JSON.parse(typed.stdout) as { files: { path: string; status: string; typeErrors?: string[] }[] }).files;
        expect(refused).toMatchObject([{ path: 'typed/src/util.ts', status: 'unchanged', typeErrors: [expect.stringMatching(/^TS2304 Cannot find name 'isAlive'/)] }]);
      }
    }, 600_000);
  }
});
