import MarkdownIt from 'markdown-it';
import footnote from 'markdown-it-footnote';

/** A run of text with its emphasis, or the mark of a footnote (`note`, its number; `text` is empty). */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  note?: number;
}

/** A list item: its text (its paragraphs, one line each) and the lists nested in it. */
export interface ListItem {
  runs: Run[];
  lists: ListBlock[];
}

/** A bulleted or numbered list; `start` is the first number of a numbered one. */
export interface ListBlock {
  type: 'list';
  ordered: boolean;
  start?: number;
  items: ListItem[];
}

/**
 * The shapes an official document needs; both the DOCX and the PDF writer draw these. A signature
 * is the issuing body and the date at the end, set right as GB/T 9704 places them.
 */
export type Block =
  | { type: 'title'; text: string }
  | { type: 'heading'; level: number; text: string; note?: number }
  | { type: 'paragraph'; runs: Run[]; align?: 'left' | 'right' | 'center' }
  | ListBlock
  | { type: 'quote'; blocks: Block[] }
  | { type: 'table'; header: string[]; rows: string[][] }
  | { type: 'signature'; issuer: string; date: string };

/** A footnote: its number (as its marks carry it) and its text. */
export interface Note {
  number: number;
  runs: Run[];
}

/** A document to draw: its blocks and their footnotes. */
export interface DocumentBlocks {
  blocks: Block[];
  notes: Note[];
}

// Raw HTML is never rendered into a document: it stays literal text. Footnotes are Markdown's
// usual `[^1]` marks with `[^1]: text` definitions (the outcome's citations).
const md = new MarkdownIt({ html: false, linkify: false }).use(footnote);
type Token = ReturnType<typeof md.parse>[number];

/** The number of the note a `footnote_ref` or `footnote_open` token stands for (the plugin counts from 0). */
const noteNumber = (token: Token) => Number((token.meta as { id: number }).id) + 1;

/** Runs of an inline token's children, keeping bold, italic and footnote marks. */
function runsOf(inline: Token | undefined): Run[] {
  const runs: Run[] = [];
  let bold = false;
  let italic = false;
  for (const child of inline?.children ?? []) {
    if (child.type === 'strong_open') bold = true;
    else if (child.type === 'strong_close') bold = false;
    else if (child.type === 'em_open') italic = true;
    else if (child.type === 'em_close') italic = false;
    else if ((child.type === 'text' || child.type === 'code_inline') && child.content)
      runs.push({ text: child.content, bold, italic });
    else if (child.type === 'softbreak' || child.type === 'hardbreak') runs.push({ text: '\n', bold, italic });
    else if (child.type === 'footnote_ref') runs.push({ text: '', note: noteNumber(child) });
  }
  return runs;
}

const plain = (runs: Run[]) => runs.map((r) => r.text).join('');

/** The footnotes of the `footnote_block` starting at `tokens[start]`, and the index of its end. */
function notesOf(tokens: Token[], start: number): { notes: Note[]; end: number } {
  const notes: Note[] = [];
  let i = start + 1;
  for (; i < tokens.length && tokens[i]!.type !== 'footnote_block_close'; i++) {
    const token = tokens[i]!;
    if (token.type === 'footnote_open') notes.push({ number: noteNumber(token), runs: [] });
    else if (token.type === 'inline') {
      const note = notes.at(-1)!;
      note.runs.push(...(note.runs.length > 0 ? [{ text: '\n' }] : []), ...runsOf(token));
    }
  }
  return { notes, end: i };
}

/** The blocks of `tokens` from `start` up to the token of type `until` (or the end), and where it stopped. */
function blocksOf(
  tokens: Token[],
  start: number,
  until: string | undefined,
  notes: Note[],
): { blocks: Block[]; end: number } {
  const blocks: Block[] = [];
  let i = start;
  for (; i < tokens.length && tokens[i]!.type !== until; i++) {
    const token = tokens[i]!;
    if (token.type === 'heading_open') {
      const level = Number(token.tag.slice(1));
      const runs = runsOf(tokens[i + 1]);
      const text = plain(runs);
      const note = runs.find((r) => r.note !== undefined)?.note;
      blocks.push(
        level === 1
          ? { type: 'title', text }
          : { type: 'heading', level: level - 1, text, ...(note === undefined ? {} : { note }) },
      );
      i += 2;
    } else if (token.type === 'paragraph_open') {
      blocks.push({ type: 'paragraph', runs: runsOf(tokens[i + 1]) });
      i += 2;
    } else if (token.type === 'code_block' || token.type === 'fence') {
      blocks.push({ type: 'paragraph', runs: [{ text: token.content.replace(/\n$/, '') }] });
    } else if (token.type === 'bullet_list_open' || token.type === 'ordered_list_open') {
      const found = listOf(tokens, i, notes);
      blocks.push(found.list);
      i = found.end;
    } else if (token.type === 'blockquote_open') {
      const found = blocksOf(tokens, i + 1, 'blockquote_close', notes);
      blocks.push({ type: 'quote', blocks: found.blocks });
      i = found.end;
    } else if (token.type === 'table_open') {
      const found = tableOf(tokens, i);
      blocks.push(found.table);
      i = found.end;
    } else if (token.type === 'footnote_block_open') {
      const found = notesOf(tokens, i);
      notes.push(...found.notes);
      i = found.end;
    }
  }
  return { blocks, end: i };
}

/**
 * The list opening at `tokens[start]`: each item's paragraphs as its text (a line each; a quote in
 * an item kept as its text) and the lists nested in it as its own lists, at any depth.
 */
function listOf(tokens: Token[], start: number, notes: Note[]): { list: ListBlock; end: number } {
  const open = tokens[start]!;
  const ordered = open.type === 'ordered_list_open';
  const first = Number(open.attrGet('start') ?? 1);
  const list: ListBlock = { type: 'list', ordered, ...(ordered && first !== 1 ? { start: first } : {}), items: [] };
  const close = open.type.replace('_open', '_close');
  let i = start + 1;
  for (; i < tokens.length && tokens[i]!.type !== close; i++) {
    if (tokens[i]!.type !== 'list_item_open') continue;
    const found = blocksOf(tokens, i + 1, 'list_item_close', notes);
    const item: ListItem = { runs: [], lists: [] };
    const addText = (runs: Run[]) => item.runs.push(...(item.runs.length > 0 ? [{ text: '\n' }] : []), ...runs);
    const take = (block: Block): void => {
      if (block.type === 'list') item.lists.push(block);
      else if (block.type === 'paragraph') addText(block.runs);
      else if (block.type === 'heading' || block.type === 'title') addText([{ text: block.text }]);
      else if (block.type === 'quote') block.blocks.forEach(take);
      else if (block.type === 'table')
        addText([{ text: [block.header, ...block.rows].map((r) => r.join(' ')).join('\n') }]);
    };
    found.blocks.forEach(take);
    list.items.push(item);
    i = found.end;
  }
  return { list, end: i };
}

/** The table opening at `tokens[start]`, and the index of its end. */
function tableOf(tokens: Token[], start: number): { table: Extract<Block, { type: 'table' }>; end: number } {
  const header: string[] = [];
  const rows: string[][] = [];
  let row: string[] | undefined;
  let inHead = false;
  let i = start + 1;
  for (; i < tokens.length && tokens[i]!.type !== 'table_close'; i++) {
    const t = tokens[i]!;
    if (t.type === 'thead_open') inHead = true;
    else if (t.type === 'thead_close') inHead = false;
    else if (t.type === 'tr_open') row = [];
    else if (t.type === 'tr_close' && row) {
      if (inHead) header.push(...row);
      else rows.push(row);
      row = undefined;
    } else if (t.type === 'inline' && row) row.push(plain(runsOf(t)));
  }
  return { table: { type: 'table', header, rows }, end: i };
}

/**
 * Markdown (minutes, outcome, research) as document blocks: headings, paragraphs, lists nested to
 * any depth, quotes and tables, with the footnotes they mark.
 */
export function markdownDocument(source: string): DocumentBlocks {
  const notes: Note[] = [];
  const { blocks } = blocksOf(md.parse(source, {}), 0, undefined, notes);
  return { blocks, notes };
}

/** Escapes text for use inside Markdown (names and titles that users typed). */
export function mdEscape(text: string): string {
  return text.replace(/([\\`*_{}[\]()#+\-.!|<>])/g, '\\$1');
}
