import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { Block, Run } from './blocks.js';

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

function writeRuns(doc: PDFKit.PDFDocument, runs: Run[], options: PDFKit.Mixins.TextOptions): void {
  runs.forEach((run, i) => {
    doc.font(run.bold ? 'bold' : 'regular');
    doc.text(run.text, { ...options, continued: i < runs.length - 1 });
  });
  if (runs.length === 0) doc.text('', options);
}

function drawTable(doc: PDFKit.PDFDocument, header: string[], rows: string[][]): void {
  const width = doc.page.width - MARGIN * 2;
  const columns = Math.max(header.length, 1);
  const cell = width / columns;
  for (const [r, row] of [header, ...rows].entries()) {
    const heights = row.map((text) => doc.heightOfString(text, { width: cell - 8 }));
    const height = Math.max(...heights, 14) + 8;
    if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
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

/** A PDF of the blocks, A4, Chinese included. */
export function toPdf(blocks: Block[], meta: { title: string; creator: string }): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: meta.title, Author: meta.creator } });
  doc.registerFont('regular', FONTS.regular);
  doc.registerFont('bold', FONTS.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const body = { width: doc.page.width - MARGIN * 2, lineGap: 6 };
  for (const block of blocks) {
    switch (block.type) {
      case 'title':
        doc
          .font('bold')
          .fontSize(20)
          .text(block.text, { ...body, align: 'center' })
          .moveDown(1);
        break;
      case 'heading':
        doc
          .moveDown(0.5)
          .font('bold')
          .fontSize(block.level === 1 ? 15 : 13)
          .text(block.text, body)
          .moveDown(0.3);
        break;
      case 'paragraph':
        doc.fontSize(12);
        writeRuns(doc, block.runs, { ...body, align: block.align ?? 'justify', indent: block.align ? 0 : 24 });
        doc.moveDown(0.4);
        break;
      case 'list':
        doc.fontSize(12);
        block.items.forEach((item, i) => {
          writeRuns(doc, [{ text: block.ordered ? `${i + 1}. ` : '• ' }, ...item], { ...body, indent: 12 });
        });
        doc.moveDown(0.4);
        break;
      case 'table':
        drawTable(doc, block.header, block.rows);
        break;
    }
  }
  doc.end();
  return done;
}
