import { describe, expect, it } from 'vitest';
import { renderInlineMarkdown, renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
  it('renders Markdown', () => {
    const html = renderMarkdown('# 调研\n\n**要点**：[报告](https://example.org/r)');
    expect(html).toContain('<h1>调研</h1>');
    expect(html).toContain('<strong>要点</strong>');
    expect(html).toContain('href="https://example.org/r"');
  });

  it('escapes raw HTML: a <script> does not survive', () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\ntext <img src=x onerror="alert(2)"> more');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('&lt;script&gt;');
  });

  it('drops javascript: links, in any spelling', () => {
    for (const source of [
      '[click](javascript:alert(1))',
      '[click](JAVASCRIPT:alert(1))',
      '[click](  javascript:alert(1))',
      '[click](jav&#x61;script:alert(1))',
      '<javascript:alert(1)>',
      '[click][ref]\n\n[ref]: javascript:alert(1)',
      '![pic](javascript:alert(1))',
    ]) {
      const html = renderMarkdown(source);
      expect(html, source).not.toMatch(/href="\s*javascript:/i);
      expect(html, source).not.toMatch(/<a [^>]*href="[^"]*script:/i);
    }
  });

  it('writes no style attributes (the page forbids them)', () => {
    const html = renderMarkdown('| a | b |\n|:--|--:|\n| 1 | 2 |');
    expect(html).not.toContain('style=');
    expect(html).toContain('class="align-left"');
    expect(html).toContain('class="align-right"');
  });

  it('puts a table in a named box of its own that scrolls and takes the keyboard focus', () => {
    const table = '| a | b |\n|--|--|\n| 1 | 2 |';
    const html = renderMarkdown(`${table}\n\ntext\n\n${table}`, { tableLabel: '表格 <甲>' });
    expect(html).toMatch(
      /^<div class="table-scroll" role="region" tabindex="0" aria-label="表格 &lt;甲&gt; 1"><table>/,
    );
    // Each table is a region with a name of its own (axe's landmark-unique).
    expect(html).toContain('aria-label="表格 &lt;甲&gt; 2"');
    expect(html.trim()).toMatch(/<\/table>\n?<\/div>$/);
  });

  it('turns images into links, so that nothing loads from elsewhere', () => {
    const html = renderMarkdown('![现场照片](https://example.org/p.jpg)');
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('<a href="https://example.org/p.jpg" rel="noopener noreferrer nofollow">现场照片</a>');
  });

  it('renders footnotes (the outcome’s citations) as in-page links, with no script or style', () => {
    const html = renderMarkdown('建议设立资金池。[^1]\n\n[^1]: 杨晓燕（发言），专题协商会');
    expect(html).toContain('<sup class="footnote-ref"><a href="#fn1" id="fnref1">[1]</a></sup>');
    expect(html).toMatch(/<li id="fn1" class="footnote-item"><p>杨晓燕（发言），专题协商会 <a href="#fnref1"/);
    expect(html).not.toContain('style=');
  });

  it('renders one line inline: emphasis and safe links, no paragraph, no raw HTML, no script link', () => {
    const html = renderInlineMarkdown(
      '建议 **设立** *资金池* [见通知](<https://example.org/a%20b>) <b>x</b> [坏](javascript:alert(1))',
    );
    expect(html).toBe(
      '建议 <strong>设立</strong> <em>资金池</em> <a href="https://example.org/a%20b" rel="noopener noreferrer nofollow">见通知</a> &lt;b&gt;x&lt;/b&gt; [坏](javascript:alert(1))',
    );
  });
});
