import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { Block, DocumentBlocks, ListBlock, Note, Run } from './blocks.js';
import type { DocumentLanguage } from './i18n.js';
import {
  issuerRightIndent,
  listLabel,
  PDF_FACES,
  textWidth,
  type DocumentLayout,
  type PdfFace,
  type TextStyle,
} from './layout.js';

const require = createRequire(import.meta.url);

/**
 * Registers each face of PDF_FACES under its name: the first of its files found (a package's file,
 * or a system one; `#name` picks a face of a collection). pdfkit embeds only the glyphs used.
 */
function registerFaces(doc: PDFKit.PDFDocument): void {
  for (const [face, candidates] of Object.entries(PDF_FACES)) {
    for (const candidate of candidates) {
      const [file, family] = candidate.split('#') as [string, string | undefined];
      const path = file.startsWith('/') ? (existsSync(file) ? file : undefined) : require.resolve(file);
      if (!path) continue;
      doc.registerFont(face, path, family);
      break;
    }
  }
}

/** Footnote marks are set smaller than the text they follow; pdfkit tops them on the line, raised. */
const MARK_SCALE = 0.6;

/** The face of a run: bold text in the serif body takes the serif's bold. */
/**
 * The face of a run: the Serif's bold for bold body text; for italic body text, 楷体 in a Chinese
 * document (CJK type has no italic: emphasis is set in 楷体) and the Serif slanted in an English one.
 */
function faceOf(style: TextStyle, run: Run, lang: DocumentLanguage): PdfFace {
  if (style.face.pdf !== 'serif') return style.face.pdf;
  if (run.bold || style.bold) return 'serifBold';
  return (run.italic || style.italic) && lang === 'zh-CN' ? 'kai' : 'serif';
}

/** Degrees a run leans: italic Latin type, which the faces drawn into the PDF do not have. */
const slantOf = (style: TextStyle, run: Run, lang: DocumentLanguage): number | false =>
  (run.italic || style.italic) && lang === 'en' ? 12 : false;

/** Where and how wide a paragraph is set, and how: left and right of the text block, aligned. */
interface Frame {
  x: number;
  width: number;
  align: TextStyle['align'];
  firstLine: number;
}

/** Draws blocks in a layout: each style's face, size, exact line distance, indents and spacing. */
class PdfWriter {
  readonly left: number;
  readonly width: number;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly layout: DocumentLayout,
  ) {
    this.left = layout.page.margin.left;
    this.width = textWidth(layout);
  }

  /** The frame of a style: its indents within the text block. */
  frame(style: TextStyle, more: Partial<Frame> = {}): Frame {
    return {
      x: this.left + style.left,
      width: this.width - style.left - style.right,
      align: style.align,
      firstLine: style.firstLine,
      ...more,
    };
  }

  /** Options that set a style's lines `style.line` apart, and its characters on the grid where it has one. */
  private options(style: TextStyle, frame: Frame): PDFKit.Mixins.TextOptions {
    const { doc, layout } = this;
    doc.font(style.face.pdf).fontSize(style.size);
    // On the grid a line holds exactly its characters; a hair less spacing keeps the last one on it.
    const grid = layout.grid && style.size === layout.body.size ? layout.grid.characterSpacing - 0.001 : 0;
    return {
      width: frame.width,
      align: frame.align,
      indent: frame.firstLine,
      lineGap: Math.max(0, style.line - doc.currentLineHeight(true)),
      characterSpacing: grid,
    };
  }

  /** Writes runs as one paragraph in `frame`, starting at the current line. */
  runs(runs: Run[], style: TextStyle, frame = this.frame(style)): void {
    const { doc } = this;
    const options = this.options(style, frame);
    const x = frame.x;
    doc.x = x;
    const shown = runs.length > 0 ? runs : [{ text: '' }];
    shown.forEach((run, i) => {
      const { lang } = this.layout;
      doc.font(faceOf(style, run, lang)).fontSize(run.note === undefined ? style.size : style.size * MARK_SCALE);
      const text = run.note === undefined ? run.text : `[${run.note}]`;
      const continued = i < shown.length - 1;
      const oblique = slantOf(style, run, lang);
      if (i === 0) doc.text(text, x, doc.y, { ...options, continued, oblique });
      else doc.text(text, { ...options, continued, oblique });
    });
    doc.fontSize(style.size);
    doc.x = this.left;
  }

  /** Moves down by `points`, as a paragraph's spacing before or after. */
  space(points: number): void {
    if (points > 0) this.doc.y += points;
  }

  /** Starts a new page when fewer than `lines` lines of `style` fit on this one. */
  keep(style: TextStyle, lines = 1): void {
    if (this.doc.y + style.line * lines > this.doc.page.maxY()) this.doc.addPage();
  }

  /** Starts a new page when fewer than `points` points are left on this one. */
  private room(points: number): void {
    if (this.doc.y + points > this.doc.page.maxY()) this.doc.addPage();
  }

  /**
   * Writes a block. `headed` are the headings that come right after it, which a heading keeps on
   * its page together with a line of the text they head (as DOCX's keep-with-next does), so that
   * no heading is left alone at the foot of a page.
   */
  block(block: Block, headed: readonly Block[] = []): void {
    const { layout } = this;
    switch (block.type) {
      case 'title':
        this.space(layout.title.before);
        this.runs([{ text: block.text }], layout.title);
        this.space(layout.title.after);
        break;
      case 'heading': {
        const style = layout.headings[Math.min(block.level, 3) - 1]!;
        const mark: Run[] = block.note === undefined ? [] : [{ text: '', note: block.note }];
        this.space(style.before);
        const chained = headed.reduce((sum, next) => {
          const nextStyle = next.type === 'heading' ? layout.headings[Math.min(next.level, 3) - 1]! : layout.body;
          return sum + nextStyle.before + nextStyle.line + nextStyle.after;
        }, 0);
        this.room(Math.max(style.line * 2, style.line + style.after + chained + layout.body.line));
        this.runs([{ text: block.text }, ...mark], style);
        this.space(style.after);
        break;
      }
      case 'paragraph': {
        const style = layout.body;
        this.space(style.before);
        this.runs(block.runs, style, this.frame(style, block.align ? { align: block.align, firstLine: 0 } : {}));
        this.space(style.after);
        break;
      }
      case 'list':
        this.list(block, 0);
        this.space(layout.body.after);
        break;
      case 'quote':
        for (const inner of block.blocks) {
          if (inner.type !== 'paragraph') this.block(inner);
          else {
            this.space(layout.quote.before);
            this.runs(inner.runs, layout.quote);
            this.space(layout.quote.after);
          }
        }
        break;
      case 'table':
        this.table(block.header, block.rows);
        break;
      case 'signature': {
        const style = { ...layout.body, firstLine: 0, align: 'right' as const };
        this.space(layout.signature.before);
        this.keep(style, 2);
        const issuerRight = issuerRightIndent(layout, block.issuer, block.date);
        this.runs([{ text: block.issuer }], style, this.frame({ ...style, right: issuerRight }));
        this.runs([{ text: block.date }], style, this.frame({ ...style, right: layout.signature.dateRight }));
        break;
      }
    }
  }

  /** A list's items, each marker hanging before its text, nested lists a step further in. */
  private list(block: ListBlock, level: number): void {
    const { doc, layout } = this;
    const style = { ...layout.body, firstLine: 0, after: 0 };
    const markerX = this.left + layout.list.step * (level + 1);
    const textX = markerX + layout.list.hanging;
    block.items.forEach((item, i) => {
      this.keep(style);
      const top = doc.y;
      const label = listLabel(layout, block.ordered, level, (block.start ?? 1) + i);
      doc.font(style.face.pdf).fontSize(style.size).text(label, markerX, top, { lineBreak: false });
      doc.y = top;
      this.runs(item.runs, style, {
        x: textX,
        width: this.left + this.width - textX,
        align: style.align,
        firstLine: 0,
      });
      for (const inner of item.lists) this.list(inner, level + 1);
    });
  }

  private table(header: string[], rows: string[][]): void {
    const { doc } = this;
    const style = this.layout.table;
    const columns = Math.max(header.length, 1);
    const cell = this.width / columns;
    for (const [r, row] of [header, ...rows].entries()) {
      doc.font(r === 0 ? 'serifBold' : style.face.pdf).fontSize(style.size);
      const heights = row.map((text) => doc.heightOfString(text, { width: cell - 8 }));
      const height = Math.max(...heights, style.size + 2) + 8;
      if (doc.y + height > doc.page.maxY()) doc.addPage();
      const top = doc.y;
      row.forEach((text, c) => {
        doc.rect(this.left + c * cell, top, cell, height).stroke('#999999');
        doc.fillColor('#000000').text(text, this.left + c * cell + 4, top + 4, { width: cell - 8 });
      });
      doc.x = this.left;
      doc.y = top + height;
    }
    this.space(this.layout.body.after || this.layout.body.line / 2);
  }
}

/** Page numbers at each page's foot, `below` the text block: on the outer side or centred. */
function drawPageNumbers(doc: PDFKit.PDFDocument, layout: DocumentLayout): void {
  const { page, pageNumber } = layout;
  const range = doc.bufferedPageRange();
  const width = textWidth(layout);
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Below the bottom margin: without one, writing there starts no new page.
    doc.page.margins.bottom = 0;
    const number = i - range.start + 1;
    const odd = number % 2 === 1;
    const inset = pageNumber.position === 'outer' ? pageNumber.inset : 0;
    doc
      .font(pageNumber.face.pdf)
      .fontSize(pageNumber.size)
      .fillColor('#000000')
      .text(
        pageNumber.text(number),
        page.margin.left + (odd ? 0 : inset),
        page.height - page.margin.bottom + pageNumber.below,
        {
          width: width - inset,
          align: pageNumber.position === 'center' ? 'center' : odd ? 'right' : 'left',
          lineBreak: false,
        },
      );
  }
}

/** Footnote text size in points (smaller than the notes of a DOCX, which Word sets), and the gap above a page's notes, where a short rule is drawn. */
const NOTE_SIZE = 9;
const NOTE_GAP = 14;

/** A note as a page prints it, and the height it takes there. */
interface PlacedNote {
  text: string;
  height: number;
}

/**
 * Notes at the foot of the page that marks them. pdfkit flows text down to each page's bottom
 * margin, so room for a block's notes is made before the block is written (the bottom margin grows
 * by their height, on the page it starts on and on any page it flows onto); the notes are kept with
 * the page the block ends on and drawn into that room once every page exists (`bufferPages`).
 */
class PageNotes {
  private readonly onPage = new Map<number, PlacedNote[]>();
  private pending = 0;
  /**
   * The most room notes take on a page: half of it. More would leave no room for the block that
   * marks them, and each page added for it would be too full again; a longer note is cut short.
   */
  private readonly maxRoom: number;
  private readonly width: number;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly layout: DocumentLayout,
  ) {
    const { margin, height } = layout.page;
    this.width = textWidth(layout);
    this.maxRoom = (height - margin.top - margin.bottom) / 2;
    doc.on('pageAdded', () => this.fit());
  }

  /** Runs `write`, which draws a block marking `notes`, with room for them at the foot of its last page. */
  around(notes: Note[], write: () => void): void {
    if (notes.length === 0) return write();
    const placed = notes.map((note) => {
      const text = `[${note.number}] ${note.runs.map((r) => r.text).join('')}`;
      return { text, height: this.measure(text) };
    });
    this.pending = total(placed);
    this.fit();
    write();
    const page = this.currentPage();
    this.onPage.set(page, [...(this.onPage.get(page) ?? []), ...placed]);
    this.pending = 0;
    this.fit();
  }

  /** Draws each page's notes in the room kept for them, under a short rule. */
  draw(): void {
    for (const [page, notes] of this.onPage) {
      this.doc.switchToPage(page);
      // The notes sit below the body's bottom margin: without one, writing them starts no new page.
      this.doc.page.margins.bottom = 0;
      const { margin } = this.layout.page;
      const foot = this.doc.page.height - margin.bottom;
      let y = foot - Math.min(total(notes), this.maxRoom);
      const rule = y - NOTE_GAP / 2;
      this.doc
        .moveTo(margin.left, rule)
        .lineTo(margin.left + 144, rule)
        .lineWidth(0.5)
        .stroke('#000000');
      this.doc.font(this.layout.note.face.pdf).fontSize(NOTE_SIZE).fillColor('#000000');
      for (const note of notes) {
        if (y >= foot) break;
        this.doc.text(note.text, margin.left, y, { width: this.width, lineGap: 2, height: foot - y, ellipsis: true });
        y += note.height;
      }
    }
  }

  private currentPage(): number {
    const range = this.doc.bufferedPageRange();
    return range.start + range.count - 1;
  }

  /** Sets the current page's bottom margin: the body's, plus room for the notes it holds and is about to. */
  private fit(): void {
    const room = Math.min(total(this.onPage.get(this.currentPage()) ?? []) + this.pending, this.maxRoom);
    this.doc.page.margins.bottom = this.layout.page.margin.bottom + (room > 0 ? room + NOTE_GAP : 0);
  }

  private measure(text: string): number {
    return this.doc
      .font(this.layout.note.face.pdf)
      .fontSize(NOTE_SIZE)
      .heightOfString(text, { width: this.width, lineGap: 2 });
  }
}

const total = (notes: PlacedNote[]) => notes.reduce((sum, note) => sum + note.height, 0);

/** The numbers of the notes a block marks. */
function marksOf(block: Block): number[] {
  const marks = (runs: Run[]) => runs.flatMap((r) => (r.note === undefined ? [] : [r.note]));
  const listMarks = (list: ListBlock): number[] =>
    list.items.flatMap((item) => [...marks(item.runs), ...item.lists.flatMap(listMarks)]);
  switch (block.type) {
    case 'heading':
      return block.note === undefined ? [] : [block.note];
    case 'paragraph':
      return marks(block.runs);
    case 'list':
      return listMarks(block);
    case 'quote':
      return block.blocks.flatMap(marksOf);
    default:
      return [];
  }
}

/**
 * A PDF of the blocks in the layout of its language (see layout.ts): A4, GB/T 9704's margins,
 * sizes and line grid in Chinese, Chinese included in any language, page numbers at the foot, and
 * the notes at the foot of the page that marks them (`[1]` raised after the marked text, `[1] …`
 * under a rule at the foot).
 */
export function toPdf(
  { blocks, notes }: DocumentBlocks,
  meta: { title: string; creator: string },
  layout: DocumentLayout,
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: layout.page.margin,
    bufferPages: true,
    info: { Title: meta.title, Author: meta.creator },
  });
  registerFaces(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const writer = new PdfWriter(doc, layout);
  const pageNotes = new PageNotes(doc, layout);
  const noteOf = new Map(notes.map((note) => [note.number, note]));
  blocks.forEach((block, i) => {
    const marked = marksOf(block).flatMap((n) => noteOf.get(n) ?? []);
    let end = i + 1;
    if (block.type === 'heading') while (blocks[end]?.type === 'heading') end++;
    const headed = blocks.slice(i + 1, end);
    pageNotes.around(marked, () => writer.block(block, headed));
  });
  pageNotes.draw();
  drawPageNumbers(doc, layout);
  doc.end();
  return done;
}
