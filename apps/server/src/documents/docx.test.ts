import { describe, expect, it } from 'vitest';
import { docxXmlParts } from '../test/documents.js';
import { toDocx } from './docx.js';
import { layoutFor } from './layout.js';
import { sampleDocument } from '../test/document-sample.js';

const meta = { title: '建议', creator: 'Yishi' };

async function parts(lang: 'zh-CN' | 'en') {
  return docxXmlParts(await toDocx(sampleDocument(lang), meta, layoutFor(lang)));
}

/** The paragraphs of a part, each as its XML. */
const paragraphs = (xml: string) => xml.match(/<w:p>.*?<\/w:p>|<w:p [^>]*>.*?<\/w:p>/gs) ?? [];
const textOf = (p: string) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
const paragraphWith = (xml: string, text: string) => paragraphs(xml).find((p) => textOf(p) === text) ?? '';

describe('DOCX layout', () => {
  it('sets the page, margins and line grid of GB/T 9704 in Chinese', async () => {
    const document = (await parts('zh-CN')).get('word/document.xml')!;
    const section = document.match(/<w:sectPr>.*<\/w:sectPr>/s)![0];
    expect(section).toContain('<w:pgSz w:w="11906" w:h="16838"');
    // 37, 26, 35 and 28 mm in twentieths of a point.
    expect(section).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(section).toMatch(/<w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-8\d\d"\/>/);
  });

  it('sets the title, headings and body in their faces and sizes, on the grid', async () => {
    const document = (await parts('zh-CN')).get('word/document.xml')!;
    const title = paragraphWith(document, '关于进一步优化营商环境的建议');
    expect(title).toContain('<w:jc w:val="center"/>');
    expect(title).toContain('w:eastAsia="方正小标宋简体"');
    expect(title).toContain('<w:sz w:val="44"/>');
    expect(paragraphWith(document, '一、总体建议')).toContain('w:eastAsia="黑体"');
    const second = paragraphWith(document, '（一）具体措施');
    expect(second).toContain('w:eastAsia="楷体"');
    expect(second).toContain('<w:sz w:val="32"/>');
    const body = paragraphWith(document, '建议设立中小企业应急转贷资金池，缓解企业续贷压力。');
    expect(body).toContain('w:eastAsia="仿宋"');
    expect(body).toContain('<w:sz w:val="32"/>');
    expect(body).toMatch(/<w:spacing [^>]*w:line="579" w:lineRule="exact"\/>/);
    expect(body).toMatch(/<w:ind [^>]*w:firstLine="632"\/>/);
  });

  it('ends with the issuing body and the date, right aligned, the date four characters in', async () => {
    const document = (await parts('zh-CN')).get('word/document.xml')!;
    const last = paragraphs(document).slice(-2);
    expect(last.map(textOf)).toEqual(['某市政协办公厅', '2026年11月30日']);
    for (const p of last) expect(p).toContain('<w:jc w:val="right"/>');
    expect(last[1]).toMatch(/<w:ind [^>]*w:right="1263"/);
  });

  it('numbers lists as Word lists, nested lists a level further in', async () => {
    const xml = await parts('zh-CN');
    const document = xml.get('word/document.xml')!;
    const level = (text: string) => paragraphWith(document, text).match(/<w:ilvl w:val="(\d)"\/>/)?.[1];
    expect(['第一条措施', '子项甲', '子项乙', '孙项', '第二条措施'].map(level)).toEqual(['0', '1', '1', '2', '0']);
    const numbering = xml.get('word/numbering.xml')!;
    expect(numbering).toMatch(/<w:lvl w:ilvl="0"[^>]*>.*?<w:numFmt w:val="decimal"\/><w:lvlText w:val="%1."\/>/s);
    expect(numbering).toMatch(/<w:lvl w:ilvl="1"[^>]*>.*?<w:lvlText w:val="（%2）"\/>/s);
    expect(numbering).toMatch(/<w:numFmt w:val="bullet"\/><w:lvlText w:val="○"\/>/);
    expect(numbering).toMatch(/<w:ind w:left="1263" w:hanging="632"\/>/);
  });

  it('prints "— 1 —" at the foot, on the outer side of odd and even pages', async () => {
    const xml = await parts('zh-CN');
    expect(xml.get('word/settings.xml')).toContain('<w:evenAndOddHeaders/>');
    const footers = [...xml.entries()].filter(([name]) => /^word\/footer\d+\.xml$/.test(name)).map(([, x]) => x);
    expect(footers).toHaveLength(2);
    for (const footer of footers) {
      expect(footer).toMatch(/<w:t xml:space="preserve">— <\/w:t>.*PAGE.*<w:t xml:space="preserve"> —<\/w:t>/s);
      expect(footer).toContain('<w:sz w:val="28"/>');
      expect(footer).toContain('w:ascii="宋体"');
    }
    expect(footers.map((f) => f.match(/<w:jc w:val="(\w+)"\/>/)![1]).sort()).toEqual(['left', 'right']);
  });

  it('sets English documents in 12 pt serif, dates written out, page numbers centred', async () => {
    const xml = await parts('en');
    const document = xml.get('word/document.xml')!;
    expect(document).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(document).not.toContain('linesAndChars');
    const body = paragraphWith(document, '建议设立中小企业应急转贷资金池，缓解企业续贷压力。');
    expect(body).toContain('w:ascii="Times New Roman"');
    expect(body).toContain('<w:sz w:val="24"/>');
    const date = paragraphWith(document, '30 November 2026');
    expect(date).toContain('<w:jc w:val="right"/>');
    const footers = [...xml.entries()].filter(([name]) => /^word\/footer\d+\.xml$/.test(name)).map(([, x]) => x);
    expect(footers).toHaveLength(1);
    expect(footers[0]).toContain('<w:jc w:val="center"/>');
    expect(footers[0]).not.toContain('—');
  });
});
