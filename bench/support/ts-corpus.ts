// The TypeScript corpus of bench/codemod.ts's typed-pass rows: published packages that ship their
// TypeScript sources (`npm pack`, from the npm registry only), unpacked without node_modules, as a
// checkout of their repository would be before `npm install`. They do not ship their tsconfig.json:
// each gets the compiler options of its repository's (written here, see TS_PACKAGES). Built once
// under .cache/bench-ts-corpus, then reused.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TsPackage {
  /** Pinned, so that every run measures the same code. */
  readonly spec: string;
  /** The compiler options of the repository's tsconfig (its `extends` chain flattened). */
  readonly compilerOptions: Record<string, unknown>;
  readonly include: readonly string[];
}

export const TS_PACKAGES: readonly TsPackage[] = [
  {
    // theia's packages/core: configs/base.tsconfig.json + packages/core/tsconfig.json.
    spec: '@theia/core@1.75.0',
    compilerOptions: {
      strict: true,
      skipLibCheck: true,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      module: 'commonjs',
      moduleResolution: 'node10',
      ignoreDeprecations: '6.0',
      target: 'ES2019',
      jsx: 'react',
      lib: ['ES2019', 'ES2020.Promise', 'DOM'],
      rootDir: 'src',
      outDir: 'lib',
      types: ['node'],
    },
    include: ['src'],
  },
  {
    // rxjs 7.8's tsconfig.json (shipped in the package) + src/tsconfig.cjs.json's module; no probe:
    // what the typed pass costs a TypeScript project it has nothing to rewrite in.
    spec: 'rxjs@7.8.2',
    compilerOptions: {
      strict: true,
      noImplicitReturns: true,
      preserveConstEnums: true,
      module: 'commonjs',
      moduleResolution: 'node10',
      ignoreDeprecations: '6.0',
      target: 'esnext',
      lib: ['esnext', 'dom'],
      baseUrl: '.',
      paths: {
        rxjs: ['./src/index'],
        'rxjs/operators': ['./src/operators/index'],
        'rxjs/testing': ['./src/testing/index'],
        'rxjs/ajax': ['./src/ajax/index'],
        'rxjs/webSocket': ['./src/webSocket/index'],
        'rxjs/fetch': ['./src/fetch/index'],
        'rxjs/internal/*': ['./src/internal/*'],
      },
      noEmit: true,
    },
    include: ['src'],
  },
];

/** Makes `dir` a git work tree with everything committed, marked complete (a later run reuses it). */
export function commitCorpus(dir: string): void {
  const git = (...args: string[]): void => {
    execFileSync('git', ['-c', 'user.email=bench@example.com', '-c', 'user.name=bench', ...args], { cwd: dir, stdio: 'ignore' });
  };
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'corpus');
  writeFileSync(join(dir, '.git', 'corpus-complete'), '');
}

/** One folder per package under `<root>/.cache/bench-ts-corpus`, each a git work tree with its tsconfig.json. */
export function tsCorpus(root: string): { readonly name: string; readonly dir: string }[] {
  const base = join(root, '.cache/bench-ts-corpus');
  mkdirSync(base, { recursive: true });
  return TS_PACKAGES.map(({ spec, compilerOptions, include }) => {
    const name = spec.replace(/@[^@/]*$/, '');
    const dir = join(base, name.replace('/', '__'));
    if (!existsSync(join(dir, '.git', 'corpus-complete'))) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      const tarball = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', base], { cwd: base, encoding: 'utf8' }).trim().split('\n').at(-1) ?? '';
      execFileSync('tar', ['xzf', join(base, tarball), '-C', dir, '--strip-components=1']);
      rmSync(join(base, tarball));
      writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify({ compilerOptions, include }, null, 2)}\n`);
      commitCorpus(dir);
    }
    return { name: `${name} (${readdirSync(join(dir, 'src'), { recursive: true }).filter((f) => /\.tsx?$/.test(String(f)) && !String(f).endsWith('.d.ts')).length} .ts/.tsx files in src)`, dir };
  });
}
