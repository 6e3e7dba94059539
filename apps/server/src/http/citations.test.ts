import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { draftDocName } from '../services/draft-doc.js';
import { closedTopic, startCommittee, walkTopic, type Committee, type WalkMade } from '../test/committee.js';
import { download, pdftotext } from '../test/documents.js';
import { paragraph, provider, synced, until } from '../test/yjs-client.js';

let c: Committee;
beforeEach(async () => {
  c = await startCommittee();
});
afterEach(async () => {
  await c.server.dispose();
});

const business = {
  title: '进一步优化营商环境',
  summary: '围绕中小企业融资难开展协商。',
  tags: ['营商环境'],
  draft: '总的看法。',
  measures: '已设立两亿元应急转贷资金池。',
};

function cited(node: Y.XmlElement, source: string): Y.XmlElement {
  node.setAttribute('source', source);
  return node;
}

function heading(text: string): Y.XmlElement {
  const h = new Y.XmlElement('heading');
  h.setAttribute('level', 2 as never);
  h.insert(0, [new Y.XmlText(text)]);
  return h;
}

/**
 * Appends paragraphs citing the topic's own report and speeches, another topic's speech and report,
 * and a speech that does not exist, as a participant's editor would (through y-websocket); resolves
 * once another client has them, so the server holds them.
 */
async function writeCitedDraft(made: WalkMade, other: WalkMade): Promise<void> {
  const name = draftDocName(made.topicId);
  const editor = provider(c.server.wsUrl, name, c.as.econ.cookie);
  const witness = provider(c.server.wsUrl, name, c.as.secretary.cookie);
  try {
    await Promise.all([synced(editor), synced(witness)]);
    const body = editor.doc.getXmlFragment('body');
    body.insert(body.length, [
      cited(heading('一、总体建议'), `research:${made.researchId}`),
      cited(paragraph('建议设立应急转贷资金池。'), `speech:${made.speechIds[0]}`),
      cited(paragraph('他处的发言。'), `speech:${other.speechIds[0]}`),
      cited(paragraph('他处的调研。'), `research:${other.researchId}`),
      cited(paragraph('已不存在的发言。'), 'speech:gone'),
      cited(paragraph('建议由市财政安排风险补偿。'), `speech:${made.speechIds[1]}`),
    ]);
    await until(witness.doc, () => witness.doc.getXmlFragment('body').length === 7);
  } finally {
    editor.destroy();
    witness.destroy();
  }
}

/** A closed topic whose draft cites its own sources and another topic's; both topics' ids. */
async function citingTopic(): Promise<{ id: string; made: WalkMade; other: WalkMade }> {
  let other: WalkMade | undefined;
  await walkTopic(c, { ...business, title: '另一议题', beforeDelivery: async (m) => void (other = m) }, 'delivered');
  let made: WalkMade | undefined;
  const id = await closedTopic(c, {
    ...business,
    beforeDelivery: async (m) => {
      made = m;
      await writeCitedDraft(m, other!);
    },
  });
  return { id, made: made!, other: other! };
}

const today = () =>
  new Date(`${new Date().toISOString().slice(0, 10)}T12:00:00+08:00`).toLocaleDateString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'long',
  });

/** The XML of a DOCX part. */
async function docxPart(buffer: Buffer, name: string): Promise<string> {
  return (await JSZip.loadAsync(buffer)).file(name)!.async('string');
}

/** The text of each `<w:p>` of a DOCX part, with its footnote references as `{n}`. */
function wordParagraphs(xml: string): string[] {
  return xml
    .split('</w:p>')
    .map((p) =>
      [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:footnoteReference w:id="(\d+)"\/>/g)]
        .map((m) => m[1] ?? `{${m[2]}}`)
        .join(''),
    );
}

describe('citations in the outcome', () => {
  it('are footnotes of the exported document, from the topic’s own speeches and research only', async () => {
    const { id } = await citingTopic();
    const notes = [
      `调研报告《调研报告》，econ，${today()}`,
      'econ（发言），协商会，2026年12月1日 17:10',
      'teacher（发言），协商会，2026年12月1日 17:20',
    ];
    const url = (format: string, lang = 'zh-CN') =>
      `${c.server.url}/api/topics/${id}/outcome/document?format=${format}&lang=${lang}`;

    // Markdown: `[^n]` marks and definitions; what does not resolve within the topic is not marked.
    const md = (await download(url('md'), c.as.econ.cookie)).body.toString('utf8');
    const lines = md.split('\n');
    expect(lines).toContain('### 一、总体建议[^1]');
    expect(lines).toContain('建议设立应急转贷资金池。[^2]');
    expect(lines).toContain('建议由市财政安排风险补偿。[^3]');
    for (const text of ['他处的发言。', '他处的调研。', '已不存在的发言。', '总的看法。'])
      expect(lines).toContain(text);
    expect(lines.filter((l) => l.startsWith('[^'))).toEqual(notes.map((n, i) => `[^${i + 1}]: ${n}`));
    const en = (await download(url('md', 'en'), c.as.econ.cookie)).body.toString('utf8');
    // Markdown escapes the parentheses of the text it prints.
    expect(en).toMatch(/^\[\^2\]: econ \\\(Speech\\\), 协商会, 1 December 2026, 17:10$/m);
    expect(en).toMatch(/^\[\^1\]: Research report “调研报告”, econ, /m);

    // DOCX: Word footnotes, referenced from the cited paragraphs.
    const docx = (await download(url('docx'), c.as.econ.cookie)).body;
    const body = wordParagraphs(await docxPart(docx, 'word/document.xml'));
    expect(body).toContain('一、总体建议{1}');
    expect(body).toContain('建议设立应急转贷资金池。{2}');
    expect(body).toContain('建议由市财政安排风险补偿。{3}');
    expect(body).toContain('他处的发言。');
    const footnotes = await docxPart(docx, 'word/footnotes.xml');
    const byId = new Map(
      [...footnotes.matchAll(/<w:footnote w:id="(\d+)">([\s\S]*?)<\/w:footnote>/g)].map((m) => [
        Number(m[1]),
        wordParagraphs(m[2]!).join(''),
      ]),
    );
    expect([...byId.keys()]).toEqual([1, 2, 3]);
    expect([...byId.values()]).toEqual(notes);

    // PDF: a raised `[n]` after the paragraph, `[n] …` at the foot of its page.
    const pdf = await pdftotext((await download(url('pdf'), c.as.econ.cookie)).body);
    const pdfLines = pdf.split('\n').map((l) => l.trim());
    expect(pdfLines).toContain('一、总体建议[1]');
    expect(pdfLines).toContain('建议设立应急转贷资金池。[2]');
    expect(pdfLines).toContain('他处的发言。');
    expect(pdfLines.filter((l) => /^\[\d+\] /.test(l))).toEqual(notes.map((n, i) => `[${i + 1}] ${n}`));
  });

  it('are kept by the published case, resolved, and nothing of another topic', async () => {
    const { id, made, other } = await citingTopic();
    const published = await c.as.secretary.post(`/api/topics/${id}/publish`);
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    const read = (await c.as.farmer.get(`/api/cases/${published.body.case.id}`)).body.case;
    expect(read.outcome).toEqual(published.body.case.outcome);
    const { blocks, citations } = read.outcome;
    expect(blocks.map((b: { attrs: { source?: string } }) => b.attrs.source ?? null)).toEqual([
      null,
      `research:${made.researchId}`,
      `speech:${made.speechIds[0]}`,
      `speech:${other.speechIds[0]}`,
      `research:${other.researchId}`,
      'speech:gone',
      `speech:${made.speechIds[1]}`,
    ]);
    expect(citations).toEqual([
      { kind: 'research', id: made.researchId, title: '调研报告', authors: ['econ'], date: expect.any(String) },
      {
        kind: 'speech',
        id: made.speechIds[0],
        speaker: { id: c.ids.econ, displayName: 'econ' },
        speechKind: 'speech',
        startedAt: '2026-12-01T09:10:00.000Z',
        meeting: { id: made.meetingId, title: '协商会' },
      },
      {
        kind: 'speech',
        id: made.speechIds[1],
        speaker: { id: c.ids.teacher, displayName: 'teacher' },
        speechKind: 'speech',
        startedAt: '2026-12-01T09:20:00.000Z',
        meeting: { id: made.meetingId, title: '协商会' },
      },
    ]);
  });
});
