// Which files the CLI treats as source: JavaScript and TypeScript, not declarations, not in
// dependency or build folders.

/** Dependencies and build output: never user source to rewrite. */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(['node_modules', 'dist', 'build', 'out', 'coverage']);
export const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/i;
export const DECLARATION_FILE = /\.d\.[cm]?ts$/i;
