import { RenderedNodeType, type RenderedNode } from '@hubspot/ui-extensions/testing';

/** All text under a node, children in order (a node's own `text` holds only its direct text). */
export function textOf(node: RenderedNode): string {
  if (node.nodeType === RenderedNodeType.Text) return node.text;
  return node.childNodes.map((child) => textOf(child)).join('');
}
