import type { DocumentLanguage } from './i18n.js';

/**
 * The page layout of every exported document (outcome, minutes, and the proposals and bulletins
 * that follow them), in one place: the DOCX and the PDF writer both draw from it. Chinese documents
 * follow GB/T 9704-2012 (党政机关公文格式); English ones an ordinary A4 report. Lengths are in
 * points unless named otherwise.
 */

/** Points in a millimetre, and twentieths of a point (DOCX's twips) in a point. */
export const mm = (millimetres: number) => (millimetres * 72) / 25.4;
export const twips = (points: number) => Math.round(points * 20);

/**
 * The faces a document uses, by what they stand for. `docx` names the face Word should use (the
 * standard faces of Chinese offices: Word substitutes a similar one where a machine lacks it);
 * `pdf` names the freely licensed face drawn into the PDF (see PDF_FACES).
 */
export interface Face {
  docx: { ascii: string; hAnsi: string; eastAsia: string };
  pdf: PdfFace;
}

/**
 * Freely licensed faces for the PDF, best first: Noto Serif SC (SIL Open Font License) ships as an
 * npm package, so every installation has it; Noto Sans CJK SC (黑体's stand-in, OFL) comes from the
 * system's fonts-noto-cjk, and AR PL UKai (楷体, Arphic Public License) from fonts-arphic-ukai, when
 * installed; the Serif's bold and semibold stand in for them when not. No freely licensed 仿宋 is
 * packaged: Noto Serif SC regular is the body's face. 楷体 also sets emphasis in Chinese text, as
 * Chinese typesetting does, where Latin type would slant.
 */
export const PDF_FACES = {
  serif: ['@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf'],
  serifSemiBold: ['@expo-google-fonts/noto-serif-sc/600SemiBold/NotoSerifSC_600SemiBold.ttf'],
  serifBold: ['@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf'],
  kai: [
    '/usr/share/fonts/truetype/arphic/ukai.ttc#UKaiCN',
    '@expo-google-fonts/noto-serif-sc/600SemiBold/NotoSerifSC_600SemiBold.ttf',
  ],
  sans: [
    '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc#NotoSansCJKsc-Regular',
    '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf',
  ],
} as const;
export type PdfFace = keyof typeof PDF_FACES;

/** How one kind of paragraph is set. `line` is the distance from one line to the next (exact). */
export interface TextStyle {
  face: Face;
  size: number;
  line: number;
  bold?: boolean;
  italic?: boolean;
  align: 'left' | 'center' | 'right' | 'justify';
  /** Indent of the first line, and of every line on the left and right. */
  firstLine: number;
  left: number;
  right: number;
  before: number;
  after: number;
}

export interface DocumentLayout {
  lang: DocumentLanguage;
  page: { width: number; height: number; margin: { top: number; bottom: number; left: number; right: number } };
  /** The line grid Word keeps (docGrid): lines per page and characters per line, where fixed. */
  grid?: { linePitch: number; lines: number; characters: number; characterSpacing: number };
  title: TextStyle;
  /** Headings by level: 1, 2, and 3 for any deeper. */
  headings: [TextStyle, TextStyle, TextStyle];
  body: TextStyle;
  quote: TextStyle;
  table: TextStyle;
  note: TextStyle;
  /** Lists: each level's marker starts `step` further in, and its text `hanging` after the marker. */
  list: { step: number; hanging: number; ordered: ListMarker[]; bullets: string[] };
  /** The issuing body and the date at the end, right aligned; `dateRight` is the date's right indent. */
  signature: { before: number; dateRight: number; centreIssuerOverDate: boolean };
  /** Page numbers at the foot: `below` the text block, on the outer side (odd right, even left) or centred. */
  pageNumber: {
    face: Face;
    size: number;
    below: number;
    inset: number;
    position: 'outer' | 'center';
    text: (page: number) => string;
  };
}

/**
 * An ordered list's marker at one level: `format` as Word numbers it, `text` its pattern with `%`
 * for the number (Word's `%1` of that level), and `label` the same for the PDF.
 */
export interface ListMarker {
  format: 'decimal' | 'lowerLetter' | 'lowerRoman' | 'decimalEnclosedCircle';
  text: string;
  label: (n: number) => string;
}

const A4 = { width: mm(210), height: mm(297) };

const face = (eastAsia: string, pdf: PdfFace, latin = 'Times New Roman'): Face => ({
  docx: { ascii: latin, hAnsi: latin, eastAsia },
  pdf,
});

const circled = (n: number) => (n >= 1 && n <= 20 ? String.fromCodePoint(0x245f + n) : `(${n})`);
const letter = (n: number) => String.fromCharCode(96 + (((n - 1) % 26) + 1));
const ROMAN: [number, string][] = [
  [10, 'x'],
  [9, 'ix'],
  [5, 'v'],
  [4, 'iv'],
  [1, 'i'],
];
function roman(n: number): string {
  let out = '';
  let rest = n;
  for (const [value, numeral] of ROMAN) {
    out += numeral.repeat(Math.floor(rest / value));
    rest %= value;
  }
  return out;
}

/** GB/T 9704: 3号 (16 pt) body, 22 lines of 28 characters in a 156 × 225 mm text block. */
function chinese(): DocumentLayout {
  const size = 16;
  const line = 28.95;
  const margin = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) };
  const width = A4.width - margin.left - margin.right;
  // A character's pitch on the grid: 28 to a line, a little under the 16 pt of the type.
  const pitch = width / 28;
  const fangsong = face('仿宋', 'serif');
  const text = (style: Partial<TextStyle>): TextStyle => ({
    face: fangsong,
    size,
    line,
    align: 'justify',
    firstLine: 2 * pitch,
    left: 0,
    right: 0,
    before: 0,
    after: 0,
    ...style,
  });
  return {
    lang: 'zh-CN',
    page: { ...A4, margin },
    grid: { linePitch: line, lines: 22, characters: 28, characterSpacing: pitch - size },
    // 2号 (22 pt) 小标宋, centred, with a blank line of the grid before the body.
    title: text({ face: face('方正小标宋简体', 'serifBold'), size: 22, align: 'center', firstLine: 0, after: line }),
    headings: [
      text({ face: face('黑体', 'sans', 'Arial') }),
      text({ face: face('楷体', 'kai') }),
      text({ bold: true }),
    ],
    body: text({}),
    quote: text({ face: face('楷体', 'kai'), left: 2 * pitch, right: 2 * pitch, firstLine: 0 }),
    table: text({ size: 12, line: 20, align: 'left', firstLine: 0 }),
    note: text({ size: 10.5, line: 16, align: 'left', firstLine: 0 }),
    // The headings number 一、 and （一）; lists take the next of GB/T 9704's levels: 1. and （1）.
    list: {
      step: 2 * pitch,
      hanging: 2 * pitch,
      ordered: [
        { format: 'decimal', text: '%.', label: (n) => `${n}.` },
        { format: 'decimal', text: '（%）', label: (n) => `（${n}）` },
        { format: 'decimalEnclosedCircle', text: '%', label: circled },
      ],
      bullets: ['●', '○', '■'],
    },
    // 成文日期右空四字, the issuing body centred over it, after a blank line.
    signature: { before: 2 * line, dateRight: 4 * pitch, centreIssuerOverDate: true },
    // 4号 (14 pt) 半角宋体阿拉伯数字, "— 1 —", 7 mm below the text block, 1 character from its outer edge.
    pageNumber: {
      face: face('宋体', 'serif', '宋体'),
      size: 14,
      below: mm(7),
      inset: 14,
      position: 'outer',
      text: (page) => `— ${page} —`,
    },
  };
}

/** An ordinary English report on A4: serif 12 pt, 25 mm margins, page numbers centred. */
function english(): DocumentLayout {
  const size = 12;
  const line = 16.8;
  const serif = face('SimSun', 'serif');
  const bold = face('SimSun', 'serifBold');
  const text = (style: Partial<TextStyle>): TextStyle => ({
    face: serif,
    size,
    line,
    align: 'justify',
    firstLine: 0,
    left: 0,
    right: 0,
    before: 0,
    after: 6,
    ...style,
  });
  const margin = { top: mm(25), bottom: mm(25), left: mm(25), right: mm(25) };
  return {
    lang: 'en',
    page: { ...A4, margin },
    title: text({ face: bold, size: 18, line: 24, bold: true, align: 'center', after: 18 }),
    headings: [
      text({ face: bold, size: 14, line: 19, bold: true, align: 'left', before: 12, after: 6 }),
      text({ face: bold, size: 12, bold: true, align: 'left', before: 10, after: 4 }),
      text({ face: bold, size: 12, bold: true, italic: true, align: 'left', before: 8, after: 4 }),
    ],
    body: text({}),
    quote: text({ italic: true, left: 24, right: 24 }),
    table: text({ size: 10, line: 14, align: 'left', after: 0 }),
    note: text({ size: 9, line: 12, align: 'left', after: 0 }),
    list: {
      step: 18,
      hanging: 18,
      ordered: [
        { format: 'decimal', text: '%.', label: (n) => `${n}.` },
        { format: 'lowerLetter', text: '%.', label: (n) => `${letter(n)}.` },
        { format: 'lowerRoman', text: '%.', label: (n) => `${roman(n)}.` },
      ],
      bullets: ['•', '◦', '▪'],
    },
    signature: { before: 24, dateRight: 0, centreIssuerOverDate: false },
    pageNumber: { face: serif, size: 10, below: mm(10), inset: 0, position: 'center', text: (page) => String(page) },
  };
}

const layouts: Record<DocumentLanguage, DocumentLayout> = { 'zh-CN': chinese(), en: english() };

/** The layout of a document in `lang`. */
export function layoutFor(lang: DocumentLanguage): DocumentLayout {
  return layouts[lang];
}

/** The width of the text block. */
export const textWidth = (layout: DocumentLayout) =>
  layout.page.width - layout.page.margin.left - layout.page.margin.right;

/** The marker of an ordered or bulleted list item at `level` (deeper levels repeat the last). */
export function listLabel(layout: DocumentLayout, ordered: boolean, level: number, n: number): string {
  const markers = layout.list;
  if (!ordered) return markers.bullets[Math.min(level, markers.bullets.length - 1)]!;
  return markers.ordered[Math.min(level, markers.ordered.length - 1)]!.label(n);
}

/**
 * The right indent of the issuing body's line, so that it sits centred over the date (GB/T 9704
 * 7.3.5.1), counting a Chinese character as one em and a digit or Latin letter as half of one.
 */
export function issuerRightIndent(layout: DocumentLayout, issuer: string, date: string): number {
  const { signature, body } = layout;
  if (!signature.centreIssuerOverDate) return signature.dateRight;
  const ems = (s: string) => [...s].reduce((sum, c) => sum + (c.charCodeAt(0) < 0x2e80 ? 0.5 : 1), 0);
  const em = body.size + (layout.grid?.characterSpacing ?? 0);
  return Math.max(0, signature.dateRight + ((ems(date) - ems(issuer)) / 2) * em);
}
