import { afterEach, describe, expect, it } from 'vitest';
import { DashboardLimits, type Dashboard } from '@yishi/protocol';
import { startCommittee, type Committee } from '../test/committee.js';

let c: Committee | undefined;
afterEach(async () => {
  await c?.server.dispose();
  c = undefined;
});

/** Throws with the answer when a request did not succeed; returns its body. */
async function ok(res: Promise<{ status: number; body: any }>): Promise<any> {
  const r = await res;
  if (r.status >= 300) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** A topic of the committee taken to preparation, where meetings may be scheduled. */
async function preparing(cm: Committee, orgId: string): Promise<string> {
  const id = (await ok(cm.as.chair.post('/api/topics', { orgId, title: '议题', summary: '摘要' }))).topic.id as string;
  await ok(cm.as.chair.post(`/api/topics/${id}/advance`, { to: 'vetting' }));
  await ok(
    cm.as.chair.request('PUT', `/api/topics/${id}/vetting`, {
      relevance: { answer: true, reason: '相关' },
      remit: { answer: true, reason: '在职能范围内' },
    }),
  );
  await ok(cm.as.chair.post(`/api/topics/${id}/advance`, { to: 'preparation' }));
  return id;
}

describe('the dashboard: meetings by form', () => {
  it('counts the meetings of the organisation and those below it starting in a year, by form and by mode', async () => {
    c = await startCommittee({ clock: { now: () => new Date('2026-06-01T08:00:00Z') } });
    const cm = c;
    const county = (await ok(cm.admin.post('/api/orgs', { name: '河西区政协', level: 'county', parentId: cm.orgId })))
      .org.id as string;
    const other = (await ok(cm.admin.post('/api/orgs', { name: '海城市政协', level: 'city' }))).org.id as string;
    const topicId = await preparing(cm, cm.orgId);
    const countyTopic = await preparing(cm, county);
    const schedule = (topic: string, startsAt: string, form: string, mode: string) =>
      ok(cm.as.secretary.post(`/api/topics/${topic}/meetings`, { title: '协商会', startsAt, form, mode }));
    await schedule(topicId, '2026-03-01T09:00:00+08:00', 'thematic', 'in_person');
    await schedule(topicId, '2026-04-01T09:00:00+08:00', 'counterpart', 'remote');
    await schedule(countyTopic, '2026-05-01T09:00:00+08:00', 'counterpart', 'hybrid');
    // The first half hour of 2026 in China is still 2025 in UTC; the last half hour of 2025 is not.
    await schedule(topicId, '2026-01-01T00:30:00+08:00', 'on_site', 'in_person');
    await schedule(topicId, '2025-12-31T23:30:00+08:00', 'sector', 'remote');

    const byForm = async (query: string) =>
      (await ok(cm.as.chair.get(`/api/dashboard?${query}`))).dashboard.meetingsByForm as Dashboard['meetingsByForm'];
    expect(await byForm(`orgId=${cm.orgId}`)).toEqual({
      year: 2026,
      total: 4,
      byForm: { thematic: 1, counterpart: 2, sector: 0, proposal: 0, remote: 0, on_site: 1 },
      byMode: { in_person: 2, remote: 1, hybrid: 1 },
    });
    expect(await byForm(`orgId=${cm.orgId}&year=2025`)).toEqual({
      year: 2025,
      total: 1,
      byForm: { thematic: 0, counterpart: 0, sector: 1, proposal: 0, remote: 0, on_site: 0 },
      byMode: { in_person: 0, remote: 1, hybrid: 0 },
    });
    // The county counts its own meeting only; another city none of these.
    expect((await byForm(`orgId=${county}`)).byForm.counterpart).toBe(1);
    expect((await byForm(`orgId=${county}`)).total).toBe(1);
    const outside = (await ok(cm.admin.get(`/api/dashboard?orgId=${other}`))).dashboard.meetingsByForm;
    expect(outside.total).toBe(0);

    for (const year of ['1999', '2101', '2026.5', 'this']) {
      const res = await cm.as.chair.get(`/api/dashboard?orgId=${cm.orgId}&year=${year}`);
      expect([year, res.status, res.body.error.code]).toEqual([year, 400, 'VALIDATION']);
    }
    expect((await cm.as.econ.get(`/api/dashboard?orgId=${cm.orgId}`)).status).toBe(403);
  });
});

describe('the dashboard: answers due', () => {
  it('lists the earliest due of the unanswered outcomes and counts them all', async () => {
    c = await startCommittee();
    const cm = c;
    const at = new Date().toISOString();
    // Stored as the procedure leaves a delivered outcome (fifty-odd through the procedure would take
    // a thousand requests); all but one due in the past.
    const due = (n: number) => (n === 0 ? '2099-12-31' : new Date(Date.UTC(2025, 0, n)).toISOString().slice(0, 10));
    const count = DashboardLimits.answersDue + 5;
    for (let n = 0; n < count; n++) {
      const id = (await ok(cm.as.chair.post('/api/topics', { orgId: cm.orgId, title: `议题${n}`, summary: '摘要' })))
        .topic.id as string;
      await cm.server.store.transaction(async (tx) => {
        const outcome = { form: 'recommendation' as const, departmentIds: [cm.departmentId], partyContactId: null };
        await tx.topics.setOutcome(id, { ...outcome, dueDate: due(n) }, at);
        expect(await tx.topics.moveStage(id, 'proposed', 'delivered', at, false)).toBe(true);
      });
    }
    const dashboard = (await ok(cm.as.secretary.get(`/api/dashboard?orgId=${cm.orgId}`))).dashboard as Dashboard;
    expect(dashboard.answersDue).toHaveLength(DashboardLimits.answersDue);
    // The earliest due first; the one due last is left out.
    expect(dashboard.answersDue.map((a) => a.title)).toEqual(
      Array.from({ length: DashboardLimits.answersDue }, (_, i) => `议题${i + 1}`),
    );
    expect(dashboard.answersDue[0]!.recipients).toEqual([{ id: cm.departmentId, name: '市发展改革委' }]);
    // 2025-01-01 … 2025-02-24 are past: all but the last are overdue.
    expect(dashboard.answersDueCount).toEqual({ total: count, overdue: count - 1 });
  });
});
