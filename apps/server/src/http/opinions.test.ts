import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  BulletinDetail,
  BulletinsPage,
  DutyRecord,
  Notification,
  OpinionDetail,
  OpinionsPage,
} from '@yishi/protocol';
import { encodeCursor } from '../services/pages.js';
import { otherCity, startCommittee, type Committee } from '../test/committee.js';
import { movableClock, type HttpResult, type TestClient } from '../test/harness.js';
import { docxText, download, pdfText } from '../test/documents.js';
import { allPages, expectRefused } from '../test/pages.js';

/**
 * Public-opinion reports (社情民意信息) and bulletins (专报), docs/design.md §6, over HTTP as each
 * role would: a member submits; the secretariat edits, adopts or declines, compiles bulletins; the
 * secretariat or the chair records leaders' instructions; the author is told of every step. A
 * report is its author's and the committee's leadership's to read, not the other members'. The
 * committee's clock stands on 2026-12-01.
 */
let c: Committee;
const clock = movableClock('2026-12-01T08:00:00Z');
beforeEach(async () => {
  clock.set('2026-12-01T08:00:00Z');
  c = await startCommittee({ clock });
});
afterEach(async () => {
  await c.server.dispose();
});

const report = {
  title: '关于老旧小区加装电梯审批慢的情况反映',
  body: '部分老旧小区居民反映，加装电梯需全体业主同意，审批流程较长。\n建议简化审批。',
  category: 'society',
};

function ok<T = OpinionDetail>(res: HttpResult<any>, status = 200, key = 'opinion'): T {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body[key] as T;
}

function refusedWith(res: HttpResult<any>, status: number, code: string, where?: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.error.code).toBe(code);
  if (where && code === 'VALIDATION') {
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(where);
  } else if (where) {
    expect(res.body.error.details).toMatchObject({ reason: where });
  }
}

/** A minute later: each step's notifications come after the last step's. */
const tick = () => clock.set(new Date(clock.now().getTime() + 60_000).toISOString());

async function submitted(who = c.as.econ, body: object = report): Promise<string> {
  const id = ok(await who.post(`/api/orgs/${c.orgId}/opinions`, body), 201).id;
  tick();
  return id;
}

async function adopted(title = report.title): Promise<string> {
  const id = await submitted(c.as.econ, { ...report, title });
  ok(await c.as.secretary.post(`/api/opinions/${id}/handle`, { decision: 'adopted', note: '' }));
  tick();
  return id;
}

/** Each person's notifications as [kind, subject type, subject id, data], the newest first. */
async function told(who: TestClient): Promise<[string, string, string, Notification['data']][]> {
  const res = await who.get<{ notifications: Notification[] }>('/api/notifications?limit=100');
  expect(res.status).toBe(200);
  return res.body.notifications.map((n) => [n.kind, n.subject.type, n.subject.id, n.data]);
}

describe('an opinion report', () => {
  it('goes from a member to the secretariat, is edited and adopted, and its author is told', async () => {
    const id = await submitted();
    const before = ok(await c.as.econ.get(`/api/opinions/${id}`));
    expect(before).toMatchObject({
      status: 'submitted',
      authorId: c.ids.econ,
      title: report.title,
      submittedAt: '2026-12-01T08:00:00.000Z',
      actions: [],
      bulletins: [],
      fromProposal: null,
    });
    expect(await told(c.as.secretary)).toEqual([['opinion_submitted', 'opinion', id, {}]]);
    // The author does not tell themselves.
    expect(await told(c.as.econ)).toEqual([]);

    // It is written to the committee: the other members, the officials and observers do not read it.
    for (const who of [c.as.farmer, c.as.official, c.as.observer])
      refusedWith(await who.get(`/api/opinions/${id}`), 404, 'NOT_FOUND');
    expect(ok(await c.as.chair.get(`/api/opinions/${id}`)).actions).toEqual([]);
    expect(ok(await c.as.secretary.get(`/api/opinions/${id}`)).actions).toEqual(['edit', 'handle']);

    // Only the secretariat edits it, and only it decides; an edit tells nobody.
    refusedWith(await c.as.econ.patch(`/api/opinions/${id}`, { title: '改' }), 403, 'FORBIDDEN', 'not_secretariat');
    refusedWith(
      await c.as.chair.post(`/api/opinions/${id}/handle`, { decision: 'adopted' }),
      403,
      'FORBIDDEN',
      'not_secretariat',
    );
    let o = ok(await c.as.secretary.patch(`/api/opinions/${id}`, { title: '老旧小区加装电梯审批流程有待简化' }));
    expect(o).toMatchObject({
      title: '老旧小区加装电梯审批流程有待简化',
      body: report.body,
      editedBy: c.ids.secretary,
    });
    expect(await told(c.as.econ)).toEqual([]);
    tick();
    o = ok(await c.as.secretary.post(`/api/opinions/${id}/handle`, { decision: 'adopted', note: '拟编入专报。' }));
    expect(o).toMatchObject({ status: 'adopted', handledBy: c.ids.secretary, note: '拟编入专报。' });
    expect(o.actions).toEqual(['include_in_bulletin', 'record_instruction']);
    expect(await told(c.as.econ)).toEqual([['opinion_handled', 'opinion', id, { decision: 'adopted' }]]);
    refusedWith(
      await c.as.secretary.post(`/api/opinions/${id}/handle`, { decision: 'not_adopted', note: '再议' }),
      409,
      'CONFLICT',
      'wrong_status',
    );
    refusedWith(await c.as.secretary.patch(`/api/opinions/${id}`, { title: '再改' }), 409, 'CONFLICT', 'wrong_status');
  });

  it('is declined only with a reason, which the author reads', async () => {
    const id = await submitted();
    refusedWith(
      await c.as.secretary.post(`/api/opinions/${id}/handle`, { decision: 'not_adopted' }),
      400,
      'VALIDATION',
      'note',
    );
    const o = ok(
      await c.as.secretary.post(`/api/opinions/${id}/handle`, { decision: 'not_adopted', note: '已有同类信息报送。' }),
    );
    expect(o).toMatchObject({ status: 'not_adopted', note: '已有同类信息报送。' });
    expect(ok(await c.as.econ.get(`/api/opinions/${id}`)).note).toBe('已有同类信息报送。');
    expect(await told(c.as.econ)).toEqual([['opinion_handled', 'opinion', id, { decision: 'not_adopted' }]]);
    refusedWith(
      await c.as.chair.post(`/api/opinions/${id}/instructions`, { by: '李市长', text: '阅。', date: '2026-12-01' }),
      409,
      'CONFLICT',
      'wrong_status',
    );
  });

  it('refuses bad input with VALIDATION and changes nothing', async () => {
    const id = await submitted();
    const path = `/api/opinions/${id}`;
    const stored = ok(await c.as.secretary.get(path));
    for (const body of [
      { ...report, title: '' },
      { ...report, title: '长'.repeat(201) },
      { ...report, category: 'weather' },
      { ...report, extra: 1 },
      { title: report.title, category: report.category },
    ]) {
      refusedWith(await c.as.econ.post(`/api/orgs/${c.orgId}/opinions`, body), 400, 'VALIDATION');
    }
    refusedWith(await c.as.secretary.patch(path, {}), 400, 'VALIDATION');
    refusedWith(await c.as.secretary.patch(path, { status: 'adopted' }), 400, 'VALIDATION');
    refusedWith(await c.as.secretary.post(`${path}/handle`, { decision: 'maybe' }), 400, 'VALIDATION', 'decision');
    refusedWith(await c.as.secretary.post(`${path}/handle`, { decision: 'adopted', by: 'x' }), 400, 'VALIDATION');
    refusedWith(await c.as.secretary.get(`/api/opinions/${'x'.repeat(65)}`), 400, 'VALIDATION');
    expect(ok(await c.as.secretary.get(path))).toEqual(stored);
    // Only members submit: the chair, the secretariat, an official speak for others.
    for (const who of [c.as.chair, c.as.secretary, c.as.official, c.as.observer])
      refusedWith(await who.post(`/api/orgs/${c.orgId}/opinions`, report), 403, 'FORBIDDEN', 'not_member');
    const list = await c.as.secretary.get<OpinionsPage>(`/api/orgs/${c.orgId}/opinions`);
    expect(list.body.total).toBe(1);
  });

  it('is compiled into numbered bulletins, exported, and its instructions recorded, each told to the author', async () => {
    const first = await adopted('关于加装电梯的情况反映');
    const second = await adopted('关于社区食堂的建议');
    const waiting = await submitted(c.as.farmer, { ...report, title: '尚未处理的信息' });

    // A bulletin takes adopted reports of the organisation, each once; a refused one takes no number.
    const compile = (body: object, who = c.as.secretary) => who.post(`/api/orgs/${c.orgId}/bulletins`, body);
    refusedWith(await compile({ title: '专报', opinionIds: [waiting] }), 400, 'VALIDATION', 'opinionIds');
    refusedWith(await compile({ title: '专报', opinionIds: [first, first] }), 400, 'VALIDATION', 'opinionIds');
    refusedWith(await compile({ title: '专报', opinionIds: [] }), 400, 'VALIDATION', 'opinionIds');
    refusedWith(await compile({ title: '', opinionIds: [first] }), 400, 'VALIDATION', 'title');
    refusedWith(await compile({ title: '专报', opinionIds: [first] }, c.as.chair), 403, 'FORBIDDEN', 'not_secretariat');
    const bulletin = ok<BulletinDetail>(
      await compile({ title: '社情民意专报', opinionIds: [second, first] }),
      201,
      'bulletin',
    );
    expect(bulletin).toMatchObject({
      number: '2026-01',
      title: '社情民意专报',
      opinionIds: [second, first],
      compiledBy: c.ids.secretary,
      compiledByName: 'secretary',
    });
    expect(bulletin.opinions.map((o) => [o.title, o.authorName])).toEqual([
      ['关于社区食堂的建议', 'econ'],
      ['关于加装电梯的情况反映', 'econ'],
    ]);
    tick();
    const again = ok<BulletinDetail>(
      await compile({ title: '社情民意专报（二）', opinionIds: [first] }),
      201,
      'bulletin',
    );
    expect(again.number).toBe('2026-02');
    const o = ok(await c.as.econ.get(`/api/opinions/${first}`));
    expect(o.bulletins.map((b) => b.number)).toEqual(['2026-01', '2026-02']);

    // The chair records a leader's instruction; one dated tomorrow is refused.
    const instruction = { by: '李明（市长）', text: '请市住建局研究，简化审批流程。', date: '2026-12-01' };
    refusedWith(
      await c.as.chair.post(`/api/opinions/${first}/instructions`, { ...instruction, date: '2026-12-02' }),
      400,
      'VALIDATION',
      'date',
    );
    refusedWith(await c.as.econ.post(`/api/opinions/${first}/instructions`, instruction), 403, 'FORBIDDEN');
    tick();
    const instructed = ok(await c.as.chair.post(`/api/opinions/${first}/instructions`, instruction));
    expect(instructed.instructions).toEqual([
      { ...instruction, recordedBy: c.ids.chair, recordedAt: clock.now().toISOString() },
    ]);

    const econs = await told(c.as.econ);
    expect(econs.slice(0, 2)).toEqual([
      ['opinion_instructed', 'opinion', first, { by: '李明（市长）' }],
      ['opinion_in_bulletin', 'opinion', first, { number: '2026-02' }],
    ]);
    // The first bulletin told both authors' reports at once (in no particular order), after their adoption.
    expect(econs.slice(2, 4)).toHaveLength(2);
    expect(econs.slice(2, 4)).toEqual(
      expect.arrayContaining([
        ['opinion_in_bulletin', 'opinion', first, { number: '2026-01' }],
        ['opinion_in_bulletin', 'opinion', second, { number: '2026-01' }],
      ]),
    );
    expect(econs[4]).toEqual(['opinion_handled', 'opinion', second, { decision: 'adopted' }]);

    // Bulletins are the committee's leadership's: listed and read by the secretariat and the chair only.
    const pages = await allPages<BulletinsPage>(c.as.chair, `/api/orgs/${c.orgId}/bulletins`, 'limit=1');
    expect(pages.flatMap((p) => p.bulletins.map((b) => [b.number, b.opinions]))).toEqual([
      ['2026-02', 1],
      ['2026-01', 2],
    ]);
    expect(pages[0]!.total).toBe(2);
    refusedWith(await c.as.econ.get(`/api/orgs/${c.orgId}/bulletins`), 403, 'FORBIDDEN');
    refusedWith(await c.as.econ.get(`/api/bulletins/${bulletin.id}`), 404, 'NOT_FOUND');

    // Exported whole: the reports in order, with the instruction, signed by the committee.
    const url = (format: string) => `${c.server.url}/api/bulletins/${bulletin.id}/document?format=${format}&lang=zh-CN`;
    const docx = await download(url('docx'), c.as.secretary.cookie);
    expect(docx.status).toBe(200);
    const text = await docxText(docx.body);
    expect(text).toContain('社情民意专报');
    expect(text).toContain('2026年第1期');
    expect(text.indexOf('关于社区食堂的建议')).toBeLessThan(text.indexOf('关于加装电梯的情况反映'));
    expect(text).toContain('请市住建局研究，简化审批流程。');
    expect(text).toContain('江城市政协');
    const pdf = await download(url('pdf'), c.as.chair.cookie);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect((await pdfText(pdf.body)).replace(/\s+/g, '')).toContain('反映人：econ');
    expect((await download(url('pdf'), c.as.econ.cookie)).status).toBe(404);
  });

  it('lists a member’s own reports only, the committee’s all, with filters, pages and search', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await submitted(c.as.econ, { ...report, title: `电梯情况反映 ${i}` }));
    const farmers = await submitted(c.as.farmer, { ...report, title: '农村公路养护情况', body: '乡村道路年久失修。' });
    ok(await c.as.secretary.post(`/api/opinions/${ids[1]}/handle`, { decision: 'adopted', note: '' }));
    const list = `/api/orgs/${c.orgId}/opinions`;

    const all = await allPages<OpinionsPage>(c.as.secretary, list, 'limit=2');
    const seen = all.flatMap((p) => p.opinions.map((o) => o.id));
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    expect(all[0]!.total).toBe(6);
    // The one changed last comes first.
    expect(seen[0]).toBe(ids[1]);

    // A member reads their own, whatever they ask for.
    const farmersOwn = await c.as.farmer.get<OpinionsPage>(list);
    expect(farmersOwn.body.opinions.map((o) => o.id)).toEqual([farmers]);
    expect((await c.as.econ.get<OpinionsPage>(`${list}?limit=100`)).body.total).toBe(5);
    refusedWith(await c.as.official.get(list), 403, 'FORBIDDEN');
    refusedWith(await c.as.observer.get(list), 403, 'FORBIDDEN');
    const elsewhere = await otherCity(c);
    refusedWith(await elsewhere.member.get(list), 403, 'FORBIDDEN');

    const titles = async (query: string) =>
      (await c.as.chair.get<OpinionsPage>(`${list}?${query}`)).body.opinions.map((o) => o.title);
    expect(await titles('q=公路')).toEqual(['农村公路养护情况']);
    expect(await titles('q=年久 乡村')).toEqual(['农村公路养护情况']);
    expect(await titles('status=adopted')).toEqual(['电梯情况反映 1']);
    expect((await c.as.chair.get<OpinionsPage>(`${list}?mine=true`)).body.total).toBe(0);
    expect(await titles('year=2025')).toEqual([]);
    await expectRefused(c.as.secretary, list, [
      'limit=201',
      'status=lost',
      'cursor=' + encodeCursor('proposals', ['2026-12-01T08:00:00.000Z', 'x']),
      'unknown=1',
    ]);
  });

  it('is made from a proposal that was not accepted, once, by its author only', async () => {
    const proposal = {
      title: '关于建设社区养老服务中心的提案',
      reasons: '老龄化加快，社区养老服务不足。',
      suggestions: '每个街道建设一处养老服务中心。',
      category: 'society',
    };
    const pid = ok<{ id: string }>(
      await c.as.econ.post(`/api/orgs/${c.orgId}/proposals`, proposal),
      201,
      'proposal',
    ).id;
    ok(await c.as.econ.post(`/api/proposals/${pid}/cosigners`, { userId: c.ids.farmer }), 200, 'proposal');
    ok(await c.as.farmer.post(`/api/proposals/${pid}/cosign`), 200, 'proposal');
    ok(await c.as.econ.post(`/api/proposals/${pid}/submit`), 200, 'proposal');
    // Under review it cannot become a report yet.
    refusedWith(await c.as.econ.post(`/api/proposals/${pid}/opinion`, {}), 409, 'CONFLICT', 'wrong_status');
    const review = { decision: 'not_accepted', reason: '属于社情民意范围，建议转为社情民意信息。' };
    ok(await c.as.secretary.post(`/api/proposals/${pid}/review`, review), 200, 'proposal');
    tick();

    refusedWith(await c.as.farmer.post(`/api/proposals/${pid}/opinion`, {}), 403, 'FORBIDDEN');
    refusedWith(await c.as.econ.post(`/api/proposals/${pid}/opinion`, { consent: true }), 400, 'VALIDATION');
    const res = await c.as.econ.post<{ opinion: OpinionDetail; proposal: { convertedToOpinionId: string } }>(
      `/api/proposals/${pid}/opinion`,
      {},
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { opinion } = res.body;
    expect(opinion).toMatchObject({
      status: 'submitted',
      authorId: c.ids.econ,
      title: proposal.title,
      body: `${proposal.reasons}\n\n${proposal.suggestions}`,
      category: 'society',
      fromProposalId: pid,
      fromProposal: { id: pid, title: proposal.title },
    });
    expect(res.body.proposal.convertedToOpinionId).toBe(opinion.id);
    expect((await told(c.as.secretary))[0]).toEqual(['opinion_submitted', 'opinion', opinion.id, {}]);
    refusedWith(await c.as.econ.post(`/api/proposals/${pid}/opinion`, {}), 409, 'CONFLICT', 'already_converted');
    expect((await c.as.secretary.get<OpinionsPage>(`/api/orgs/${c.orgId}/opinions`)).body.total).toBe(1);
  });

  it('counts in its author’s duty record: submitted, adopted, instructed', async () => {
    const first = await adopted();
    await submitted();
    ok(
      await c.as.secretary.post(`/api/opinions/${first}/instructions`, {
        by: '市长',
        text: '阅。',
        date: '2026-11-30',
      }),
    );
    const res = await c.as.econ.get<DutyRecord>(`/api/orgs/${c.orgId}/duty/${c.ids.econ}?year=2026`);
    expect(res.status).toBe(200);
    expect(res.body.counts).toMatchObject({ opinionsSubmitted: 2, opinionsAdopted: 1, opinionsInstructed: 1 });
    expect(res.body.items.opinionsInstructed).toEqual([
      { kind: 'opinion', id: first, topicId: null, title: report.title, at: '2026-12-01T08:00:00.000Z' },
    ]);
    const farmers = await c.as.farmer.get<DutyRecord>(`/api/orgs/${c.orgId}/duty/${c.ids.farmer}?year=2026`);
    expect(farmers.body.counts.opinionsSubmitted).toBe(0);
  });

  it('takes one decision when two secretaries decide at once', async () => {
    const id = await submitted();
    const [a, b] = await Promise.all([
      c.as.secretary.post(`/api/opinions/${id}/handle`, { decision: 'adopted', note: '' }),
      c.as.secretary.post(`/api/opinions/${id}/handle`, { decision: 'not_adopted', note: '重复。' }),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const stored = ok(await c.as.econ.get(`/api/opinions/${id}`));
    const winner = a.status === 200 ? 'adopted' : 'not_adopted';
    expect(stored.status).toBe(winner);
    expect(await told(c.as.econ)).toEqual([['opinion_handled', 'opinion', id, { decision: winner }]]);
  });
});
