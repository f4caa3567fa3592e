// Parser-agnostic traversal: children are the properties that hold nodes, whatever the parser
// (espree, typescript-estree, others) calls them, so no visitor-key table has to be in sync.
import type { TSESTree } from '@typescript-eslint/utils';

const SKIPPED = new Set(['parent', 'loc', 'range', 'tokens', 'comments']);

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string' && Array.isArray((value as { range?: unknown }).range);
}

/** The node's child nodes in source order. */
export function childNodes(node: TSESTree.Node): TSESTree.Node[] {
  const children: TSESTree.Node[] = [];
  for (const key of Object.keys(node)) {
    if (SKIPPED.has(key)) continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) children.push(item);
    } else if (isNode(value)) {
      children.push(value);
    }
  }
  return children.sort((a, b) => a.range[0] - b.range[0]);
}

/** Visits `root` and its descendants depth-first; `visit` returning false skips a node's children. */
export function walk(root: TSESTree.Node, visit: (node: TSESTree.Node) => boolean | undefined): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as TSESTree.Node;
    if (visit(node) === false) continue;
    const children = childNodes(node);
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index] as TSESTree.Node);
  }
}

/** Visits `root` and every descendant once, in no particular order: for questions about the whole tree. */
export function forEachNode(root: TSESTree.Node, visit: (node: TSESTree.Node) => void): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as TSESTree.Node;
    visit(node);
    for (const key in node) {
      if (SKIPPED.has(key)) continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) stack.push(item);
      } else if (isNode(value)) {
        stack.push(value);
      }
    }
  }
}

/** The first child of `node` (in property order) whose range holds `index`; siblings do not overlap. */
function childAt(node: TSESTree.Node, index: number): TSESTree.Node | undefined {
  const holds = (value: unknown): value is TSESTree.Node => isNode(value) && value.range[0] <= index && index < value.range[1];
  for (const key in node) {
    if (SKIPPED.has(key)) continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      const found = (value as unknown[]).find(holds);
      if (found !== undefined) return found as TSESTree.Node;
    } else if (holds(value)) {
      return value;
    }
  }
  return undefined;
}

/** The deepest node whose range holds `index`, as ESLint's getNodeByRangeIndex. */
export function nodeAtIndex(root: TSESTree.Node, index: number): TSESTree.Node | undefined {
  if (index < root.range[0] || index >= root.range[1]) return undefined;
  let current = root;
  for (let inner = childAt(current, index); inner !== undefined; inner = childAt(current, index)) current = inner;
  return current;
}
