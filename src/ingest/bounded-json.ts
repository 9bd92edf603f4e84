import { storableText } from './storable-text';

export interface JsonBounds {
  /** Containers nested deeper are replaced by a note saying so. */
  depth: number;
  stringChars: number;
  /** Array elements and object keys kept per container; a note counts the rest. */
  entriesPerContainer: number;
}

/**
 * How deeply a parsed JSON value nests (a scalar is 0), counted without recursion so no input can
 * exhaust the stack; counting stops once `limit` is passed, so the answer is at most `limit + 1`.
 * Webhook events pass through here, so only containers are stacked (with their depth beside them) and
 * scalars cost a typeof: most events are one flat object.
 */
export function jsonDepth(value: unknown, limit: number): number {
  if (value === null || typeof value !== 'object') return 0;
  let deepest = 1;
  const nodes: object[] = [value];
  const depths: number[] = [1];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const depth = depths.pop()!;
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    const children: unknown[] = Array.isArray(node) ? node : Object.values(node);
    for (const child of children) {
      if (child === null || typeof child !== 'object') continue;
      nodes.push(child);
      depths.push(depth + 1);
    }
  }
  return deepest;
}

/**
 * A copy of a parsed JSON value that PostgreSQL's jsonb can always take and that stays small: nesting,
 * strings and containers cut to `bounds`, text it refuses replaced. Built without recursion.
 */
export function boundedJson(value: unknown, bounds: JsonBounds): unknown {
  const root: { value?: unknown } = {};
  const stack: { node: unknown; depth: number; put: (copy: unknown) => void }[] = [{ node: value, depth: 0, put: (copy) => (root.value = copy) }];
  while (stack.length > 0) {
    const { node, depth, put } = stack.pop()!;
    if (typeof node === 'string') put(storableText(node, bounds.stringChars));
    else if (node === null || typeof node !== 'object') put(node);
    else if (depth >= bounds.depth) put(`[cut: nested deeper than ${bounds.depth} levels]`);
    else if (Array.isArray(node)) {
      const copy: unknown[] = [];
      put(copy);
      node.slice(0, bounds.entriesPerContainer).forEach((child, index) => stack.push({ node: child, depth: depth + 1, put: (c) => (copy[index] = c) }));
      if (node.length > bounds.entriesPerContainer) copy[bounds.entriesPerContainer] = `[cut: ${node.length - bounds.entriesPerContainer} more]`;
    } else {
      const copy: Record<string, unknown> = {};
      put(copy);
      const entries = Object.entries(node);
      for (const [key, child] of entries.slice(0, bounds.entriesPerContainer)) {
        const name = storableText(key, bounds.stringChars);
        stack.push({ node: child, depth: depth + 1, put: (c) => (copy[name] = c) });
      }
      if (entries.length > bounds.entriesPerContainer) copy['[cut]'] = `${entries.length - bounds.entriesPerContainer} more keys`;
    }
  }
  return root.value;
}
