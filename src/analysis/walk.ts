// Parser-agnostic traversal: children are the properties that hold nodes, whatever the parser
// (espree, typescript-estree, others) calls them, so no visitor-key table has to be in sync.
// Nothing is allocated per node: on a large file the analysis walks tens of thousands of them.
import type { TSESTree } from '@typescript-eslint/utils';

const SKIPPED = new Set(['parent', 'loc', 'range', 'tokens', 'comments']);

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string' && Array.isArray((value as { range?: unknown }).range);
}

/** Calls `each` for every child node of `node`, in the order of its keys (source order within a list). */
function forEachChild(node: TSESTree.Node, each: (child: TSESTree.Node) => void): void {
  const record = node as unknown as Record<string, unknown>;
  for (const key in record) {
    if (SKIPPED.has(key)) continue;
    const value = record[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) each(item);
    } else if (isNode(value)) {
      each(value);
    }
  }
}

/** Visits `root` and its descendants depth-first, pre-order, children in key order; `visit` returning false skips a node's children. */
export function walk(root: TSESTree.Node, visit: (node: TSESTree.Node) => boolean | undefined): void {
  const stack: TSESTree.Node[] = [root];
  const push = (child: TSESTree.Node): void => {
    stack.push(child);
  };
  while (stack.length > 0) {
    const node = stack.pop() as TSESTree.Node;
    if (visit(node) === false) continue;
    const first = stack.length;
    forEachChild(node, push);
    // Reversed in place, so that the first child is popped first.
    for (let low = first, high = stack.length - 1; low < high; low++, high--) {
      const swap = stack[low] as TSESTree.Node;
      stack[low] = stack[high] as TSESTree.Node;
      stack[high] = swap;
    }
  }
}

/** The deepest node whose range holds `index`, as ESLint's getNodeByRangeIndex. */
export function nodeAtIndex(root: TSESTree.Node, index: number): TSESTree.Node | undefined {
  if (index < root.range[0] || index >= root.range[1]) return undefined;
  let current: TSESTree.Node | undefined = root;
  let inner: TSESTree.Node | undefined;
  const holds = (child: TSESTree.Node): void => {
    if (inner === undefined && child.range[0] <= index && index < child.range[1]) inner = child;
  };
  for (;;) {
    inner = undefined;
    forEachChild(current, holds);
    if (inner === undefined) return current;
    current = inner;
  }
}

/** Visits `root` and every descendant once, in no particular order: for questions about the whole tree. */
export function forEachNode(root: TSESTree.Node, visit: (node: TSESTree.Node) => void): void {
  const stack: TSESTree.Node[] = [root];
  const push = (child: TSESTree.Node): void => {
    stack.push(child);
  };
  while (stack.length > 0) {
    const node = stack.pop() as TSESTree.Node;
    visit(node);
    forEachChild(node, push);
  }
}
