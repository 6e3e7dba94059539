import * as Y from 'yjs';
import { mdEscape } from '../documents/blocks.js';

type Node = Y.XmlElement | Y.XmlText | Y.XmlHook;

/** A run of the editor's text with its marks, as y-prosemirror keeps them on the delta. */
interface DeltaOp {
  insert: unknown;
  attributes?: { bold?: unknown; italic?: unknown; link?: { href?: unknown } };
}

/** A link's target when it is one a document may carry (http, https, mailto); otherwise none. */
function safeHref(href: unknown): string | undefined {
  if (typeof href !== 'string') return undefined;
  try {
    const url = new URL(href);
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** A text's runs as inline Markdown: escaped, with bold, italic and safe links kept. */
function inline(node: Y.XmlText): string {
  return (node.toDelta() as DeltaOp[])
    .map(({ insert, attributes = {} }) => {
      if (typeof insert !== 'string' || insert === '') return '';
      // Emphasis marks must hug the text: spaces stay outside them.
      const [, lead = '', core = '', trail = ''] = /^(\s*)([\s\S]*?)(\s*)$/.exec(insert) ?? [];
      if (core === '') return insert;
      let text = mdEscape(core);
      if (attributes.italic) text = `*${text}*`;
      if (attributes.bold) text = `**${text}**`;
      const href = safeHref(attributes.link?.href);
      if (href) text = `[${text}](<${href.replace(/[<>]/g, encodeURIComponent)}>)`;
      return lead + text + trail;
    })
    .join('');
}

/** The inline Markdown of a textblock (paragraph, heading): its texts, line breaks as spaces. */
function textblock(node: Y.XmlElement): string {
  return node
    .toArray()
    .map((child) => (child instanceof Y.XmlText ? inline(child) : child instanceof Y.XmlElement ? ' ' : ''))
    .join('')
    .replace(/\n/g, ' ');
}

/** The Markdown lines of a block, lists with their markers and nesting, quotes with `>`. */
function lines(node: Node): string[] {
  if (node instanceof Y.XmlText) return [inline(node)];
  if (!(node instanceof Y.XmlElement)) return [];
  switch (node.nodeName) {
    case 'bulletList':
    case 'orderedList': {
      const start = Number(node.getAttribute('start') ?? 1);
      return node.toArray().flatMap((item, i) => {
        const marker = node.nodeName === 'bulletList' ? '- ' : `${(Number.isFinite(start) ? start : 1) + i}. `;
        // An item's paragraphs are its lines; a list inside it is indented under its text.
        const body = item instanceof Y.XmlElement ? item.toArray().flatMap(lines) : [];
        const [first = '', ...rest] = body;
        return [marker + first, ...rest.map((line) => ' '.repeat(marker.length) + line)];
      });
    }
    case 'blockquote':
      return node
        .toArray()
        .flatMap((child, i) => [...(i > 0 ? [''] : []), ...lines(child)])
        .map((line) => (line === '' ? '>' : `> ${line}`));
    case 'hardBreak':
      return [];
    default:
      return [textblock(node)];
  }
}

/**
 * One top-level block of the outcome draft as Markdown: what the exports and the case page draw, so
 * that a list written with the editor's list buttons stays a list (with its nesting and numbers), a
 * quote a quote, and bold, italic and links what they were. People's text is escaped throughout.
 */
export function blockMarkdown(node: Node): string {
  return lines(node).join('\n');
}
