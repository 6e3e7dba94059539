import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { blocksOf, hasText, plainText } from './blocks';

function element(name: string, children: (Y.XmlElement | Y.XmlText)[], attrs: Record<string, string> = {}) {
  const node = new Y.XmlElement(name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  node.insert(0, children);
  return node;
}

const text = (value: string) => new Y.XmlText(value);
const item = (value: string) => element('listItem', [element('paragraph', [text(value)])]);

function draft(): Y.XmlFragment {
  const doc = new Y.Doc();
  const body = doc.getXmlFragment('body');
  body.insert(0, [
    element('heading', [text('一、总体建议')], { level: '2' }),
    element('paragraph', [text('建议设立资金池。')], { source: 'speech:s1' }),
    element('bulletList', [item('第一条'), item('第二条')]),
    element('orderedList', [
      item('甲'),
      element('listItem', [element('paragraph', [text('乙')]), element('bulletList', [item('乙一')])]),
    ]),
  ]);
  return body;
}

describe('blocksOf', () => {
  it('lists top-level blocks with their type, text and attributes', () => {
    const blocks = blocksOf(draft());
    expect(blocks.map((b) => b.type)).toEqual(['heading', 'paragraph', 'bulletList', 'orderedList']);
    expect(blocks[0]).toEqual({ type: 'heading', text: '一、总体建议', attrs: { level: '2' } });
    expect(blocks[1]?.attrs).toEqual({ source: 'speech:s1' });
    expect(blocks[2]?.text).toBe('第一条第二条');
  });

  it('keeps the text of formatted runs', () => {
    const doc = new Y.Doc();
    const body = doc.getXmlFragment('body');
    const run = new Y.XmlText();
    body.insert(0, [element('paragraph', [run])]);
    run.insert(0, '普通');
    run.insert(2, '加粗', { bold: {} });
    expect(blocksOf(body)[0]?.text).toBe('普通加粗');
  });
});

describe('plainText', () => {
  it('puts a blank line between blocks and one list item per line', () => {
    expect(plainText(draft())).toBe(
      ['一、总体建议', '建议设立资金池。', '• 第一条\n• 第二条', '1. 甲\n2. 乙\n   • 乙一'].join('\n\n'),
    );
  });

  it('is empty for an empty draft', () => {
    expect(plainText(new Y.Doc().getXmlFragment('body'))).toBe('');
  });
});

describe('hasText', () => {
  it('is false for an empty draft or one of empty paragraphs', () => {
    const doc = new Y.Doc();
    const body = doc.getXmlFragment('body');
    expect(hasText(body)).toBe(false);
    body.insert(0, [element('paragraph', [text('  ')]), element('paragraph', [])]);
    expect(hasText(body)).toBe(false);
  });

  it('is true once any block has text', () => {
    expect(hasText(draft())).toBe(true);
  });
});
