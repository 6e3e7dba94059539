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

describe('Markdown lists and quotes as document blocks', () => {
  const text = (s: string) => [{ text: s, bold: false, italic: false }];

  it('keeps nested lists nested, in order, with their kind and start', () => {
    const { blocks } = markdownDocument(
      ['3. 第一条', '   - 甲', '   - 乙', '     1. 丙', '4. 第二条', '', '- 另一个列表'].join('\n'),
    );
    expect(blocks).toEqual([
      {
        type: 'list',
        ordered: true,
        start: 3,
        items: [
          {
            runs: text('第一条'),
            lists: [
              {
                type: 'list',
                ordered: false,
                items: [
                  { runs: text('甲'), lists: [] },
                  {
                    runs: text('乙'),
                    lists: [{ type: 'list', ordered: true, items: [{ runs: text('丙'), lists: [] }] }],
                  },
                ],
              },
            ],
          },
          { runs: text('第二条'), lists: [] },
        ],
      },
      { type: 'list', ordered: false, items: [{ runs: text('另一个列表'), lists: [] }] },
    ]);
  });

  it('keeps a quote as a quote, and an item’s paragraphs as its lines', () => {
    const { blocks } = markdownDocument(['> 引文**一**', '>', '> 引文二', '', '- 段一', '', '  段二'].join('\n'));
    expect(blocks).toEqual([
      {
        type: 'quote',
        blocks: [
          {
            type: 'paragraph',
            runs: [...text('引文'), { text: '一', bold: true, italic: false }],
          },
          { type: 'paragraph', runs: text('引文二') },
        ],
      },
      {
        type: 'list',
        ordered: false,
        items: [{ runs: [...text('段一'), { text: '\n' }, ...text('段二')], lists: [] }],
      },
    ]);
  });
});
