// "Is this type a child process?": one answer for every host with a type checker (typed linting's
// parserServices.program, the codemod's ts-morph pass). TypeScript is imported for its types only and
// handed in by the host, so that loading the analysis (linting without types) never loads TypeScript.
import type * as TypeScript from 'typescript';

/**
 * Type names of a child process, as the untyped analysis reads annotations (is-spawn-call.ts):
 * Node's ChildProcess (and ChildProcessWithoutNullStreams, ..ByStdio), execa's, Bun's.
 */
export const CHILD_PROCESS_TYPE_NAME = /^(?:ChildProcess\w*|ExecaChildProcess|ResultPromise|Subprocess)$/;
/** class Worker extends ChildProcess, interface Spawned extends ChildProcess: bases followed this deep. */
const MAX_BASE_DEPTH = 8;

/** The parts of TypeScript the rule reads (the host's own module: typescript, or ts-morph's `ts`). */
export type TypeScriptModule = Pick<typeof TypeScript, 'TypeFlags'>;

/**
 * Whether `type` is a child process: named as one (or an alias so named), or a class or interface
 * whose bases are; a union when each part that is not null, undefined or void is; an intersection
 * when a part is. `any`, `unknown` and unresolved types are undefined: the checker cannot tell.
 */
export function isChildProcessType(ts: TypeScriptModule, checker: TypeScript.TypeChecker, type: TypeScript.Type): boolean | undefined {
  if ((type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0) return undefined;
  const nullish = ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void;
  const parts = (type.isUnion() ? type.types : [type]).filter((part) => (part.flags & nullish) === 0);
  if (parts.length === 0) return undefined;
  const named = (part: TypeScript.Type, depth: number): boolean => {
    if (part.isIntersection()) return part.types.some((member) => named(member, depth));
    if (part.isUnion()) return part.types.every((member) => (member.flags & nullish) !== 0 || named(member, depth));
    for (const symbol of [part.aliasSymbol, part.getSymbol()]) if (symbol !== undefined && CHILD_PROCESS_TYPE_NAME.test(symbol.getName())) return true;
    if (depth >= MAX_BASE_DEPTH) return false;
    // A generic class or interface instance: its bases are its target's.
    const target = (part as TypeScript.TypeReference).target ?? part;
    if (!target.isClassOrInterface()) return false;
    return checker.getBaseTypes(target).some((base) => named(base, depth + 1));
  };
  return parts.every((part) => named(part, 0));
}
