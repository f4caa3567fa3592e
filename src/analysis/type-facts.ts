// What a host with a type checker can tell the analysis. The analysis asks; each host answers with
// what it has: the codemod's ts-morph pass, typed linting (parserServices.program), or nothing.
import type { TSESTree } from '@typescript-eslint/types';

export interface TypeFacts {
  /**
   * Whether the value of `node` is typed as a child process (`ChildProcess` from node:child_process
   * or a subtype). `undefined` when the checker cannot tell (`any`, unresolved types): the scope
   * analysis then decides alone.
   */
  isChildProcess(node: TSESTree.Node): boolean | undefined;
  /** Whether the value of `node` is typed as a string; `undefined` when the checker cannot tell. */
  isString(node: TSESTree.Node): boolean | undefined;
}
