import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { newId } from '../deps.js';
import * as docxWriter from '../documents/docx.js';
import * as pdfWriter from '../documents/pdf.js';
import { DocumentRenderer, MAX_EXPORT_CHARACTERS, type RenderObserver } from '../documents/renderer.js';
import { closedTopic, startCommittee, writeDraft, type Committee } from '../test/committee.js';
import { docxText, docxXmlParts, download, pdfText, writeLongDraft } from '../test/documents.js';
import { RoomClient, startRoom, type Room } from '../test/room.js';
import { provider, synced, until } from '../test/yjs-client.js';

// The writers as this thread sees them, watched: the worker threads load their own copies, so a
// call seen here is a file drawn on the event loop.
vi.mock('../documents/docx.js', async (original) => {
  const writer = await original<typeof docxWriter>();
  return { ...writer, toDocx: vi.fn(writer.toDocx) };
});
vi.mock('../documents/pdf.js', async (original) => {
  const writer = await original<typeof pdfWriter>();
  return { ...writer, toPdf: vi.fn(writer.toPdf) };
});

let room: Room | undefined;
let committee: Committee | undefined;
const providers: WebsocketProvider[] = [];
const clients: RoomClient[] = [];
afterEach(async () => {
  for (const p of providers.splice(0)) p.destroy();
  for (const c of clients.splice(0)) c.close();
  await room?.server.dispose();
  await committee?.server.dispose();
  room = undefined;
  committee = undefined;
});

function agendaItem(id: string, title: string, minutes: number, presenter: string): Y.Map<unknown> {
  return new Y.Map<unknown>([
    ['id', id],
    ['title', title],
    ['minutes', minutes],
    ['presenter', presenter],
    ['status', 'done'],
  ]);
}

describe('meeting minutes', () => {
  it('are generated from agenda, attendance and speech log, edited, approved, and exported', async () => {
    room = await startRoom(2);
    const r = room;
    // The chair sets the agenda through the live document, as the room does.
    const agenda = provider(r.server.wsUrl, `agenda:${r.meetingId}`, r.chair.cookie);
    providers.push(agenda);
    await synced(agenda);
    agenda.doc
      .getArray('items')
      .insert(0, [agendaItem('a1', '通报调研情况', 15, '秘书处'), agendaItem('a2', '自由协商', 60, '')]);
    const witness = provider(r.server.wsUrl, `agenda:${r.meetingId}`, r.secretary.cookie);
    providers.push(witness);
    await until(witness.doc, () => witness.doc.getArray('items').length === 2);
    // Three people enter the room; two speak.
    for (const who of [r.chair, r.members[0]!.client, r.members[1]!.client]) {
      const c = new RoomClient(r.server.url, who);
      clients.push(c);
      expect((await c.join(r.meetingId)).ok).toBe(true);
    }
    for (const [m, minute] of [
      [r.members[0]!, 10],
      [r.members[1]!, 20],
    ] as const) {
      await r.secretary.post(`/api/meetings/${r.meetingId}/speeches`, {
        speakerId: m.id,
        kind: 'speech',
        startedAt: `2026-12-01T09:${minute}:00+08:00`,
        endedAt: `2026-12-01T09:${minute + 3}:30+08:00`,
      });
    }
    await r.chair.post(`/api/meetings/${r.meetingId}/close`);

    const generated = (await r.members[0]!.client.get(`/api/meetings/${r.meetingId}/minutes`)).body.minutes;
    expect(generated.status).toBe('generated');
    const body: string = generated.body;
    expect(body).toContain('# 专题协商会会议纪要');
    expect(body).toMatch(/## 出席人员\n\n- 会场：chair、m0（经济界）、m1（农业界）\n\n## 缺席人员\n\nofficial\n/);
    expect(body).toContain('1. 通报调研情况（15 分钟，主讲：秘书处）');
    expect(body).toContain('| 1 | m0 | 经济界 | 发言 | 会后补录 | 09:10 | 3 分 30 秒 |');
    expect(body).toContain('| 经济界 | 1 | 3 分 30 秒 |');
    const english = (await r.chair.get(`/api/meetings/${r.meetingId}/minutes?lang=en`)).body.minutes.body;
    expect(english).toContain('## Present');

    const edited = `${body.replace('（由秘书处补充会议议定的事项。）', '一致同意形成建议案，报市委市政府。')}`;
    expect(
      (await r.members[0]!.client.request('PUT', `/api/meetings/${r.meetingId}/minutes`, { body: edited })).status,
    ).toBe(403);
    const saved = await r.secretary.request('PUT', `/api/meetings/${r.meetingId}/minutes`, { body: edited });
    expect(saved.body.minutes).toMatchObject({ status: 'draft', updatedBy: { displayName: 'secretary' } });
    expect((await r.secretary.post(`/api/meetings/${r.meetingId}/minutes/approve`)).status).toBe(403);
    const approved = await r.chair.post(`/api/meetings/${r.meetingId}/minutes/approve`);
    expect(approved.body.minutes).toMatchObject({ status: 'approved', approvedBy: { displayName: 'chair' } });
    expect((await r.secretary.request('PUT', `/api/meetings/${r.meetingId}/minutes`, { body: 'x' })).status).toBe(409);

    const base = `${r.server.url}/api/meetings/${r.meetingId}/minutes`;
    const md = await download(`${base}?format=md`, r.chair.cookie);
    expect(md.type).toContain('text/markdown');
    expect(md.body.toString('utf8')).toContain('一致同意形成建议案');
    const docx = await download(`${base}?format=docx`, r.chair.cookie);
    expect(docx.type).toContain('wordprocessingml');
    const docxBody = await docxText(docx.body);
    expect(docxBody).toContain('专题协商会会议纪要');
    expect(docxBody).toContain('一致同意形成建议案，报市委市政府。');
    expect(docxBody).toContain('本纪要已于');
    const pdf = await download(`${base}?format=pdf`, r.chair.cookie);
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    const pdfBody = await pdfText(pdf.body);
    expect(pdfBody).toContain('专题协商会会议纪要');
    expect(pdfBody).toContain('一致同意形成建议案');
    expect((await download(`${base}?format=xls`, r.chair.cookie)).status).toBe(400);
    expect((await download(`${base}?format=pdf`, r.outsider.cookie)).status).toBe(403);
  }, 30_000);
});

describe('the outcome document', () => {
  it('renders the frozen draft with its form, participants and recipients, as DOCX and PDF with Chinese text', async () => {
    committee = await startCommittee();
    const c = committee;
    const id = await closedTopic(c, {
      title: '关于进一步优化营商环境的建议',
      summary: '摘要',
      tags: ['营商环境'],
      draft: '建议设立中小企业应急转贷资金池，缓解续贷压力。',
      measures: '已设立。',
    });
    const base = `${c.server.url}/api/topics/${id}/outcome/document`;
    const md = (await download(`${base}?format=md`, c.as.chair.cookie)).body.toString('utf8');
    expect(md).toContain('（建议案）');
    expect(md).toContain('建议设立中小企业应急转贷资金池，缓解续贷压力。');
    expect(md).toMatch(/## 参与协商人员\n\necon、teacher/);
    expect(md).toMatch(/## 承办单位\n\n市发展改革委/);
    expect(md).not.toContain('尚未定稿');
    const docx = await docxText((await download(`${base}?format=docx`, c.as.official.cookie)).body);
    expect(docx).toContain('关于进一步优化营商环境的建议');
    expect(docx).toContain('建议设立中小企业应急转贷资金池，缓解续贷压力。');
    expect(docx).toContain('市发展改革委');
    const pdf = await pdfText((await download(`${base}?format=pdf`, c.as.econ.cookie)).body);
    expect(pdf).toContain('关于进一步优化营商环境的建议');
    expect(pdf).toContain('建议设立中小企业应急转贷资金池');
    expect(pdf).toContain('市发展改革委');
  }, 30_000);

  it('prints a hostile display name as text, never as a link', async () => {
    committee = await startCommittee();
    const c = committee;
    const phish = '[点此查看正式文件](https://evil.example/phish)';
    const renamed = await c.admin.patch(`/api/orgs/${c.orgId}/members/${c.ids.econ}`, { displayName: phish });
    expect(renamed.status).toBe(200);
    const id = await closedTopic(c, {
      title: '关于加装电梯的建议',
      summary: '摘要',
      tags: ['民生'],
      draft: '建议简化审批。',
      measures: '已落实。',
    });
    const base = `${c.server.url}/api/topics/${id}/outcome/document`;
    const md = (await download(`${base}?format=md`, c.as.chair.cookie)).body.toString('utf8');
    expect(md).toContain('\\[点此查看正式文件\\]\\(https://evil\\.example/phish\\)');
    expect(md).not.toContain('](https://evil.example/phish)');
  }, 30_000);
});

describe('what the editor made', () => {
  it('stays a list, a nested list, a quote and bold in the Markdown, the DOCX and the PDF', async () => {
    committee = await startCommittee();
    const c = committee;
    const id = await proposedTopic(c, '关于加装电梯的建议');
    const el = (name: string, children: (Y.XmlElement | Y.XmlText)[]) => {
      const e = new Y.XmlElement(name);
      e.insert(0, children);
      return e;
    };
    const bold = new Y.XmlText();
    bold.insert(0, '总体');
    bold.insert(2, '建议', { bold: {} });
    const p = (text: string) => el('paragraph', [new Y.XmlText(text)]);
    const doc = new Y.Doc();
    doc
      .getXmlFragment('body')
      .insert(0, [
        el('paragraph', [bold]),
        el('bulletList', [el('listItem', [p('第一条措施')]), el('listItem', [p('第二条措施')])]),
        el('orderedList', [el('listItem', [p('设立资金池'), el('bulletList', [el('listItem', [p('市级')])])])]),
        el('blockquote', [p('引自调研报告')]),
      ]);
    await c.server.store.transaction((tx) =>
      tx.docs.append(`draft:${id}`, Y.encodeStateAsUpdate(doc), new Date().toISOString()),
    );
    const base = `${c.server.url}/api/topics/${id}/outcome/document`;
    const md = (await download(`${base}?format=md`, c.as.chair.cookie)).body.toString('utf8');
    expect(md).toContain('总体**建议**');
    expect(md).toContain('- 第一条措施\n- 第二条措施');
    expect(md).toContain('1. 设立资金池\n   - 市级');
    expect(md).toContain('> 引自调研报告');
    expect(md).not.toContain('第一条措施第二条措施');
    const docx = await docxText((await download(`${base}?format=docx`, c.as.chair.cookie)).body);
    for (const line of ['第一条措施', '第二条措施', '设立资金池', '市级', '引自调研报告'])
      expect(docx.split('\n')).toContain(line);
    const pdf = await pdfText((await download(`${base}?format=pdf`, c.as.chair.cookie)).body);
    expect(pdf).not.toContain('第一条措施第二条措施');
    expect(pdf.indexOf('第一条措施')).toBeLessThan(pdf.indexOf('第二条措施'));
    expect(pdf.indexOf('设立资金池')).toBeLessThan(pdf.indexOf('市级'));
  }, 30_000);
});

/** A new topic, proposed by a member; its outcome document renders whatever its draft holds. */
async function proposedTopic(c: Committee, title: string): Promise<string> {
  const res = await c.as.econ.post('/api/topics', { orgId: c.orgId, title, summary: '摘要', tags: [] });
  expect(res.status).toBe(201);
  return res.body.topic.id as string;
}

/** A renderer whose every start and end is told to `observer` as well. */
const observed = (observer: RenderObserver) => new DocumentRenderer(observer);

describe('exports drawn by the worker pool', () => {
  it('draws a long PDF in a worker, never on the event loop, and answers a health check meanwhile', async () => {
    const order: string[] = [];
    let renderStarted!: () => void;
    const rendering = new Promise<void>((resolve) => (renderStarted = resolve));
    committee = await startCommittee({
      renderer: observed({ started: () => renderStarted(), ended: () => order.push('rendered') }),
    });
    const c = committee;
    const id = await proposedTopic(c, '关于进一步优化营商环境的建议');
    await writeLongDraft(c.server, id, MAX_EXPORT_CHARACTERS * 0.9);

    const pdf = download(`${c.server.url}/api/topics/${id}/outcome/document?format=pdf`, c.as.chair.cookie);
    // Drawn on the event loop, the whole PDF would be done before this line ran.
    await rendering;
    const health = await fetch(`${c.server.url}/api/health`);
    order.push('health');
    expect(health.status).toBe(200);
    const file = await pdf;
    expect(order).toEqual(['health', 'rendered']);
    expect(file.status).toBe(200);
    expect(file.body.subarray(0, 5).toString()).toBe('%PDF-');
    expect(file.body.subarray(-6).toString()).toMatch(/%%EOF\s*$/);
    const docx = await download(`${c.server.url}/api/topics/${id}/outcome/document?format=docx`, c.as.chair.cookie);
    expect(await docxText(docx.body)).toContain('关于进一步优化营商环境的建议');
    expect(pdfWriter.toPdf).not.toHaveBeenCalled();
    expect(docxWriter.toDocx).not.toHaveBeenCalled();
  }, 60_000);

  it(`refuses a DOCX or PDF over ${MAX_EXPORT_CHARACTERS} characters with CONFLICT, before any work, and still gives the Markdown`, async () => {
    let renders = 0;
    committee = await startCommittee({ renderer: observed({ started: () => renders++ }) });
    const c = committee;
    const id = await proposedTopic(c, '关于加装电梯的建议');
    await writeLongDraft(c.server, id, MAX_EXPORT_CHARACTERS + 1000);
    const draft = async () => Buffer.from(Y.encodeStateAsUpdate(await c.server.store.docs.load(`draft:${id}`)));
    const stored = await draft();

    const base = `${c.server.url}/api/topics/${id}/outcome/document`;
    for (const format of ['docx', 'pdf']) {
      const res = await c.as.chair.get(`/api/topics/${id}/outcome/document?format=${format}`);
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({
        code: 'CONFLICT',
        details: { maxCharacters: MAX_EXPORT_CHARACTERS, characters: expect.any(Number) },
      });
      expect(res.body.error.details.characters).toBeGreaterThan(MAX_EXPORT_CHARACTERS);
    }
    expect(renders).toBe(0);
    expect((await draft()).equals(stored)).toBe(true);
    const md = await download(`${base}?format=md`, c.as.chair.cookie);
    expect(md.status).toBe(200);
    expect(md.body.toString('utf8').length).toBeGreaterThan(MAX_EXPORT_CHARACTERS);
  }, 60_000);
});

describe('control characters stored before input refused them', () => {
  /** What XML 1.0 allows: any other character makes Word refuse the file. */
  const xmlText = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
  const control = (text: string) =>
    [...text].some((ch) => {
      const c = ch.codePointAt(0)!;
      return (c < 0x20 && c !== 0x09 && c !== 0x0a) || (c >= 0x7f && c <= 0x9f) || c === 0xfffe || c === 0xffff;
    });

  it('never reach an export: Markdown, DOCX (which opens) and PDF, of the outcome and of the minutes', async () => {
    committee = await startCommittee();
    const c = committee;
    const { store } = c.server;
    // Written through the repositories, as an older version that took them would have stored them.
    const topic = (await store.topics.find(await proposedTopic(c, '关于加装电梯的建议')))!;
    const id = newId();
    await store.topics.insert({ ...topic, id, title: '关于\u0001加装\u000B电梯\u0085的建议\u001F' });
    await writeDraft(c.server, id, '建议\u0007简化审批\u001B流程\u007F。\uFFFE');
    const meetingId = newId();
    const at = '2026-12-01T09:00:00.000Z';
    await store.meetings.insert({
      id: meetingId,
      topicId: id,
      title: '专题\u0008协商会',
      startsAt: at,
      status: 'ended',
      openedAt: at,
      endedAt: at,
      form: 'thematic',
      mode: 'in_person',
      place: null,
      location: null,
      video: null,
      createdBy: c.ids.chair,
      createdAt: at,
    });
    await store.minutes.saveDraft(
      meetingId,
      '# 会议纪要\u0002\n\n一致同意\u000C形成建议案\u0019。\r\n',
      c.ids.secretary,
      at,
    );

    const exports = [
      { url: `/api/topics/${id}/outcome/document`, title: '关于加装电梯的建议', text: '建议简化审批流程。' },
      { url: `/api/meetings/${meetingId}/minutes`, title: '会议纪要', text: '一致同意形成建议案。' },
    ];
    for (const { url, title, text } of exports) {
      const get = (format: string) => download(`${c.server.url}${url}?format=${format}`, c.as.chair.cookie);
      const md = (await get('md')).body.toString('utf8');
      expect(control(md)).toBe(false);
      expect(md).toContain(text);

      const docx = await get('docx');
      expect(docx.status).toBe(200);
      const parts = await docxXmlParts(docx.body);
      expect(parts.has('word/document.xml')).toBe(true);
      for (const [name, xml] of parts) expect({ name, ok: xmlText.test(xml) }).toEqual({ name, ok: true });
      const docxBody = await docxText(docx.body);
      expect(docxBody).toContain(title);
      expect(docxBody).toContain(text);

      const pdf = await pdfText((await get('pdf')).body);
      expect(control(pdf)).toBe(false);
      expect(pdf).toContain(title);
      expect(pdf).toContain(text);
    }
    const json = await c.as.chair.get(`/api/meetings/${meetingId}/minutes`);
    expect(json.body.minutes.body).toBe('# 会议纪要\n\n一致同意形成建议案。\n');
  }, 60_000);
});
