import { describe, expect, it } from 'vitest';
import { issuerRightIndent, layoutFor, listLabel, mm, textWidth } from './layout.js';

describe('document layout', () => {
  it('sets Chinese documents as GB/T 9704-2012 does', () => {
    const zh = layoutFor('zh-CN');
    expect([zh.page.width, zh.page.height].map((p) => Math.round(p * 100) / 100)).toEqual([595.28, 841.89]);
    expect(Object.values(zh.page.margin).map((p) => Math.round((p * 25.4) / 72))).toEqual([37, 35, 28, 26]);
    // A 156 × 225 mm text block: 22 lines of 28 characters of 3号 (16 pt).
    expect(textWidth(zh)).toBeCloseTo(mm(156), 6);
    const height = zh.page.height - zh.page.margin.top - zh.page.margin.bottom;
    expect(height).toBeCloseTo(mm(225), 6);
    expect(zh.body.size).toBe(16);
    expect(zh.grid).toMatchObject({ linePitch: 28.95, lines: 22, characters: 28 });
    expect(22 * zh.body.line).toBeLessThanOrEqual(height);
    expect(23 * zh.body.line).toBeGreaterThan(height);
    expect(28 * (zh.body.size + zh.grid!.characterSpacing)).toBeCloseTo(textWidth(zh), 6);
    // Indents count characters on the grid: two of its 28 to a line.
    const pitch = mm(156) / 28;
    expect(zh.body.firstLine).toBeCloseTo(2 * pitch, 6);
    expect([zh.title.size, zh.title.face.docx.eastAsia, zh.title.align]).toEqual([22, '方正小标宋简体', 'center']);
    expect(zh.body.face.docx.eastAsia).toBe('仿宋');
    expect(zh.headings.map((h) => [h.face.docx.eastAsia, h.size])).toEqual([
      ['黑体', 16],
      ['楷体', 16],
      ['仿宋', 16],
    ]);
    expect([zh.pageNumber.text(1), zh.pageNumber.size, zh.pageNumber.position]).toEqual(['— 1 —', 14, 'outer']);
    expect(zh.pageNumber.face.docx.ascii).toBe('宋体');
  });

  it('numbers Chinese lists 1. （1） ①, below the headings’ 一、 （一）', () => {
    const zh = layoutFor('zh-CN');
    expect([0, 1, 2, 5].map((level) => listLabel(zh, true, level, 3))).toEqual(['3.', '（3）', '③', '③']);
    expect(listLabel(zh, false, 0, 1)).toBe('●');
  });

  it('centres the issuing body over the date, the date four characters from the right', () => {
    const zh = layoutFor('zh-CN');
    const pitch = mm(156) / 28;
    expect(zh.signature.dateRight).toBeCloseTo(4 * pitch, 6);
    expect(issuerRightIndent(zh, '某市政协', '2026年11月30日')).toBeCloseTo(5.5 * pitch, 6);
    expect(issuerRightIndent(zh, '某市政协办公厅', '2026年11月30日')).toBeCloseTo(4 * pitch, 6);
    expect(issuerRightIndent(zh, '某市政协办公厅某某委员会', '2026年11月30日')).toBeCloseTo(1.5 * pitch, 6);
    expect(issuerRightIndent(layoutFor('en'), 'Office', '30 November 2026')).toBe(0);
  });

  it('sets English documents as an ordinary A4 report', () => {
    const en = layoutFor('en');
    expect(en.page.width).toBeCloseTo(595.28, 1);
    expect(en.grid).toBeUndefined();
    expect([en.body.size, en.body.face.docx.ascii, en.body.firstLine]).toEqual([12, 'Times New Roman', 0]);
    expect([en.pageNumber.text(7), en.pageNumber.position]).toEqual(['7', 'center']);
    expect([0, 1, 2].map((level) => listLabel(en, true, level, 4))).toEqual(['4.', 'd.', 'iv.']);
  });
});
