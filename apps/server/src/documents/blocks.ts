import MarkdownIt from 'markdown-it';

/** A run of text with its emphasis. */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

/** The few shapes an official document needs; both the DOCX and the PDF writer draw these. */
export type Block =
  | { type: 'title'; text: string }
  | { type: 'heading'; level: number; text: string }
  | { type: 'paragraph'; runs: Run[]; align?: 'left' | 'right' | 'center' }
  | { type: 'list'; ordered: boolean; items: Run[][] }
  | { type: 'table'; header: string[]; rows: string[][] };

// Raw HTML is never rendered into a document: it stays literal text.
const md = new MarkdownIt({ html: false, linkify: false });
type Token = ReturnType<typeof md.parse>[number];

/** Runs of an inline token's children, keeping bold and italic. */
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
  }
  return runs;
}

const plain = (runs: Run[]) => runs.map((r) => r.text).join('');

/** Markdown (minutes, research) as document blocks: headings, paragraphs, lists and tables. */
export function markdownBlocks(source: string): Block[] {
  const tokens = md.parse(source, {});
  const blocks: Block[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === 'heading_open') {
      const level = Number(token.tag.slice(1));
      const text = plain(runsOf(tokens[i + 1]));
      blocks.push(level === 1 ? { type: 'title', text } : { type: 'heading', level: level - 1, text });
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
    }
  }
  return blocks;
}

/** Escapes text for use inside Markdown (names and titles that users typed). */
export function mdEscape(text: string): string {
  return text.replace(/([\\`*_{}[\]()#+\-.!|<>])/g, '\\$1');
}
