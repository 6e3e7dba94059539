import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { blockMarkdown } from './draft-markdown.js';

/** Builds the editor's nodes as y-prosemirror stores them. */
function text(runs: [string, Record<string, unknown>?][]): Y.XmlText {
  const t = new Y.XmlText();
  let at = 0;
  for (const [insert, attributes] of runs) {
    t.insert(at, insert, attributes);
    at += insert.length;
  }
  return t;
}
function element(
  name: string,
  children: (Y.XmlElement | Y.XmlText)[],
  attrs: Record<string, string> = {},
): Y.XmlElement {
  const e = new Y.XmlElement(name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.insert(0, children);
  return e;
}
const paragraph = (...runs: [string, Record<string, unknown>?][]) => element('paragraph', [text(runs)]);
const item = (...children: Y.XmlElement[]) => element('listItem', children);

/** The blocks in a document, so that Yjs integrates them as the editor's would be. */
function inDoc(...blocks: Y.XmlElement[]): Y.XmlElement[] {
  const body = new Y.Doc().getXmlFragment('body');
  body.insert(0, blocks);
  return body.toArray() as Y.XmlElement[];
}

describe('an outcome block as Markdown', () => {
  it('keeps a list a list, numbered from its start, with a nested list under its item', () => {
    const [bullets, numbered] = inDoc(
      element('bulletList', [item(paragraph(['第一条措施'])), item(paragraph(['第二条措施']))]),
      element(
        'orderedList',
        [
          item(
            paragraph(['设立资金池']),
            element('bulletList', [item(paragraph(['市级'])), item(paragraph(['区级']))]),
          ),
          item(paragraph(['简化审批'])),
        ],
        { start: '3' },
      ),
    );
    expect(blockMarkdown(bullets!)).toBe('- 第一条措施\n- 第二条措施');
    expect(blockMarkdown(numbered!)).toBe('3. 设立资金池\n   - 市级\n   - 区级\n4. 简化审批');
  });

  it('keeps bold, italic and safe links, and escapes what people typed', () => {
    const [p] = inDoc(
      paragraph(
        ['建议 '],
        ['设立', { bold: {} }],
        [' 资金池 ', { italic: {} }],
        ['见通知', { link: { href: 'https://example.org/a b' } }],
        ['；', { link: { href: 'javascript:alert(1)' } }],
        ['*不是强调* # [链接](x)'],
      ),
    );
    expect(blockMarkdown(p!)).toBe(
      '建议 **设立** *资金池* [见通知](<https://example.org/a%20b>)；\\*不是强调\\* \\# \\[链接\\]\\(x\\)',
    );
  });

  it('quotes a quote, paragraph by paragraph, lists inside it included', () => {
    const [quote] = inDoc(
      element('blockquote', [
        paragraph(['引文一']),
        paragraph(['引文二']),
        element('bulletList', [item(paragraph(['甲']))]),
      ]),
    );
    expect(blockMarkdown(quote!)).toBe('> 引文一\n>\n> 引文二\n>\n> - 甲');
  });
});
