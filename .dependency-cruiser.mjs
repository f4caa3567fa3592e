// The layers of hermes-pid, checked by `npm run lint` (dependency-cruiser). Lower layers never import
// higher ones; docs/architecture.md draws the picture.
//   helper:  src/pid <- src/signal <- src/lock <- src/index.ts
//   engine:  src/analysis <- src/rewrite <- rules/ (+ src/eslint-plugin), src/codemod <- src/ts-morph <- src/cli
/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import circle: modules that can only be understood (and loaded) together.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'analysis-imports-no-host',
      severity: 'error',
      comment: 'src/analysis/ says what a site is; the rewrite, the rules, the codemod and the CLI call it, never the other way.',
      from: { path: '^src/analysis/' },
      to: { path: '^(src/(rewrite|codemod|cli|eslint-plugin|ts-morph)|rules)/' },
    },
    {
      name: 'rewrite-imports-no-host',
      severity: 'error',
      comment: 'src/rewrite/ plans the text of an edit from the analysis; the rules and the codemod call it.',
      from: { path: '^src/rewrite/' },
      to: { path: '^(src/(codemod|cli|eslint-plugin|ts-morph)|rules)/' },
    },
    {
      name: 'rules-load-no-parser',
      severity: 'error',
      comment: 'The rules run on the tree ESLint built: they never load the codemod (its parsers) or the CLI.',
      from: { path: '^(rules|src/eslint-plugin)/' },
      to: { path: '^src/(codemod|cli)/' },
    },
    {
      name: 'codemod-imports-no-cli',
      severity: 'error',
      comment: 'The engine (hermes-pid/codemod) is pure: the CLI is a shell around it.',
      from: { path: '^src/codemod/' },
      to: { path: '^(src/(cli|eslint-plugin|ts-morph)|rules)/' },
    },
    {
      name: 'ts-morph-imports-no-cli',
      severity: 'error',
      comment: 'hermes-pid/ts-morph is the typed pass as an API: the CLI calls it, never the other way.',
      from: { path: '^src/ts-morph/' },
      to: { path: '^(src/(cli|eslint-plugin)|rules)/' },
    },
    {
      name: 'cli-imports-no-rules',
      severity: 'error',
      comment: 'The CLI runs the engine, not ESLint.',
      from: { path: '^src/cli/' },
      to: { path: '^(src/eslint-plugin|rules)/' },
    },
    {
      name: 'cli-stages-import-no-entry',
      severity: 'error',
      comment: 'The stages (listing, files, transform, report) and their shared types sit below the entry (hermes-codemod, program, run-codemod).',
      from: { path: '^src/cli/(listing|files|transform|report)/|^src/cli/types\\.ts$' },
      to: { path: '^src/cli/[^/]+\\.ts$', pathNot: '^src/cli/types\\.ts$' },
    },
    {
      name: 'cli-types-import-no-stage',
      severity: 'error',
      comment: 'The types the stages share import none of them, so no stage needs another for its types.',
      from: { path: '^src/cli/types\\.ts$' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'helper-imports-no-engine',
      severity: 'error',
      comment: 'The helper, the lock and signalling (the main entry) never load the lint or codemod engine.',
      from: { path: '^src/(pid|signal|lock|index\\.ts)' },
      to: { path: '^(src/(analysis|rewrite|codemod|cli|eslint-plugin|ts-morph)|rules)/' },
    },
    {
      name: 'signal-imports-no-lock',
      severity: 'error',
      comment: 'The lock stops its holder through signal (stopPidLockHolder); signal describes a lock status by its shape.',
      from: { path: '^src/signal/' },
      to: { path: '^src/lock/' },
    },
    {
      name: 'pid-imports-no-signal-or-lock',
      severity: 'error',
      comment: 'The liveness probe is the bottom of the helper.',
      from: { path: '^src/pid/' },
      to: { path: '^src/(signal|lock)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules|test/fixtures)/' },
    // Type-only imports count: a circle of types is still a circle to read.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.d.ts'],
    },
  },
};
