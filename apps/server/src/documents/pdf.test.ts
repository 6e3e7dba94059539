import { execFile } from 'node:child_process';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pdftotext } from '../test/documents.js';
import { markdownDocument } from './blocks.js';
import { layoutFor } from './layout.js';
import { toPdf } from './pdf.js';
import { sampleDocument } from '../test/document-sample.js';

const meta = { title: '建议', creator: 'Yishi' };
const sentence = '建议设立中小企业应急转贷资金池，缓解企业续贷压力，并由市财政按年度安排风险补偿资金。';

/** The text of each page (pdftotext separates pages with a form feed). */
async function pages(markdown: string): Promise<string[]> {
  return (await pdftotext(await toPdf(markdownDocument(markdown), meta, layoutFor('zh-CN'))))
    .split('\f')
    .filter((p) => p.trim() !== '');
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
      const marked = text.findIndex((page) => page.includes(`金。[${n}]`));
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

describe('PDF layout', () => {
  /** The PDF's text as `pdftotext -raw` reads it: in the order it was drawn. */
  async function drawn(lang: 'zh-CN' | 'en'): Promise<{ text: string; raw: string; pdf: Buffer }> {
    const pdf = await toPdf(sampleDocument(lang), meta, layoutFor(lang));
    const raw = await new Promise<string>((resolve, reject) => {
      const child = execFile('pdftotext', ['-raw', '-', '-'], { encoding: 'utf8' }, (error, out) =>
        error ? reject(error) : resolve(out),
      );
      child.stdin!.end(pdf);
    });
    return { text: await pdftotext(pdf), raw, pdf };
  }

  const order = (text: string, parts: string[]) => parts.map((part) => text.indexOf(part));

  it('is A4', async () => {
    const { pdf } = await drawn('zh-CN');
    expect(
      pdf
        .toString('latin1')
        .match(/\/MediaBox \[([^\]]*)\]/)![1]!
        .trim(),
    ).toBe('0 0 595.28 841.89');
  });

  it('draws every block in order, nested list items included, the date last and "— 1 —" at the foot', async () => {
    const { raw } = await drawn('zh-CN');
    const lines = raw.split('\n').map((line) => line.trim());
    const at = order(raw, [
      '关于进一步优化营商环境的建议',
      '一、总体建议',
      '建议设立',
      '（一）具体措施',
      '1. 第一条措施',
      '○ 子项甲',
      '○ 子项乙',
      '① 孙项',
      '2. 第二条措施',
      '引用调研报告的一段话。',
      '1 资金池',
      '某市政协办公厅',
      '2026年11月30日',
      '[1] 调研报告《中小企业融资调研》',
      '— 1 —',
    ]);
    expect(at.every((index, i) => index >= 0 && (i === 0 || index > at[i - 1]!))).toBe(true);
    expect(lines).toContain('2026年11月30日');
  });

  it('sets 28 characters to a body line', async () => {
    const markdown = `${'建'.repeat(26)}${'议'.repeat(28)}${'成'.repeat(10)}`;
    const text = await pdftotext(await toPdf(markdownDocument(markdown), meta, layoutFor('zh-CN')));
    expect(text.split('\n').slice(0, 3)).toEqual(['建'.repeat(26), '议'.repeat(28), '成'.repeat(10)]);
  });

  it('sets 22 body lines to a page', async () => {
    const markdown = Array.from({ length: 30 }, (_, i) => `第${String(i + 1).padStart(2, '0')}行`).join('\n\n');
    const text = await pdftotext(await toPdf(markdownDocument(markdown), meta, layoutFor('zh-CN')));
    const [first, second] = text.split('\f');
    expect(first!.split('\n').filter((line) => line.startsWith('第'))).toHaveLength(22);
    expect(second).toContain('第23行');
    expect(second).toMatch(/— ?2 ?—/);
  });

  it('keeps a heading on the page of what it heads, a heading under it included', async () => {
    // Wherever the page ends, "办理答复" is not left alone at the foot of one page.
    for (let count = 14; count <= 22; count++) {
      const body = Array.from({ length: count }, (_, i) => `第${String(i + 1).padStart(2, '0')}行`);
      const markdown = [...body, '## 办理答复', '### 市财政局 · B类', '纳入明年预算。'].join('\n\n');
      const text = await pages(markdown);
      const page = text.find((p) => p.includes('办理答复'))!;
      expect([count, page.includes('市财政局 · B类'), page.includes('纳入明年预算。')]).toEqual([count, true, true]);
    }
  });

  it('writes English dates out and centres a plain page number', async () => {
    const { raw } = await drawn('en');
    const lines = raw
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    expect(lines).toContain('30 November 2026');
    expect(lines.at(-1)).toBe('1');
    expect(order(raw, ['1. 第一条措施', '◦ 子项甲', 'i. 孙项', '2. 第二条措施']).every((i) => i >= 0)).toBe(true);
  });
});

describe('PDF faces', () => {
  /** The names of the fonts a PDF embeds, as pdffonts lists them (without the subset's prefix). */
  async function fonts(pdf: Buffer): Promise<string[]> {
    const listed = await new Promise<string>((resolve, reject) => {
      const child = execFile('pdffonts', ['-'], { encoding: 'utf8' }, (error, out) =>
        error ? reject(error) : resolve(out),
      );
      child.stdin!.end(pdf);
    });
    return listed
      .split('\n')
      .slice(2)
      .map((line) => line.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''))
      .filter(Boolean);
  }

  /** Every content stream of a PDF, inflated. */
  function contents(pdf: Buffer): string {
    const text = pdf.toString('latin1');
    const streams = [...text.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)];
    return streams
      .map((m) => {
        try {
          return inflateSync(Buffer.from(m[1]!, 'latin1')).toString('latin1');
        } catch {
          return '';
        }
      })
      .join('\n');
  }

  it('set 楷体 (AR PL UKai) in a Chinese document’s second-level headings, quotes and emphasis', async () => {
    const zh = (markdown: string) => toPdf(markdownDocument(markdown), meta, layoutFor('zh-CN'));
    expect(await fonts(await zh('正文，没有强调。'))).not.toContain('UKaiCN');
    expect(await fonts(await zh('正文中*需要强调*的话。'))).toContain('UKaiCN');
    expect(await fonts(await zh('> 引用调研报告的一段话。'))).toContain('UKaiCN');
    expect(await fonts(await toPdf(sampleDocument('zh-CN'), meta, layoutFor('zh-CN')))).toEqual(
      expect.arrayContaining(['NotoSerifSC-Regular', 'NotoSansCJKsc-Regular', 'UKaiCN']),
    );
  });

  it('slant italic Latin text of an English document, and nothing else', async () => {
    const en = (markdown: string) => toPdf(markdownDocument(markdown), meta, layoutFor('en'));
    // A skew of tan(12°) in the text's transformation matrix.
    const slanted = /1 0 -0\.21\d* 1 [-\d.]+ 0 cm/;
    expect(contents(await en('Plain text only.'))).not.toMatch(slanted);
    expect(contents(await en('Some *emphasised* words.'))).toMatch(slanted);
  });
});
