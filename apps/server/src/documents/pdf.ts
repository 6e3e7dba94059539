import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { Block, DocumentBlocks, Note, Run } from './blocks.js';

const require = createRequire(import.meta.url);

/**
 * Noto Serif SC, shipped as an npm package so that every installation renders Chinese correctly
 * without system fonts; pdfkit embeds only the glyphs a document uses.
 */
const FONTS = {
  regular: require.resolve('@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf'),
};

const MARGIN = 72;

/** Footnote marks are set smaller than the text they follow; pdfkit tops them on the line, raised. */
const MARK_SCALE = 0.6;

function writeRuns(doc: PDFKit.PDFDocument, runs: Run[], size: number, options: PDFKit.Mixins.TextOptions): void {
  runs.forEach((run, i) => {
    doc.font(run.bold ? 'bold' : 'regular').fontSize(run.note === undefined ? size : size * MARK_SCALE);
    doc.text(run.note === undefined ? run.text : `[${run.note}]`, { ...options, continued: i < runs.length - 1 });
  });
  if (runs.length === 0) doc.text('', options);
  doc.fontSize(size);
}

function drawTable(doc: PDFKit.PDFDocument, header: string[], rows: string[][]): void {
  const width = doc.page.width - MARGIN * 2;
  const columns = Math.max(header.length, 1);
  const cell = width / columns;
  for (const [r, row] of [header, ...rows].entries()) {
    const heights = row.map((text) => doc.heightOfString(text, { width: cell - 8 }));
    const height = Math.max(...heights, 14) + 8;
    if (doc.y + height > doc.page.maxY()) doc.addPage();
    const top = doc.y;
    doc.font(r === 0 ? 'bold' : 'regular').fontSize(10);
    row.forEach((text, c) => {
      doc.rect(MARGIN + c * cell, top, cell, height).stroke('#999999');
      doc.fillColor('#000000').text(text, MARGIN + c * cell + 4, top + 4, { width: cell - 8 });
    });
    doc.x = MARGIN;
    doc.y = top + height;
  }
  doc.moveDown(0.5);
}

/** Footnote text size in points, and the gap above a page's notes, where a short rule is drawn. */
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

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly width: number,
  ) {
    this.maxRoom = (doc.page.height - MARGIN * 2) / 2;
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
      const foot = this.doc.page.height - MARGIN;
      let y = foot - Math.min(total(notes), this.maxRoom);
      const rule = y - NOTE_GAP / 2;
      this.doc
        .moveTo(MARGIN, rule)
        .lineTo(MARGIN + 144, rule)
        .lineWidth(0.5)
        .stroke('#000000');
      this.doc.font('regular').fontSize(NOTE_SIZE).fillColor('#000000');
      for (const note of notes) {
        if (y >= foot) break;
        this.doc.text(note.text, MARGIN, y, { width: this.width, lineGap: 2, height: foot - y, ellipsis: true });
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
    this.doc.page.margins.bottom = MARGIN + (room > 0 ? room + NOTE_GAP : 0);
  }

  private measure(text: string): number {
    return this.doc.font('regular').fontSize(NOTE_SIZE).heightOfString(text, { width: this.width, lineGap: 2 });
  }
}

const total = (notes: PlacedNote[]) => notes.reduce((sum, note) => sum + note.height, 0);

/** The numbers of the notes a block marks. */
function marksOf(block: Block): number[] {
  const marks = (runs: Run[]) => runs.flatMap((r) => (r.note === undefined ? [] : [r.note]));
  switch (block.type) {
    case 'heading':
      return block.note === undefined ? [] : [block.note];
    case 'paragraph':
      return marks(block.runs);
    case 'list':
      return block.items.flatMap(marks);
    default:
      return [];
  }
}

function drawBlock(doc: PDFKit.PDFDocument, block: Block, body: PDFKit.Mixins.TextOptions): void {
  switch (block.type) {
    case 'title':
      doc
        .font('bold')
        .fontSize(20)
        .text(block.text, { ...body, align: 'center' })
        .moveDown(1);
      break;
    case 'heading': {
      const size = block.level === 1 ? 15 : 13;
      const mark: Run[] = block.note === undefined ? [] : [{ text: '', note: block.note }];
      doc.moveDown(0.5);
      writeRuns(doc, [{ text: block.text, bold: true }, ...mark], size, body);
      doc.moveDown(0.3);
      break;
    }
    case 'paragraph':
      writeRuns(doc, block.runs, 12, { ...body, align: block.align ?? 'justify', indent: block.align ? 0 : 24 });
      doc.moveDown(0.4);
      break;
    case 'list':
      block.items.forEach((item, i) => {
        writeRuns(doc, [{ text: block.ordered ? `${i + 1}. ` : '• ' }, ...item], 12, { ...body, indent: 12 });
      });
      doc.moveDown(0.4);
      break;
    case 'table':
      drawTable(doc, block.header, block.rows);
      break;
  }
}

/**
 * A PDF of the blocks, A4, Chinese included, with their notes at the foot of the page that marks
 * them (`[1]` raised after the marked text, `[1] …` under a rule at the foot).
 */
export function toPdf({ blocks, notes }: DocumentBlocks, meta: { title: string; creator: string }): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: meta.title, Author: meta.creator },
  });
  doc.registerFont('regular', FONTS.regular);
  doc.registerFont('bold', FONTS.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const body = { width: doc.page.width - MARGIN * 2, lineGap: 6 };
  const pageNotes = new PageNotes(doc, body.width);
  const noteOf = new Map(notes.map((note) => [note.number, note]));
  for (const block of blocks) {
    const marked = marksOf(block).flatMap((n) => noteOf.get(n) ?? []);
    pageNotes.around(marked, () => drawBlock(doc, block, body));
  }
  pageNotes.draw();
  doc.end();
  return done;
}
