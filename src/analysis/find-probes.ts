// Which calls are liveness probes: `process.kill(pid, 0)` however `kill` reached the call, and
// `ChildProcess#kill(0)`. Built on the scope analysis of find-process-kill-calls.ts.
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { findKillMethodCalls } from './find-kill-method-calls.js';
import { findProcessKillCalls } from './find-process-kill-calls.js';
import { isChildProcessKill } from './is-child-process.js';
import { signalZero } from './is-signal-zero.js';
import type { AnalysisSource } from './source.js';

export type ProbeKind = 'probe' | 'maybe-signal-zero' | 'dynamic-callee' | 'child-process-kill-zero';

export interface FoundProbe {
  readonly call: TSESTree.CallExpression;
  readonly kind: ProbeKind;
}

const cache = new WeakMap<TSESTree.Program, readonly FoundProbe[]>();

/** Every probe-like call in the file, in source order. Cached per file: every rule and the codemod ask. */
export function findProbes(source: AnalysisSource): readonly FoundProbe[] {
  const cached = cache.get(source.ast);
  if (cached !== undefined) return cached;
  const found: FoundProbe[] = [];
  const { calls, processNodes } = findProcessKillCalls(source);
  for (const { call, callee } of calls) {
    const signal = call.arguments[1];
    if (signal === undefined || signal.type === AST_NODE_TYPES.SpreadElement) continue;
    const zero = signalZero(source, signal);
    if (zero === undefined) continue;
    found.push({ call, kind: callee === 'dynamic' ? 'dynamic-callee' : zero === 'zero' ? 'probe' : 'maybe-signal-zero' });
  }
  for (const call of findKillMethodCalls(source)) {
    const [only] = call.arguments;
    if (call.arguments.length === 1 && only !== undefined && isChildProcessKill(source, call, processNodes) && signalZero(source, only) === 'zero') {
      found.push({ call, kind: 'child-process-kill-zero' });
    }
  }
  found.sort((a, b) => a.call.range[0] - b.call.range[0] || b.call.range[1] - a.call.range[1]);
  cache.set(source.ast, found);
  return found;
}
