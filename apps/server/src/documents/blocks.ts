import MarkdownIt from 'markdown-it';
import footnote from 'markdown-it-footnote';

/** A run of text with its emphasis, or the mark of a footnote (`note`, its number; `text` is empty). */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  note?: number;
}

/** The few shapes an official document needs; both the DOCX and the PDF writer draw these. */
export type Block =
  | { type: 'title'; text: string }
  | { type: 'heading'; level: number; text: string; note?: number }
  | { type: 'paragraph'; runs: Run[]; align?: 'left' | 'right' | 'center' }
  | { type: 'list'; ordered: boolean; items: Run[][] }
  | { type: 'table'; header: string[]; rows: string[][] };

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
    else if (child.type === 'text' || child.type === 'code_inline') runs.push({ text: child.content, bold, italic });
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

/**
 * Markdown (minutes, outcome, research) as document blocks: headings, paragraphs, lists and tables,
 * with the footnotes they mark.
 */
export function markdownDocument(source: string): DocumentBlocks {
  const tokens = md.parse(source, {});
  const blocks: Block[] = [];
  let notes: Note[] = [];
  for (let i = 0; i < tokens.length; i++) {
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
    } else if (token.type === 'paragraph_open' && token.level === 0) {
      blocks.push({ type: 'paragraph', runs: runsOf(tokens[i + 1]) });
      i += 2;
    } else if (token.type === 'bullet_list_open' || token.type === 'ordered_list_open') {
      const items: Run[][] = [];
      let depth = 1;
      for (i++; i < tokens.length && depth > 0; i++) {
        const t = tokens[i]!;
        if (t.type === token.type) depth++;
        else if (t.type === token.type.replace('_open', '_close')) depth--;
        else if (t.type === 'inline') items.push(runsOf(t));
      }
      i--;
      blocks.push({ type: 'list', ordered: token.type === 'ordered_list_open', items });
    } else if (token.type === 'table_open') {
      const header: string[] = [];
      const rows: string[][] = [];
      let row: string[] | undefined;
      let inHead = false;
      for (i++; i < tokens.length && tokens[i]!.type !== 'table_close'; i++) {
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
      blocks.push({ type: 'table', header, rows });
    } else if (token.type === 'footnote_block_open') {
      const found = notesOf(tokens, i);
      notes = found.notes;
      i = found.end;
    }
  }
  return { blocks, notes };
}

/** Escapes text for use inside Markdown (names and titles that users typed). */
export function mdEscape(text: string): string {
  return text.replace(/([\\`*_{}[\]()#+\-.!|<>])/g, '\\$1');
}
