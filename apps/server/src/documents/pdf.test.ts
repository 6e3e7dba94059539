import { describe, expect, it } from 'vitest';
import { pdftotext } from '../test/documents.js';
import { markdownDocument } from './blocks.js';
import { toPdf } from './pdf.js';

const meta = { title: '建议', creator: 'Yishi' };
const sentence = '建议设立中小企业应急转贷资金池，缓解企业续贷压力，并由市财政按年度安排风险补偿资金。';

/** The text of each page (pdftotext separates pages with a form feed). */
async function pages(markdown: string): Promise<string[]> {
  return (await pdftotext(await toPdf(markdownDocument(markdown), meta))).split('\f').filter((p) => p.trim() !== '');
}

describe('PDF footnotes', () => {
  it('sit at the foot of the page that marks them, over several pages', async () => {
    const count = 14;
    const lines = ['# 标题', ''];
    for (let n = 1; n <= count; n++) lines.push(`${sentence.repeat(4)}[^${n}]`, '');
    for (let n = 1; n <= count; n++) lines.push(`[^${n}]: 第${n}条出处`);
    const text = await pages(lines.join('\n'));
    expect(text.length).toBeGreaterThan(2);
    for (let n = 1; n <= count; n++) {
      const marked = text.findIndex((page) => page.includes(`资金。[${n}]`));
      const noted = text.findIndex((page) => page.includes(`[${n}] 第${n}条出处`));
      expect([n, marked]).toEqual([n, noted]);
      expect(marked).toBeGreaterThanOrEqual(0);
    }
  });

  it('cut a note longer than the page short instead of pushing the text onto page after page', async () => {
    const text = await pages(`正文。[^1]\n\n[^1]: ${sentence.repeat(400)}`);
    expect(text).toHaveLength(1);
    expect(text[0]).toContain('正文。[1]');
    expect(text[0]).toContain('[1] 建议设立');
  });
});
