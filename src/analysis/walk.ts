// Parser-agnostic traversal: children are the properties that hold nodes, whatever the parser
// (espree, typescript-estree, others) calls them, so no visitor-key table has to be in sync.
import type { TSESTree } from '@typescript-eslint/utils';

const SKIPPED = new Set(['parent', 'loc', 'range', 'tokens', 'comments']);

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string' && Array.isArray((value as { range?: unknown }).range);
}

/** Calls `add` with each child node of `node`, in property order. */
function forEachChild(node: TSESTree.Node, add: (child: TSESTree.Node) => void): void {
  for (const key of Object.keys(node)) {
    if (SKIPPED.has(key)) continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) add(item);
    } else if (isNode(value)) {
      add(value);
    }
  }
}

/** The node's child nodes in source order. */
export function childNodes(node: TSESTree.Node): TSESTree.Node[] {
  const children: TSESTree.Node[] = [];
  forEachChild(node, (child) => children.push(child));
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
  const push = (child: TSESTree.Node): void => {
    stack.push(child);
  };
  while (stack.length > 0) {
    const node = stack.pop() as TSESTree.Node;
    visit(node);
    forEachChild(node, push);
  }
}

/** The deepest node whose range holds `index`, as ESLint's getNodeByRangeIndex (siblings do not overlap: the first that holds it). */
export function nodeAtIndex(root: TSESTree.Node, index: number): TSESTree.Node | undefined {
  if (index < root.range[0] || index >= root.range[1]) return undefined;
  let current: TSESTree.Node | undefined = root;
  let deepest = root;
  const hold = (child: TSESTree.Node): void => {
    if (current === undefined && child.range[0] <= index && index < child.range[1]) current = child;
  };
  while (current !== undefined) {
    deepest = current;
    current = undefined;
    forEachChild(deepest, hold);
  }
  return deepest;
}
