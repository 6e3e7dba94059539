import {
  AlignmentType,
  Document,
  DocumentGridType,
  Footer,
  FootnoteReferenceRun,
  LevelFormat,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ILevelsOptions,
} from 'docx';
import type { Block, DocumentBlocks, ListBlock, Note, Run } from './blocks.js';
import { issuerRightIndent, twips, type DocumentLayout, type TextStyle } from './layout.js';

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
} as const;

/** A paragraph's properties as its style sets them: exact line spacing on the grid, indents, spacing. */
function paragraphOf(style: TextStyle, more: { align?: TextStyle['align']; right?: number } = {}) {
  return {
    alignment: ALIGN[more.align ?? style.align],
    spacing: {
      line: twips(style.line),
      lineRule: LineRuleType.EXACT,
      before: twips(style.before),
      after: twips(style.after),
    },
    indent: {
      firstLine: twips(style.firstLine),
      left: twips(style.left),
      right: twips(more.right ?? style.right),
    },
  };
}

/** A run of text in a style; `size` in half-points as Word keeps it. */
function textRun(style: TextStyle, text: string, run: Partial<Run> = {}, lineBreak = false): TextRun {
  return new TextRun({
    text,
    font: style.face.docx,
    size: style.size * 2,
    bold: run.bold || style.bold,
    italics: run.italic || style.italic,
    break: lineBreak ? 1 : 0,
  });
}

function runs(items: Run[], style: TextStyle): (TextRun | FootnoteReferenceRun)[] {
  return items.flatMap((r) =>
    r.note !== undefined
      ? [new FootnoteReferenceRun(r.note)]
      : r.text.split('\n').map((text, i) => textRun(style, text, r, i > 0)),
  );
}

/** Word footnotes, by number: Word prints each at the foot of the page that marks it. */
function footnotes(notes: Note[], layout: DocumentLayout): Record<string, { children: Paragraph[] }> {
  return Object.fromEntries(
    notes.map((note) => [
      note.number,
      { children: [new Paragraph({ ...paragraphOf(layout.note), children: runs(note.runs, layout.note) })] },
    ]),
  );
}

const LEVEL_FORMAT = {
  decimal: LevelFormat.DECIMAL,
  lowerLetter: LevelFormat.LOWER_LETTER,
  lowerRoman: LevelFormat.LOWER_ROMAN,
  decimalEnclosedCircle: LevelFormat.DECIMAL_ENCLOSED_CIRCLE,
} as const;

const LIST_LEVELS = 9;

/** Word's numbering of lists: each level's marker, and its indent with the marker hanging before the text. */
function listLevels(layout: DocumentLayout, ordered: boolean): ILevelsOptions[] {
  const { list, body } = layout;
  return Array.from({ length: LIST_LEVELS }, (_, level) => {
    const marker = list.ordered[Math.min(level, list.ordered.length - 1)]!;
    return {
      level,
      format: ordered ? LEVEL_FORMAT[marker.format] : LevelFormat.BULLET,
      text: ordered
        ? marker.text.replace('%', `%${level + 1}`)
        : list.bullets[Math.min(level, list.bullets.length - 1)]!,
      alignment: AlignmentType.LEFT,
      style: {
        paragraph: { indent: { left: twips(list.step * (level + 1) + list.hanging), hanging: twips(list.hanging) } },
        run: { font: body.face.docx, size: body.size * 2 },
      },
    };
  });
}

/** Writes blocks as Word paragraphs and tables; each numbered list numbers from its own start. */
class DocxWriter {
  private lists = 0;
  readonly numbering: { reference: string; levels: ILevelsOptions[] }[] = [];

  constructor(private readonly layout: DocumentLayout) {}

  block(block: Block): (Paragraph | Table)[] {
    const { layout } = this;
    switch (block.type) {
      case 'title':
        return [new Paragraph({ ...paragraphOf(layout.title), children: [textRun(layout.title, block.text)] })];
      case 'heading': {
        const style = layout.headings[Math.min(block.level, 3) - 1]!;
        return [
          new Paragraph({
            ...paragraphOf(style),
            keepNext: true,
            children: [
              textRun(style, block.text),
              ...(block.note === undefined ? [] : [new FootnoteReferenceRun(block.note)]),
            ],
          }),
        ];
      }
      case 'paragraph':
        return [
          new Paragraph({
            ...paragraphOf(
              block.align ? { ...layout.body, firstLine: 0 } : layout.body,
              block.align ? { align: block.align } : {},
            ),
            children: runs(block.runs, layout.body),
          }),
        ];
      case 'list':
        return this.list(block, 0);
      case 'quote':
        return block.blocks.flatMap((inner) =>
          inner.type === 'paragraph'
            ? [new Paragraph({ ...paragraphOf(layout.quote), children: runs(inner.runs, layout.quote) })]
            : this.block(inner),
        );
      case 'table':
        return [this.table(block.header, block.rows)];
      case 'signature': {
        const style = { ...layout.body, firstLine: 0 };
        return [
          new Paragraph({
            ...paragraphOf(
              { ...style, before: layout.signature.before },
              {
                align: 'right',
                right: issuerRightIndent(layout, block.issuer, block.date),
              },
            ),
            children: [textRun(style, block.issuer)],
          }),
          new Paragraph({
            ...paragraphOf(style, { align: 'right', right: layout.signature.dateRight }),
            children: [textRun(style, block.date)],
          }),
        ];
      }
    }
  }

  /** A list as numbered or bulleted paragraphs, its nested lists one level further in. */
  private list(block: ListBlock, level: number, reference = this.newList(block)): Paragraph[] {
    const style = { ...this.layout.body, firstLine: 0 };
    return block.items.flatMap((item) => [
      new Paragraph({
        ...paragraphOf(style),
        indent: undefined,
        numbering: { reference, level },
        children: runs(item.runs, style),
      }),
      ...item.lists.flatMap((inner) =>
        inner.ordered === block.ordered && inner.start === undefined
          ? this.list(inner, level + 1, reference)
          : this.list(inner, level + 1),
      ),
    ]);
  }

  /** A numbering of its own for a list, so that it counts from its start. */
  private newList(block: ListBlock): string {
    const reference = `list-${++this.lists}`;
    const levels = listLevels(this.layout, block.ordered);
    if (block.start !== undefined) levels[0] = { ...levels[0]!, start: block.start };
    this.numbering.push({ reference, levels });
    return reference;
  }

  private table(header: string[], rows: string[][]): Table {
    const style = this.layout.table;
    return new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [header, ...rows].map(
        (cells, r) =>
          new TableRow({
            tableHeader: r === 0,
            children: cells.map(
              (text) =>
                new TableCell({
                  children: [
                    new Paragraph({
                      ...paragraphOf(style),
                      children: text.split('\n').map((t, i) => textRun(style, t, { bold: r === 0 }, i > 0)),
                    }),
                  ],
                }),
            ),
          }),
      ),
    });
  }
}

/** The page number at the foot: "— 1 —" on the outer side (odd pages right, even left), or centred. */
function pageNumberFooter(layout: DocumentLayout, side: 'odd' | 'even'): Footer {
  const { pageNumber } = layout;
  const [before, after] = pageNumber.text(0).split('0') as [string, string];
  const run = (children: (string | (typeof PageNumber)[keyof typeof PageNumber])[]) =>
    new TextRun({ children, font: pageNumber.face.docx, size: pageNumber.size * 2 });
  const align =
    pageNumber.position === 'center' ? AlignmentType.CENTER : side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT;
  return new Footer({
    children: [
      new Paragraph({
        alignment: align,
        indent:
          pageNumber.position === 'center' ? {} : { [side === 'odd' ? 'right' : 'left']: twips(pageNumber.inset) },
        children: [run([before, PageNumber.CURRENT, after])],
      }),
    ],
  });
}

/**
 * A DOCX file of the blocks in the layout of its language (see layout.ts): A4, the margins, faces,
 * sizes and line grid of a GB/T 9704 document in Chinese, page numbers at the foot, and the
 * blocks' notes as Word footnotes.
 */
export function toDocx(
  { blocks, notes }: DocumentBlocks,
  meta: { title: string; creator: string },
  layout: DocumentLayout,
): Promise<Buffer> {
  const writer = new DocxWriter(layout);
  const children = blocks.flatMap((block) => writer.block(block));
  const { page, grid, pageNumber } = layout;
  // The footer sits so that the page number's line starts `below` the text block.
  const footer = page.margin.bottom - pageNumber.below - pageNumber.size * 1.3;
  const outer = pageNumber.position === 'outer';
  const doc = new Document({
    title: meta.title,
    creator: meta.creator,
    evenAndOddHeaderAndFooters: outer,
    footnotes: footnotes(notes, layout),
    numbering: { config: writer.numbering },
    styles: {
      default: {
        document: { run: { font: layout.body.face.docx, size: layout.body.size * 2 } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: twips(page.width), height: twips(page.height) },
            margin: {
              top: twips(page.margin.top),
              bottom: twips(page.margin.bottom),
              left: twips(page.margin.left),
              right: twips(page.margin.right),
              footer: twips(footer),
            },
          },
          ...(grid
            ? {
                grid: {
                  type: DocumentGridType.LINES_AND_CHARS,
                  linePitch: twips(grid.linePitch),
                  // Word's charSpace: the change of each character's width, in 4096ths of a point.
                  charSpace: Math.round(grid.characterSpacing * 4096),
                },
              }
            : {}),
        },
        footers: {
          default: pageNumberFooter(layout, 'odd'),
          ...(outer ? { even: pageNumberFooter(layout, 'even') } : {}),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
