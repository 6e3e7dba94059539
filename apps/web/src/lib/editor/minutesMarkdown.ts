/**
 * What the minutes editor knows, and how it reads and writes the Markdown the server stores: the
 * starter kit (headings, emphasis, lists, quotes, links; code and rules too, so that minutes edited
 * as Markdown before keep them), GFM pipe tables, and the official Markdown extension.
 *
 * The stock serialiser writes some things that read back as something else, which the minutes meet:
 * a `|` in a paragraph or a table cell (a name such as `王|五` would split its cell), a line that
 * begins like a block (`# `, `- `, `1. `, `> `: a name at the start of a paragraph would become a
 * heading or a list), and bold ending in Chinese punctuation (emphasis.ts). Here a paragraph escapes
 * those, and a table is written as the server writes it (`| a | b |`, `| --- | --- |`, not padded to
 * its widest cell), as is a link to its own address (`<https://…>`): generated minutes come back as
 * they were generated.
 */
import type { AnyExtension, JSONContent, MarkdownRendererHelpers, RenderContext } from '@tiptap/core';
import { TableKit } from '@tiptap/extension-table';
import { Markdown, type MarkdownManager } from '@tiptap/markdown';
import { StarterKit } from '@tiptap/starter-kit';
import { isAllowedHref } from '../draft/links';
import { safeEmphasis } from './emphasis';

type Render = (node: JSONContent, helpers: MarkdownRendererHelpers, context: RenderContext) => string;

/** Backtick code spans, which Markdown takes literally (no escape applies inside one). */
const CODE_SPAN = /(`+)[\s\S]*?\1/g;

/** Applies `escape` to the parts of a line of Markdown that are not code spans. */
function outsideCode(text: string, escape: (part: string) => string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(CODE_SPAN)) {
    out += escape(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + escape(text.slice(last));
}

/**
 * Escapes what would start a block at the beginning of a line of a paragraph: an ATX heading,
 * a quote, a list item or a thematic break, a setext underline (`=`). Emphasis markers, backticks and
 * `<` are escaped by the stock serialiser already.
 */
function escapeLineStart(line: string): string {
  return line.replace(/^(\s*)([#>+=-])/, '$1\\$2').replace(/^(\s*\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
}

/** Undoes the serialiser's escapes of a link's text, to compare it with the link's address. */
const unescapeText = (text: string) =>
  text
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');

/**
 * A link whose text is its web address, written as the server writes one: `<https://…>` rather
 * than `[https://…](https://…)`. Only addresses that an autolink keeps as they are.
 */
function autolinks(part: string): string {
  return part.replace(/\[([^\]\n]+)\]\((https?:\/\/[^\s()<>|\\`]+)\)/g, (link, text: string, href: string) =>
    unescapeText(text) === href ? `<${href}>` : link,
  );
}

/**
 * A paragraph's Markdown made to mean what the paragraph says: `|` escaped outside code spans (a
 * paragraph inside a table cell is a cell's text, and a line of pipes followed by a delimiter row
 * would be a table), and each line's start escaped. Text nodes reach here with their backslashes
 * already doubled, so every `|` seen is literal text. Links to their own address become autolinks.
 */
export function escapeParagraph(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => escapeLineStart(outsideCode(line, (part) => autolinks(part).replaceAll('|', '\\|'))))
    .join('\n');
}

/** A heading's text: a trailing `#` would be read as the heading's closing sequence. */
function escapeHeadingEnd(markdown: string): string {
  return markdown.replace(/(\s)#+$/, (run) => run.replaceAll('#', '\\#'));
}

/**
 * A table as the server writes one: the first row as the header, a `---` delimiter per column (with
 * the alignment colons), one line per row, no padding. A cell holds one paragraph (see the cell
 * nodes below); a hard break in it becomes a space, since a pipe table's cell is one line.
 */
export function renderTable(node: JSONContent, h: MarkdownRendererHelpers): string {
  const rows = (node.content ?? []).map((row) =>
    (row.content ?? []).map((cell) => ({
      text: h
        .renderChildren(cell.content ?? [])
        .replace(/\s*\n\s*/g, ' ')
        .trim(),
      align: (cell.attrs?.align as string | null | undefined) ?? null,
    })),
  );
  const columns = Math.max(0, ...rows.map((row) => row.length));
  if (columns === 0) return '';
  const line = (texts: string[]) => `| ${texts.join(' | ')} |`;
  const cellsOf = (row: (typeof rows)[number]) => Array.from({ length: columns }, (_, i) => row[i]?.text ?? '');
  const delimiter = Array.from({ length: columns }, (_, i) => {
    const align = rows.map((row) => row[i]?.align).find((a) => a) ?? null;
    return align === 'center' ? ':---:' : align === 'right' ? '---:' : align === 'left' ? ':---' : '---';
  });
  const [head = [], ...body] = rows;
  return [line(cellsOf(head)), line(delimiter), ...body.map((row) => line(cellsOf(row)))].join('\n');
}

/**
 * The alignment of a cell as a class (`align-center`), as lib/markdown.ts renders it: the stock
 * `style` attribute would break the Content-Security-Policy (`style-src-attr`).
 */
const alignAttribute = {
  default: null,
  parseHTML: (element: HTMLElement) => /\balign-(left|center|right)\b/.exec(element.className)?.[1] ?? null,
  renderHTML: (attributes: { align?: string | null }) =>
    attributes.align ? { class: `align-${attributes.align}` } : {},
};

/** Replaces the extensions a kit adds by name, each with `extend(overrides[name])`. */
function overriding(kit: AnyExtension, overrides: Record<string, Record<string, unknown>>): AnyExtension {
  return kit.extend({
    addExtensions() {
      const parent = (this as { parent?: () => AnyExtension[] }).parent;
      return (parent?.() ?? []).map((extension) => {
        const override = overrides[extension.name];
        return override ? (extension.extend(override) as AnyExtension) : extension;
      });
    },
  }) as AnyExtension;
}

/** Calls the extension's own Markdown renderer (`this.parent`), then `after` on its output. */
function renderThen(after: (markdown: string) => string) {
  return {
    renderMarkdown(this: { parent?: Render }, node: JSONContent, h: MarkdownRendererHelpers, ctx: RenderContext) {
      return after(this.parent?.(node, h, ctx) ?? '');
    },
  };
}

/** A table cell holds one paragraph: a pipe table's cell is one line of text. */
const cellOverride = {
  content: 'paragraph',
  addAttributes(this: { parent?: () => Record<string, unknown> }) {
    return { ...this.parent?.(), align: alignAttribute };
  },
};

/** A document (as JSON) as the minutes' Markdown, its emphasis made to read back (see emphasis.ts). */
export function serializeMinutes(manager: MarkdownManager, doc: JSONContent): string {
  return manager.serialize(safeEmphasis(doc));
}

/** The Markdown extension, with `editor.getMarkdown()` as `serializeMinutes`: what the editor saves. */
const MinutesMarkdown = Markdown.extend({
  onBeforeCreate() {
    (this as { parent?: () => void }).parent?.();
    const { editor } = this;
    const manager = editor.markdown;
    if (!manager) return;
    editor.getMarkdown = () => serializeMinutes(manager, editor.getJSON());
  },
});

/** The extensions of the minutes editor; without an element they read and write Markdown headless. */
export function minutesExtensions(): AnyExtension[] {
  const kit = overriding(StarterKit, {
    paragraph: renderThen(escapeParagraph),
    heading: renderThen(escapeHeadingEnd),
  }).configure({
    // Markdown has no underline; the server's documents would print `++` around the text.
    underline: false,
    // An empty paragraph added after a final list or table would make untouched minutes look edited.
    trailingNode: false,
    link: {
      openOnClick: false,
      autolink: true,
      linkOnPaste: true,
      defaultProtocol: 'https',
      isAllowedUri: (url: string) => isAllowedHref(url),
    },
  } as Record<string, unknown>);
  const tables = overriding(TableKit, {
    table: { renderMarkdown: renderTable },
    tableCell: cellOverride,
    tableHeader: cellOverride,
  }).configure({ table: { resizable: false } } as Record<string, unknown>);
  return [kit, tables, MinutesMarkdown];
}
