// hermes-pid's own declarations as ambient modules, for a project that does not have hermes-pid
// installed (a checkout without node_modules): `declare module 'hermes-pid' { .. }` resolves under
// every module resolution mode, where a path mapping or a virtual node_modules depends on the mode.
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { typescript } from './ts-morph-module.js';
import { nodeRequire } from '../internal/node-require.js';

/** Internal module names: non-relative (ambient modules cannot name relative ones) and never installed. */
const PREFIX = 'hermes-pid:declarations/';

let declarations: string | undefined;

/** Every .d.ts file index.d.ts reaches, each as `declare module 'hermes-pid:declarations/<path>'`. */
function packageDeclarations(): string {
  if (declarations !== undefined) return declarations;
  // dist/<esm|cjs>/src/index.d.ts, beside the index.js this build runs.
  const index = nodeRequire.resolve('../index.js').replace(/\.js$/, '.d.ts');
  const root = dirname(index);
  const name = (file: string): string => PREFIX + relative(root, file).split('\\').join('/').replace(/\.d\.ts$/, '');
  const queue = [index];
  const seen = new Set(queue);
  const modules: string[] = [];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    let text = readFileSync(file, 'utf8').replace(/^\/\/# sourceMappingURL=.*$/m, '');
    // Relative specifiers, last first so that offsets stay valid.
    const references = typescript.preProcessFile(text, true, true).importedFiles.filter((ref) => ref.fileName.startsWith('.'));
    for (const ref of references.sort((a, b) => b.pos - a.pos)) {
      const target = join(dirname(file), ref.fileName.replace(/\.js$/, '.d.ts'));
      if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
      text = text.slice(0, ref.pos) + name(target) + text.slice(ref.end);
    }
    // Inside `declare module` every statement is ambient already: a `declare` there is an error (TS1038).
    text = text.replace(/^(export )?declare /gm, '$1');
    modules.push(`declare module '${name(file)}' {\n${text.trim()}\n}\n`);
  }
  declarations = modules.join('');
  return declarations;
}

/** A declaration file that makes each of `specifiers` resolve to hermes-pid's exports. */
export function ambientModules(specifiers: readonly string[]): string {
  const index = `${PREFIX}index`;
  return `// Written by hermes-codemod: ${specifiers.join(', ')} as hermes-pid declares it (not installed here).\n${packageDeclarations()}${specifiers
    .map((specifier) => `declare module ${JSON.stringify(specifier)} {\n  export * from '${index}';\n}\n`)
    .join('')}`;
}
