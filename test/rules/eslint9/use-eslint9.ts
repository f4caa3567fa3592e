// Setup file of the ESLint 9 run: every require('eslint') and require('eslint/...') made by CommonJS
// code (the RuleTester of @typescript-eslint/rule-tester, @typescript-eslint/utils) gets the `eslint9` alias.
import Module from 'node:module';

interface ResolvableModule {
  _resolveFilename(request: string, ...rest: unknown[]): string;
}

const moduleWithResolver = Module as unknown as ResolvableModule;
const resolve = moduleWithResolver._resolveFilename.bind(Module);
moduleWithResolver._resolveFilename = (request: string, ...rest: unknown[]): string =>
  resolve(request === 'eslint' || request.startsWith('eslint/') ? `eslint9${request.slice('eslint'.length)}` : request, ...rest);
