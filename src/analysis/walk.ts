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

/**
 * The first of `items`, in order, whose range holds `index`. The nodes of a list are in source order
 * and do not overlap, so a binary search finds it (a statement list may hold thousands); a hole
 * (`[, x]`) or anything not a node sends it to a look at each item.
 */
function itemAt(items: readonly unknown[], index: number): TSESTree.Node | undefined {
  let low = 0;
  let high = items.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const item = items[middle];
    if (!isNode(item)) {
      for (const each of items) if (isNode(each) && each.range[0] <= index && index < each.range[1]) return each;
      return undefined;
    }
    if (index < item.range[0]) high = middle - 1;
    else if (index >= item.range[1]) low = middle + 1;
    else return item;
  }
  return undefined;
}

/** The deepest node whose range holds `index`, as ESLint's getNodeByRangeIndex: at each level the first child, in key order, that holds it. */
export function nodeAtIndex(root: TSESTree.Node, index: number): TSESTree.Node | undefined {
  if (index < root.range[0] || index >= root.range[1]) return undefined;
  let current: TSESTree.Node = root;
  for (;;) {
    let inner: TSESTree.Node | undefined;
    const record = current as unknown as Record<string, unknown>;
    for (const key in record) {
      if (SKIPPED.has(key)) continue;
      const value = record[key];
      if (Array.isArray(value)) inner = itemAt(value, index);
      else if (isNode(value) && value.range[0] <= index && index < value.range[1]) inner = value;
      if (inner !== undefined) break;
    }
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
