import { Editor, type JSONContent } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import { renderMarkdown } from '../markdown';
import { minutesExtensions } from './minutesMarkdown';
import { MinutesText } from './minutesText';
import { insertTableBlock } from './tables';

/**
 * Minutes as the server generates them (apps/server/src/services/minutes-text.ts): a title, a list of
 * facts with an autolink, the attendance (the lines the server splices a correction between), the
 * agenda numbered, tables of speeches with Chinese names, names escaped where they hold Markdown
 * (`*`, `|`, `_`), the decisions with a named poll's voters nested.
 */
const generated = `# 加装电梯专题协商会会议纪要

- 议题：推进老旧小区加装电梯
- 组织：江城市政协
- 时间：2026年12月1日 09:00 – 2026年12月1日 11:30
- 形式：专题协商（现场与远程结合）
- 视频会议：<https://meet.example.org/yishi-abc>

## 出席人员

- 会场：周主席、杨晓燕（社会福利和社会保障界）
- 远程：王\\|秀兰（农业界）、李\\*四\\*（经济界）

## 缺席人员

赵\\_六（教育界）

## 议程

1. 通报调研情况（15 分钟，主讲：杨晓燕）
2. 自由发言（60 分钟）

## 发言记录

| 序号 | 发言人 | 界别 | 类型 | 排序依据 | 开始 | 时长 |
| --- | --- | --- | --- | --- | --- | --- |
| 1 | 杨晓燕 | 社会福利和社会保障界 | 发言 | 首次发言 | 09:05 | 3 分 0 秒 |
| 2 | 王\\|秀兰 | 农业界 | 回应 | 回应杨晓燕 | 09:10 | 1 分 5 秒 |
| 3 | 李\\*四\\* | — | 程序问题 | 程序问题优先 | 09:12 | 0 分 40 秒 |

## 议定事项

- 表决“是否同意资金分担方案”（记名）：赞成 2 票、反对 0 票；共 2 人投票。
  - 赞成：杨晓燕、王\\|秀兰
- 协商成果以建议案形式形成。
- （由秘书处补充会议议定的事项。）`;

const editors: Editor[] = [];
afterEach(() => editors.splice(0).forEach((editor) => editor.destroy()));

/** A headless editor holding `content` (Markdown, or a document as JSON). */
function editorOf(content: string | JSONContent): Editor {
  const editor =
    typeof content === 'string'
      ? new Editor({ element: null, extensions: minutesExtensions(), content, contentType: 'markdown' })
      : new Editor({ element: null, extensions: minutesExtensions(), content });
  editors.push(editor);
  return editor;
}

const doc = (...content: JSONContent[]): JSONContent => ({ type: 'doc', content });
const paragraph = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content });
const text = (value: string, ...marks: string[]): JSONContent => ({
  type: 'text',
  text: value,
  ...(marks.length > 0 ? { marks: marks.map((type) => ({ type })) } : {}),
});
const cell = (type: 'tableHeader' | 'tableCell', value: string): JSONContent => ({
  type,
  content: [paragraph(text(value))],
});

/** What a reader of the minutes sees: the Markdown as the web (and the documents, markdown-it) render it. */
const seen = (markdown: string) => renderMarkdown(markdown);

describe('the minutes editor reads and writes Markdown', () => {
  it('gives back generated minutes unchanged: headings, lists, tables with Chinese and escaped names', () => {
    const editor = editorOf(generated);
    expect(editor.getMarkdown()).toBe(generated);
    // The table is a table, its escaped names whole in their cells.
    const table = (editor.getJSON() as JSONContent).content!.find((node) => node.type === 'table')!;
    expect(table.content).toHaveLength(4);
    const names = table.content!.slice(1).map((row) => row.content![1]!.content![0]!.content![0]!.text);
    expect(names).toEqual(['杨晓燕', '王|秀兰', '李*四*']);
  });

  it('keeps the meaning of every escape the server writes, where it writes fewer', () => {
    // The server escapes all of Markdown's punctuation in names; the editor only what needs it.
    const source = [
      '# 第1次会议\\(扩大\\)会议纪要',
      '',
      '- 地点：3\\.2 会议室 \\<东楼\\> \\#2',
      '',
      '## 缺席人员',
      '',
      '\\# 张三、\\-李四\\-、A\\.B\\_C、\\[列席\\]、1\\. 号',
      '',
      '1\\. 王五（界别）',
      '',
      '| 发言人 | 界别 |',
      '| --- | --- |',
      '| \\#1 \\+ 王 | \\! |',
    ].join('\n');
    const written = editorOf(source).getMarkdown();
    expect(seen(written)).toBe(seen(source));
    // Read again, it is the same text.
    expect(editorOf(written).getMarkdown()).toBe(written);
  });

  it('keeps text that looks like Markdown as text: a line start, a pipe, an ampersand', () => {
    const written = editorOf(
      doc(
        paragraph(text('# 不是标题')),
        paragraph(text('- 不是列表')),
        paragraph(text('1. 不是编号'), { type: 'hardBreak' }, text('> 不是引用')),
        paragraph(text('甲|乙 & <丙> *丁* _戊_ `己`')),
        {
          type: 'table',
          content: [
            { type: 'tableRow', content: [cell('tableHeader', '姓名'), cell('tableHeader', '备注')] },
            { type: 'tableRow', content: [cell('tableCell', '王|五'), cell('tableCell', '- 无')] },
          ],
        },
      ),
    ).getMarkdown();
    const html = seen(written);
    expect(html).not.toMatch(/<h1|<ul|<ol|<blockquote|<em|<code/);
    expect(html).toContain('<p>甲|乙 &amp; &lt;丙&gt; *丁* _戊_ `己`</p>');
    expect(html).toMatch(/<td>王\|五<\/td>\s*<td>- 无<\/td>/);
    // And the editor reads back the document it wrote.
    expect(editorOf(written).getMarkdown()).toBe(written);
  });

  it('writes bold, italic, a list item, a quote and a new table as Markdown that reads back', () => {
    const editor = editorOf(generated);
    editor.commands.setTextSelection(editor.state.doc.content.size - 1);
    // As the toolbar and the keyboard do it: a new list item, then text, bold on, text, bold off.
    editor.chain().splitListItem('listItem').insertContent(text('请住建局牵头')).toggleBold().run();
    editor.chain().insertContent(text('三个月内', 'bold')).toggleBold().insertContent(text('拿出方案')).run();
    editor.commands.setContent(editor.getMarkdown() + '\n\n> 会后补充\n\n本纪要*经主席审阅*。', {
      contentType: 'markdown',
    });
    editor.commands.setTextSelection(editor.state.doc.content.size - 1);
    editor.commands.insertTable({ rows: 2, cols: 2, withHeaderRow: true });
    const written = editor.getMarkdown();
    expect(written).toContain('- 请住建局牵头**三个月内**拿出方案');
    expect(written).toContain('> 会后补充');
    expect(written).toContain('本纪要*经主席审阅*。');
    expect(written).toMatch(/\| {2}\| {2}\|\n\| --- \| --- \|\n\| {2}\| {2}\|$/);
    // The generated part is still as the server wrote it, its tables included.
    expect(written.startsWith(generated.slice(0, generated.lastIndexOf('- （由秘书处')))).toBe(true);
    const html = seen(written);
    expect(html).toContain('<li>请住建局牵头<strong>三个月内</strong>拿出方案</li>');
    expect(html).toContain('<em>经主席审阅</em>');
    expect(editorOf(written).getMarkdown()).toBe(written);
  });

  it('writes bold that ends in Chinese punctuation so that it stays bold', () => {
    const written = editorOf(
      doc(
        paragraph(text('会议'), text('加强监督。', 'bold'), text('然后')),
        paragraph(text('会议'), text('（一）', 'bold'), text('要求'), text('。', 'italic'), text('完')),
      ),
    ).getMarkdown();
    expect(written).toBe('会议**加强监督**。然后\n\n会议（**一**）要求。完');
    expect(seen(written)).toContain('<strong>加强监督</strong>');
    expect(seen(written)).not.toContain('*');
  });

  it('keeps a table alignment, and writes a cell with a line break on one line', () => {
    const source = '| 序号 | 发言人 |\n| :---: | ---: |\n| 1 | 杨晓燕 |';
    expect(editorOf(source).getMarkdown()).toBe(source);
    const broken = editorOf(
      doc({
        type: 'table',
        content: [
          { type: 'tableRow', content: [cell('tableHeader', 'a'), cell('tableHeader', 'b')] },
          {
            type: 'tableRow',
            content: [
              { type: 'tableCell', content: [paragraph(text('一'), { type: 'hardBreak' }, text('二'))] },
              cell('tableCell', 'c'),
            ],
          },
        ],
      }),
    ).getMarkdown();
    expect(broken).toBe('| a | b |\n| --- | --- |\n| 一 二 | c |');
  });
});

describe('a new table', () => {
  /** The position just after the text `value`. */
  const after = (editor: Editor, value: string) => {
    let at = -1;
    editor.state.doc.descendants((node, pos) => {
      if (node.isText && node.text === value) at = pos + node.nodeSize;
    });
    return at;
  };

  it('goes after the list the cursor is in, not into its item', () => {
    const editor = editorOf('## 议定事项\n\n- 甲\n- 乙\n\n完。');
    editor.commands.setTextSelection(after(editor, '乙'));
    editor.commands.command(insertTableBlock);
    editor.commands.insertContent(text('姓名'));
    expect(editor.getMarkdown()).toBe(
      '## 议定事项\n\n- 甲\n- 乙\n\n| 姓名 |  |  |\n| --- | --- | --- |\n|  |  |  |\n|  |  |  |\n\n完。',
    );
  });

  it('takes the place of an empty paragraph', () => {
    const editor = editorOf(doc(paragraph(text('前')), { type: 'paragraph' }, paragraph(text('后'))));
    editor.commands.setTextSelection(after(editor, '前') + 2);
    expect(editor.state.selection.$from.parent.content.size).toBe(0);
    editor.commands.command(insertTableBlock);
    expect(editor.getJSON().content!.map((node) => node.type)).toEqual(['paragraph', 'table', 'paragraph']);
  });
});

describe('MinutesText', () => {
  const texts: MinutesText[] = [];
  afterEach(() => texts.splice(0).forEach((t) => t.destroy()));
  const open = (markdown: string) => {
    const minutes = new MinutesText({ markdown });
    texts.push(minutes);
    return minutes;
  };
  const type = (minutes: MinutesText, value: string) => {
    minutes.editor.commands.setTextSelection(minutes.editor.state.doc.content.size - 1);
    minutes.editor.commands.insertContent(text(value));
  };

  it('is unchanged as loaded, even where its Markdown is written differently', () => {
    const minutes = open('# 纪要\n\n* 甲\n* 乙\n\n名字：A\\.B');
    expect(minutes.dirty).toBe(false);
    type(minutes, '丙');
    expect(minutes.dirty).toBe(true);
    minutes.revert();
    expect(minutes.dirty).toBe(false);
    expect(minutes.markdown).toBe('# 纪要\n\n- 甲\n- 乙\n\n名字：A.B');
  });

  it('is saved once the server holds its text, and takes new minutes only while unchanged', () => {
    const minutes = open(generated);
    type(minutes, '补充');
    const sent = minutes.markdown;
    // The answer to the save: the server keeps the text trimmed.
    minutes.stored(`${sent}\n`.trim());
    expect(minutes.dirty).toBe(false);

    // A correction of the attendance while nobody types: the new text replaces the old.
    const corrected = sent.replace('远程：', '会场：');
    minutes.stored(corrected);
    expect(minutes.dirty).toBe(false);
    expect(minutes.markdown).toBe(corrected);

    // A correction while someone types: their text stays, unsaved, until they save or discard it.
    type(minutes, '再补充');
    const typed = minutes.markdown;
    minutes.stored(sent);
    expect(minutes.markdown).toBe(typed);
    expect(minutes.dirty).toBe(true);
    minutes.revert();
    expect(minutes.markdown).toBe(sent);
  });

  it('opens empty minutes as one empty paragraph', () => {
    const minutes = open('');
    expect(minutes.dirty).toBe(false);
    expect(minutes.markdown).toBe('');
    type(minutes, '会议纪要');
    expect(minutes.markdown).toBe('会议纪要');
  });
});
