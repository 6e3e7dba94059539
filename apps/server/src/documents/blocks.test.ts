import { describe, expect, it } from 'vitest';
import { markdownDocument } from './blocks.js';

describe('Markdown as document blocks', () => {
  it('reads footnote marks into the runs and headings, and the definitions into notes', () => {
    const { blocks, notes } = markdownDocument(
      [
        '# 标题',
        '',
        '## 一、总体建议[^1]',
        '',
        '建议**设立**资金池。[^2]',
        '',
        '[^1]: 调研报告',
        '[^2]: 杨晓燕（发言）',
      ].join('\n'),
    );
    expect(blocks).toEqual([
      { type: 'title', text: '标题' },
      { type: 'heading', level: 1, text: '一、总体建议', note: 1 },
      {
        type: 'paragraph',
        runs: [
          { text: '建议', bold: false, italic: false },
          { text: '设立', bold: true, italic: false },
          { text: '资金池。', bold: false, italic: false },
          { text: '', note: 2 },
        ],
      },
    ]);
    expect(notes).toEqual([
      { number: 1, runs: [{ text: '调研报告', bold: false, italic: false }] },
      { number: 2, runs: [{ text: '杨晓燕（发言）', bold: false, italic: false }] },
    ]);
  });

  it('leaves an escaped mark as text, and a definition nothing marks out', () => {
    const { blocks, notes } = markdownDocument('他说\\[^1\\]。\n\n[^2]: 无人引用');
    expect(blocks).toEqual([{ type: 'paragraph', runs: [{ text: '他说[^1]。', bold: false, italic: false }] }]);
    expect(notes).toEqual([]);
  });
});
