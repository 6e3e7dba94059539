import {
  AlignmentType,
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Block, DocumentBlocks, Note, Run } from './blocks.js';

/** Fonts Chinese official documents use; Word substitutes when a machine lacks them. */
const BODY_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋' };
const HEADING_FONT = { ascii: 'Arial', hAnsi: 'Arial', eastAsia: '黑体' };
const TITLE_FONT = { ascii: 'Arial', hAnsi: 'Arial', eastAsia: '方正小标宋简体' };

/** The size of footnote text, in half-points: 10.5 pt (五号), below the body's 16 pt (三号). */
const NOTE_SIZE = 21;

function runs(items: Run[], size = 32): (TextRun | FootnoteReferenceRun)[] {
  return items.flatMap((r) =>
    r.note !== undefined
      ? [new FootnoteReferenceRun(r.note)]
      : r.text
          .split('\n')
          .map(
            (text, i) =>
              new TextRun({ text, bold: r.bold, italics: r.italic, font: BODY_FONT, size, break: i > 0 ? 1 : 0 }),
          ),
  );
}

/** Word footnotes, by number: Word prints each at the foot of the page that marks it. */
function footnotes(notes: Note[]): Record<string, { children: Paragraph[] }> {
  return Object.fromEntries(
    notes.map((note) => [note.number, { children: [new Paragraph({ children: runs(note.runs, NOTE_SIZE) })] }]),
  );
}

function paragraphsOf(block: Block): (Paragraph | Table)[] {
  switch (block.type) {
    case 'title':
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { after: 300 },
          children: [new TextRun({ text: block.text, font: TITLE_FONT, size: 44, bold: true })],
        }),
      ];
    case 'heading':
      return [
        new Paragraph({
          heading: block.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
          spacing: { before: 200, after: 100 },
          children: [
            new TextRun({ text: block.text, font: HEADING_FONT, size: block.level === 1 ? 32 : 30 }),
            ...(block.note === undefined ? [] : [new FootnoteReferenceRun(block.note)]),
          ],
        }),
      ];
    case 'paragraph':
      return [
        new Paragraph({
          alignment: block.align === 'right' ? AlignmentType.RIGHT : AlignmentType.JUSTIFIED,
          indent: block.align === 'right' ? undefined : { firstLine: 640 },
          spacing: { line: 560 },
          children: runs(block.runs),
        }),
      ];
    case 'list':
      return block.items.map(
        (item) =>
          new Paragraph({
            numbering: { reference: block.ordered ? 'ordered' : 'bullets', level: 0 },
            spacing: { line: 500 },
            children: runs(item),
          }),
      );
    case 'table':
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [block.header, ...block.rows].map(
            (cells, r) =>
              new TableRow({
                tableHeader: r === 0,
                children: cells.map(
                  (text) =>
                    new TableCell({
                      children: [
                        new Paragraph({ children: [new TextRun({ text, font: BODY_FONT, size: 24, bold: r === 0 })] }),
                      ],
                    }),
                ),
              }),
          ),
        }),
      ];
  }
}

/**
 * A DOCX file of the blocks, A4, with the fonts and spacing of a Chinese official document, and
 * their notes as Word footnotes.
 */
export function toDocx({ blocks, notes }: DocumentBlocks, meta: { title: string; creator: string }): Promise<Buffer> {
  const doc = new Document({
    title: meta.title,
    creator: meta.creator,
    footnotes: footnotes(notes),
    numbering: {
      config: [
        {
          reference: 'bullets',
          levels: [{ level: 0, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.LEFT }],
        },
        {
          reference: 'ordered',
          levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT }],
        },
      ],
    },
    sections: [
      {
        properties: {
          page: { size: { width: 11906, height: 16838 }, margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } },
        },
        children: blocks.flatMap(paragraphsOf),
      },
    ],
  });
  return Packer.toBuffer(doc);
}
