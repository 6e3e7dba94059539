/**
 * The outcome draft as text: its top-level blocks (as the server lists a saved version's, so that a
 * version and the live draft compare block by block) and a plain-text rendering for copying.
 */
import type { DraftBlock } from '@yishi/protocol';
import * as Y from 'yjs';

type Node = Y.XmlElement | Y.XmlText | Y.XmlHook;

/** The text of a node and everything in it, as the server computes it. */
export function textOf(node: Node): string {
  if (node instanceof Y.XmlText) {
    return (node.toDelta() as { insert: unknown }[])
      .map((op) => (typeof op.insert === 'string' ? op.insert : ''))
      .join('');
  }
  if (node instanceof Y.XmlElement) return node.toArray().map(textOf).join('');
  return '';
}

/** The top-level blocks of a draft: the same shape as a saved version's `blocks`. */
export function blocksOf(fragment: Y.XmlFragment): DraftBlock[] {
  return fragment.toArray().map((node) => ({
    type: node instanceof Y.XmlElement ? node.nodeName : 'text',
    text: textOf(node),
    attrs: node instanceof Y.XmlElement ? node.getAttributes() : {},
  }));
}

/** The lines of one node; list items are prefixed and nested lists indented. */
function linesOf(node: Node, indent: string): string[] {
  if (!(node instanceof Y.XmlElement)) return [indent + textOf(node)];
  const children = node.toArray();
  switch (node.nodeName) {
    case 'bulletList':
    case 'orderedList':
      return children.flatMap((item, i) => {
        const marker = node.nodeName === 'bulletList' ? '• ' : `${i + 1}. `;
        const [first = '', ...rest] = linesOf(item, '');
        return [indent + marker + first, ...rest.map((line) => indent + ' '.repeat(marker.length) + line)];
      });
    case 'listItem':
      return children.flatMap((child) => linesOf(child, indent));
    case 'blockquote':
      return children.flatMap((child) => linesOf(child, indent)).map((line) => `> ${line}`);
    default:
      return [indent + textOf(node)];
  }
}

/** The draft as plain text: one block per paragraph, a blank line between blocks. */
export function plainText(fragment: Y.XmlFragment): string {
  return fragment
    .toArray()
    .map((node) => linesOf(node, '').join('\n'))
    .join('\n\n');
}

/** Whether the draft has any text (what the server's "draft is not empty" gate reads). */
export function hasText(fragment: Y.XmlFragment): boolean {
  return fragment.toArray().some((node) => textOf(node).trim() !== '');
}
