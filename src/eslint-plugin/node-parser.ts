// ESLint's own parser (espree) and scope analysis (eslint-scope), with the sourceType Node would load
// each .js file with: the file's nearest package.json, markers included (moduleTypeOf, as the codemod
// decides). A flat config can set one sourceType per glob, not per package.json; a parser sees the file's
// path. espree, eslint-scope and eslint-visitor-keys are ESLint's own dependencies, loaded from where
// ESLint is: linting loads nothing ESLint has not loaded already, and no TypeScript.
import { dirname } from 'node:path';
import type { Linter } from 'eslint';
import { createRequire } from 'node:module';
import { nodeRequire } from '../internal/node-require.js';
import { moduleTypeOf } from '../internal/package-scope.js';
import { PACKAGE_VERSION } from '../meta.js';

interface EspreeLike {
  parse(text: string, options: Record<string, unknown>): unknown;
  readonly latestEcmaVersion: number;
}
interface EslintScopeLike {
  analyze(ast: unknown, options: Record<string, unknown>): unknown;
}
interface VisitorKeysLike {
  readonly KEYS: Readonly<Record<string, readonly string[]>>;
  getKeys(node: unknown): string[];
}

let loaded: { espree: EspreeLike; eslintScope: EslintScopeLike; keys: VisitorKeysLike } | undefined;

/** The copy of `name` already loaded (by the ESLint that runs this plugin), from the CommonJS cache. */
function loadedCopy(name: string, has: string): unknown {
  const folder = new RegExp(`[\\\\/]node_modules[\\\\/]${name}[\\\\/]`);
  for (const [path, module] of Object.entries(nodeRequire.cache)) {
    const exports = module?.exports as Record<string, unknown> | undefined;
    if (folder.test(path) && exports !== undefined && exports[has] !== undefined) return exports;
  }
  return undefined;
}

/**
 * ESLint's espree, eslint-scope and eslint-visitor-keys: the copies the running ESLint loaded, else the
 * ones beside the ESLint this package resolves, else this package's own peers.
 */
function eslintsOwn(): NonNullable<typeof loaded> {
  if (loaded !== undefined) return loaded;
  let from: NodeJS.Require = nodeRequire;
  try {
    from = createRequire(nodeRequire.resolve('eslint'));
  } catch {
    // No ESLint resolvable from here: the peers.
  }
  loaded = {
    espree: (loadedCopy('espree', 'parse') ?? from('espree')) as EspreeLike,
    eslintScope: (loadedCopy('eslint-scope', 'analyze') ?? from('eslint-scope')) as EslintScopeLike,
    keys: (loadedCopy('eslint-visitor-keys', 'KEYS') ?? from('eslint-visitor-keys')) as VisitorKeysLike,
  };
  return loaded;
}

/**
 * How Node runs `filePath`: a .js by its nearest package.json; without a path, or where the config says
 * `parserOptions: { sourceTypeFromPackageJson: false }` (sources a bundler compiles), what ESLint was told.
 */
function sourceTypeOf(filePath: unknown, configured: unknown, fromPackageJson: unknown): 'module' | 'commonjs' | 'script' {
  if (fromPackageJson !== false && typeof filePath === 'string' && filePath.endsWith('.js') && !(filePath.startsWith('<') && filePath.endsWith('>'))) return moduleTypeOf(dirname(filePath));
  return configured === 'module' || configured === 'script' ? configured : 'commonjs';
}

interface TypedParserLike {
  parseForESLint(text: string, options: Record<string, unknown>): unknown;
}

/** Options that ask typescript-eslint's parser for a program (typed linting of JavaScript). */
const TYPED_OPTIONS = ['project', 'projectService', 'programs'] as const;

/** typescript-eslint's parser: the copy the config loaded, else the one resolvable from here. */
function typescriptEslintParser(): TypedParserLike {
  return (loadedCopy('@typescript-eslint/parser', 'parseForESLint') ?? nodeRequire('@typescript-eslint/parser')) as TypedParserLike;
}

/** ESLint's parse and scope analysis (lib/languages/js), with the file's own sourceType. */
function parseForESLint(text: string, options: Record<string, unknown> = {}): unknown {
  const sourceType = sourceTypeOf(options.filePath, options.sourceType, options.sourceTypeFromPackageJson);
  // A config that set typescript-eslint's parser with a program for .js before this one (typed
  // linting of JavaScript) keeps its types: that parser parses, told the file's own module type.
  if (TYPED_OPTIONS.some((name) => options[name] !== undefined && options[name] !== null && options[name] !== false)) {
    const { sourceTypeFromPackageJson: _, ...typedOptions } = options;
    const script = sourceType !== 'module';
    return typescriptEslintParser().parseForESLint(text, {
      ...typedOptions,
      sourceType: script ? 'script' : 'module',
      ecmaFeatures: { ...(options.ecmaFeatures as Record<string, unknown> | undefined), globalReturn: sourceType === 'commonjs' },
    });
  }
  const { espree, eslintScope, keys } = eslintsOwn();
  const ecmaFeatures: Record<string, unknown> = { ...(options.ecmaFeatures as Record<string, unknown> | undefined), ...(sourceType === 'module' ? { globalReturn: false } : {}) };
  const ecmaVersion = typeof options.ecmaVersion === 'number' ? options.ecmaVersion : espree.latestEcmaVersion;
  const { sourceTypeFromPackageJson: _, ...espreeOptions } = options;
  const ast = espree.parse(text, { ...espreeOptions, ecmaVersion, sourceType, ecmaFeatures, range: true, loc: true, tokens: true, comment: true });
  const scopeManager = eslintScope.analyze(ast, {
    ignoreEval: true,
    nodejsScope: sourceType === 'commonjs' || ecmaFeatures.globalReturn === true,
    impliedStrict: ecmaFeatures.impliedStrict,
    ecmaVersion,
    sourceType,
    childVisitorKeys: keys.KEYS,
    fallback: keys.getKeys,
    jsx: ecmaFeatures.jsx,
  });
  return { ast, scopeManager, visitorKeys: keys.KEYS };
}

/** The parser `configs.recommended` gives `.js` files. */
export const nodeJsParser: Linter.Parser = {
  meta: { name: 'hermes-pid/node-js-parser', version: PACKAGE_VERSION },
  parseForESLint: parseForESLint as unknown as NonNullable<Extract<Linter.Parser, { parseForESLint: unknown }>['parseForESLint']>,
};
