import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditPage, DutyRecord, DutyTable, DutyWeightsView } from '@yishi/protocol';
import { otherCity, startCommittee, walkTopic, type Committee, type WalkMade } from '../test/committee.js';
import { download } from '../test/documents.js';
import { movableClock } from '../test/harness.js';

/**
 * Duty records (履职档案, docs/design.md §6) over HTTP: what each member did in a year, counted from
 * what happened — a topic walked to delivery (its participants, research, meeting and speeches) and
 * proposals filed, co-signed and accepted — scored with the secretariat's weights, and read only by
 * the member themself, the chair, the secretariat and administrators.
 */
let c: Committee;
let made: WalkMade;
let proposalId: string;
const clock = movableClock('2026-12-01T08:00:00Z');

beforeEach(async () => {
  clock.set('2026-12-01T08:00:00Z');
  c = await startCommittee({ clock });
  await walkTopic(
    c,
    {
      title: '老旧小区加装电梯',
      summary: '协商加装电梯',
      tags: [],
      draft: '建议',
      measures: '措施',
      beforeDelivery: async (walk) => void (made = walk),
    },
    'delivered',
  );
  const ok = (res: { status: number; body: any }) => {
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    return res.body;
  };
  // econ leads a proposal that farmer co-signs, and the secretariat accepts it; teacher keeps a draft.
  const body = { title: '关于电梯补贴的提案', reasons: '理由', suggestions: '建议', category: 'society' };
  proposalId = ok(await c.as.econ.post(`/api/orgs/${c.orgId}/proposals`, body)).proposal.id;
  ok(await c.as.econ.post(`/api/proposals/${proposalId}/cosigners`, { userId: c.ids.farmer }));
  ok(await c.as.farmer.post(`/api/proposals/${proposalId}/cosign`));
  ok(await c.as.econ.post(`/api/proposals/${proposalId}/submit`));
  ok(
    await c.as.secretary.post(`/api/proposals/${proposalId}/review`, {
      decision: 'accepted',
      leadDepartmentId: c.departmentId,
      dueDate: '2027-03-01',
    }),
  );
  ok(await c.as.teacher.post(`/api/orgs/${c.orgId}/proposals`, { ...body, title: '草稿' }));
});
afterEach(async () => {
  await c.server.dispose();
});

const zero = {
  meetingsAttended: 0,
  speeches: 0,
  topics: 0,
  research: 0,
  proposalsLead: 0,
  proposalsCosigned: 0,
  proposalsAccepted: 0,
  opinionsSubmitted: 0,
  opinionsAdopted: 0,
  opinionsInstructed: 0,
};

describe('duty records', () => {
  it('count exactly what each member did in the year, and score it with the default weights', async () => {
    const res = await c.as.secretary.get<DutyTable>(`/api/orgs/${c.orgId}/duty?year=2026`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const byName = Object.fromEntries(res.body.members.map((m) => [m.displayName, m]));
    // Members only, by sector in pinyin order (教育界, 经济界, 农业界, 中国共产党), then name.
    expect(res.body.members.map((m) => m.displayName)).toEqual(['teacher', 'econ', 'farmer', 'contact']);
    expect(byName.econ!.counts).toEqual({
      ...zero,
      meetingsAttended: 1,
      speeches: 1,
      topics: 1,
      research: 1,
      proposalsLead: 1,
      proposalsAccepted: 1,
    });
    // 2 + 3 + 2 + 3 + 5 + 5
    expect(byName.econ!.score).toBe(20);
    expect(byName.teacher!.counts).toEqual({ ...zero, meetingsAttended: 1, speeches: 1, topics: 1 });
    expect(byName.farmer!.counts).toEqual({ ...zero, proposalsCosigned: 1 });
    expect(byName.contact).toMatchObject({ counts: zero, score: 0 });
    // Another year holds none of it.
    const before = await c.as.chair.get<DutyTable>(`/api/orgs/${c.orgId}/duty?year=2025`);
    expect(before.body.members.every((m) => m.score === 0)).toBe(true);
  });

  it('open each count on the items behind it', async () => {
    const res = await c.as.econ.get<DutyRecord>(`/api/orgs/${c.orgId}/duty/${c.ids.econ}?year=2026`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const { items } = res.body;
    expect(items.meetingsAttended).toEqual([
      { kind: 'meeting', id: made.meetingId, topicId: made.topicId, title: '协商会', at: '2026-12-01T09:00:00.000Z' },
    ]);
    expect(items.speeches).toMatchObject([{ kind: 'meeting', id: made.meetingId, topicId: made.topicId }]);
    expect(items.topics).toMatchObject([{ kind: 'topic', id: made.topicId, title: '老旧小区加装电梯' }]);
    expect(items.research).toMatchObject([{ kind: 'topic', id: made.topicId, title: '调研报告' }]);
    expect(items.proposalsLead).toMatchObject([
      { kind: 'proposal', id: proposalId, title: '2026-0001 关于电梯补贴的提案' },
    ]);
    expect(items.proposalsAccepted.map((i) => i.id)).toEqual([proposalId]);
    expect(res.body.score).toBe(20);
  });

  it('are read by the member themself, the chair, the secretariat and administrators only', async () => {
    const table = `/api/orgs/${c.orgId}/duty`;
    const farmers = `/api/orgs/${c.orgId}/duty/${c.ids.farmer}`;
    for (const who of [c.as.chair, c.as.secretary, c.admin]) {
      expect((await who.get(table)).status).toBe(200);
      expect((await who.get(farmers)).status).toBe(200);
    }
    expect((await c.as.farmer.get(farmers)).status).toBe(200);
    for (const who of [c.as.econ, c.as.official, c.as.observer]) {
      const refused = await who.get(table);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('FORBIDDEN');
      expect((await who.get(farmers)).status).toBe(403);
    }
    const other = await otherCity(c);
    expect((await other.member.get(farmers)).status).toBe(403);
    expect((await c.as.secretary.get(`/api/orgs/${c.orgId}/duty/${other.memberId}`)).status).toBe(404);
  });

  it('refuse a malformed year', async () => {
    for (const query of ['?year=abc', '?year=1999', '?year=2026&extra=1']) {
      const res = await c.as.secretary.get(`/api/orgs/${c.orgId}/duty${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
    }
  });
});

describe('the workbook', () => {
  it('holds the table of the year, numbers as numbers, and its export is audited', async () => {
    const url = `${c.server.url}/api/orgs/${c.orgId}/duty/export?year=2026&lang=zh-CN`;
    const file = await download(url, c.as.secretary.cookie);
    expect(file.status).toBe(200);
    expect(file.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.body as unknown as ArrayBuffer);
    const [sheet, weights] = workbook.worksheets;
    expect(sheet!.name).toBe('2026年度履职档案');
    expect(sheet!.getRow(1).getCell(1).value).toBe('江城市政协 2026 年度履职档案');
    const header = (sheet!.getRow(2).values as unknown[]).slice(1);
    expect(header.slice(0, 3)).toEqual(['委员', '界别', '参加会议']);
    expect(header.at(-1)).toBe('积分');
    const rows = [3, 4, 5, 6].map((n) => (sheet!.getRow(n).values as unknown[]).slice(1));
    expect(rows.map((r) => r[0])).toEqual(['teacher', 'econ', 'farmer', 'contact']);
    expect(rows[1]).toEqual(['econ', '经济界', 1, 1, 1, 1, 1, 0, 1, 0, 0, 0, 20]);
    expect(weights!.getRow(2).values).toEqual([undefined, '会议发言', 3]);
    const audit = await c.as.secretary.get<AuditPage>(`/api/orgs/${c.orgId}/audit?action=document.exported`);
    expect(audit.body.entries).toMatchObject([
      { details: { document: 'duty', format: 'xlsx', lang: 'zh-CN', year: 2026 }, subject: { type: 'org' } },
    ]);
  });

  it('is for those who read the table, and refuses a language it does not speak', async () => {
    const url = (query: string) => `${c.server.url}/api/orgs/${c.orgId}/duty/export${query}`;
    expect((await download(url(''), c.as.econ.cookie)).status).toBe(403);
    expect((await download(url('?lang=fr'), c.as.secretary.cookie)).status).toBe(400);
    const english = await download(url('?lang=en&year=2026'), c.as.chair.cookie);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(english.body as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]!.getRow(2).getCell(1).value).toBe('Member');
  });
});

describe('the weights', () => {
  const url = () => `/api/orgs/${c.orgId}/duty/weights`;

  it('are set by the secretariat, score every record, and are audited', async () => {
    expect((await c.as.chair.get<DutyWeightsView>(url())).body).toMatchObject({ defaults: true });
    const set = await c.as.secretary.request<DutyWeightsView>('PUT', url(), { speeches: 4.5, proposalsLead: 0 });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toMatchObject({ defaults: false, weights: { speeches: 4.5, proposalsLead: 0, topics: 2 } });
    const econ = (await c.as.econ.get<DutyRecord>(`/api/orgs/${c.orgId}/duty/${c.ids.econ}?year=2026`)).body;
    // 2 + 4.5 + 2 + 3 + 0 + 5
    expect(econ.score).toBe(16.5);
    const audit = await c.as.secretary.get<AuditPage>(`/api/orgs/${c.orgId}/audit?action=duty.weights_changed`);
    expect(audit.body.entries).toMatchObject([
      { action: 'duty.weights_changed', details: { weights: { speeches: 4.5, proposalsLead: 0 } } },
    ]);
  });

  it('refuse bad weights and those who may not set them, and change nothing then', async () => {
    for (const body of [
      { speeches: 1.25 },
      { speeches: -1 },
      { speeches: 101 },
      { nonsense: 1 },
      {},
      { speeches: '3' },
    ]) {
      const res = await c.as.secretary.request('PUT', url(), body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
    }
    for (const who of [c.as.chair, c.as.econ, c.as.official]) {
      expect((await who.request('PUT', url(), { speeches: 9 })).status).toBe(403);
    }
    expect((await c.as.econ.get(url())).status).toBe(403);
    expect((await c.as.secretary.get<DutyWeightsView>(url())).body).toMatchObject({
      defaults: true,
      weights: { speeches: 3 },
    });
  });
});
