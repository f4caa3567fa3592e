// Which calls are liveness probes: `process.kill(pid, 0)` however `kill` reached the call, and
// `ChildProcess#kill(0)`. Built on the scope analysis of find-process-kill-calls.ts.
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/types';
import { findKillMethodCalls } from './find-kill-method-calls.js';
import { findProcessKillCalls } from './find-process-kill-calls.js';
import { isChildProcessKill } from './is-child-process.js';
import { isGroupOrSelfPid } from './is-group-or-self-pid.js';
import { signalZero } from './is-signal-zero.js';
import type { AnalysisSource } from './source.js';

export type ProbeKind = 'probe' | 'process-group-probe' | 'maybe-signal-zero' | 'dynamic-callee' | 'child-process-kill-zero';

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
    const [pid] = call.arguments;
    let kind: ProbeKind;
    if (callee === 'dynamic') kind = 'dynamic-callee';
    else if (zero !== 'zero') kind = 'maybe-signal-zero';
    else kind = pid !== undefined && pid.type !== AST_NODE_TYPES.SpreadElement && isGroupOrSelfPid(source, pid) ? 'process-group-probe' : 'probe';
    found.push({ call, kind });
  }
  for (const call of findKillMethodCalls(source)) {
    const [only] = call.arguments;
    // The signal first: most `.kill(...)` calls send a real one, and telling a child process may walk the whole file.
    if (call.arguments.length === 1 && only !== undefined && only.type !== AST_NODE_TYPES.SpreadElement && signalZero(source, only) === 'zero' && isChildProcessKill(source, call, processNodes)) {
      found.push({ call, kind: 'child-process-kill-zero' });
    }
  }
  found.sort((a, b) => a.call.range[0] - b.call.range[0] || b.call.range[1] - a.call.range[1]);
  cache.set(source.ast, found);
  return found;
}
