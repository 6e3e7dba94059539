import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry, AuditPage } from '@yishi/protocol';
import { closedTopic, otherCity, startCommittee, type Committee } from '../test/committee.js';
import { withTestDb } from '../test/stores.js';
import type { Db } from '../store/db.js';
import { TestClient } from '../test/harness.js';

/**
 * The audit log (docs/design.md, Audit): what the procedure, the room and the secretariat did, in
 * order, hash-chained per organisation; read by administrators and the secretariat only; a verify
 * that names the first entry changed or removed behind the server's back.
 */
let c: Committee | undefined;
afterEach(async () => {
  await c?.server.dispose();
  c = undefined;
});

const topic = { title: '优化营商环境', summary: '摘要', tags: ['营商环境'], draft: '建议一', measures: '落实' };

/** Every entry of the organisation's log, oldest first, read page by page. */
async function wholeLog(committee: Committee, pageSize = 7): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let before: number | null | undefined;
  do {
    const query = `limit=${pageSize}${before ? `&before=${before}` : ''}`;
    const res = await committee.as.secretary.get<AuditPage>(`/api/orgs/${committee.orgId}/audit?${query}`);
    expect(res.status).toBe(200);
    entries.push(...res.body.entries);
    before = res.body.next;
  } while (before);
  return entries.reverse();
}

/** Changes the stored log directly, as someone with access to the database could. */
const tamper = (committee: Committee, change: (db: Db) => Promise<unknown>) =>
  withTestDb(committee.server.dataDir, change);

describe('the audit log', () => {
  it('records each step of a topic, in order, by whom, linked by hashes', async () => {
    c = await startCommittee();
    const topicId = await closedTopic(c, topic);
    const log = await wholeLog(c);

    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    for (const [i, entry] of log.entries()) {
      expect(entry.prevHash).toBe(i === 0 ? '0'.repeat(64) : log[i - 1]!.hash);
    }
    const actions = log.map((e) => e.action);
    expect(actions[0]).toBe('org.created');
    expect(actions).toEqual(
      expect.arrayContaining([
        'topic.created',
        'topic.vetted',
        'participant.added',
        'research.added',
        'meeting.created',
        'meeting.opened',
        'speech.recorded',
        'meeting.ended',
        'queue.moderated',
        'outcome.set',
        'answer.recorded',
        'rating.recorded',
      ]),
    );
    const created = log.find((e) => e.action === 'topic.created')!;
    expect(created.actor).toEqual({ id: c.ids.econ, displayName: 'econ' });
    expect(created.subject).toEqual({ type: 'topic', id: topicId });
    const stages = log.filter((e) => e.action === 'topic.stage').map((e) => e.details.to);
    expect(stages).toEqual(['vetting', 'preparation', 'consultation', 'drafting', 'delivered', 'feedback', 'closed']);

    const verified = await c.as.secretary.get(`/api/orgs/${c.orgId}/audit/verify`);
    expect(verified.body).toEqual({ ok: true, entries: log.length });
  });

  it('names the people, topics and meetings its entries refer to, of its own organisation only', async () => {
    c = await startCommittee();
    const topicId = await closedTopic(c, topic);
    const { orgId: other, member: elsewhere } = await otherCity(c);
    const stranger = (await elsewhere.post('/api/topics', { orgId: other, title: '别处的议题', summary: '摘要' })).body
      .topic.id as string;
    // An entry that mentions another organisation's topic (none does today; the names must not leak it).
    await c.server.store.audit.append({
      log: c.orgId,
      at: new Date().toISOString(),
      actorId: c.ids.secretary,
      action: 'topic.created',
      subject: { type: 'topic', id: stranger },
      details: { title: '?' },
    });
    const page = (await c.as.secretary.get<AuditPage>(`/api/orgs/${c.orgId}/audit?limit=200`)).body;
    expect(page.names.topics).toEqual({ [topicId]: topic.title });
    const created = page.entries.find((e) => e.action === 'meeting.created')!;
    expect(page.names.meetings).toEqual({ [created.details.meetingId as string]: created.details.title });
    const outcome = page.entries.find((e) => e.action === 'outcome.set')!;
    expect(outcome.details.recipientDepartments).toEqual([{ id: c.departmentId, name: '市发展改革委' }]);
    expect(page.names.people).toMatchObject({
      [c.ids.econ]: 'econ',
      [c.ids.chair]: 'chair',
    });
    const speech = page.entries.find((e) => e.action === 'speech.recorded')!;
    expect(page.names.people[speech.details.speakerId as string]).toBeDefined();
  });

  it('records the secretariat’s work on members, sign-ins, and every official document exported', async () => {
    c = await startCommittee();
    const committee = c;
    const topicId = await closedTopic(committee, topic);
    const enrolled = await committee.admin.post(`/api/orgs/${committee.orgId}/members`, {
      login: 'newcomer',
      password: 'newcomer-test-password',
      displayName: '新委员',
      role: 'member',
    });
    const newcomer = enrolled.body.user.id as string;
    const member = `/api/orgs/${committee.orgId}/members/${newcomer}`;
    expect((await committee.as.secretary.request('PATCH', member, { sector: '经济界' })).status).toBe(200);
    expect((await committee.admin.post(`${member}/password`, { password: 'another-test-password' })).status).toBe(204);
    expect((await committee.admin.post(`${member}/unlock`)).status).toBe(204);
    const guest = new TestClient(committee.server.url);
    expect((await guest.post('/api/auth/login', { login: 'newcomer', password: 'wrong-password' })).status).toBe(401);
    expect((await guest.post('/api/auth/login', { login: 'nobody', password: 'wrong-password' })).status).toBe(401);
    expect((await guest.post('/api/auth/login', { login: 'newcomer', password: 'another-test-password' })).status).toBe(
      200,
    );
    const docx = await fetch(`${committee.server.url}/api/topics/${topicId}/outcome/document?format=docx`, {
      headers: { cookie: committee.as.chair.cookie! },
    });
    expect(docx.status).toBe(200);
    await docx.arrayBuffer();

    const log = await wholeLog(committee, 200);
    const about = (action: string) => log.filter((e) => e.action === action);
    expect(about('member.added').at(-1)).toMatchObject({ subject: { type: 'user', id: newcomer } });
    expect(about('member.changed').at(-1)).toMatchObject({ actor: { id: committee.ids.secretary } });
    expect(about('member.password_reset')).toHaveLength(1);
    expect(about('member.unlocked')).toHaveLength(1);
    expect(about('auth.refused').at(-1)).toMatchObject({ actor: null, details: { login: 'newcomer' } });
    expect(about('auth.signed_in').at(-1)).toMatchObject({ actor: { id: newcomer }, details: { login: 'newcomer' } });
    expect(about('document.exported')).toEqual([
      expect.objectContaining({
        actor: { id: committee.ids.chair, displayName: 'chair' },
        subject: { type: 'topic', id: topicId },
        details: { document: 'outcome', format: 'docx', lang: 'zh-CN' },
      }),
    ]);

    // What concerns no organisation: the setup, and a sign-in under a name nobody has.
    const site = (await committee.admin.get<AuditPage>('/api/audit?limit=200')).body.entries;
    expect(site.map((e) => e.action)).toEqual(expect.arrayContaining(['setup.done', 'auth.refused']));
    expect(site.find((e) => e.action === 'auth.refused')?.details).toMatchObject({ login: 'nobody' });
    expect((await committee.admin.get('/api/audit/verify')).body).toMatchObject({ ok: true });
  });

  it('filters by action and actor, and pages without repeating or skipping', async () => {
    c = await startCommittee();
    await closedTopic(c, topic);
    const all = await wholeLog(c, 200);
    expect(await wholeLog(c, 4)).toEqual(all);

    const byChair = await c.as.secretary.get<AuditPage>(`/api/orgs/${c.orgId}/audit?actor=${c.ids.chair}&limit=200`);
    expect(byChair.body.entries.length).toBeGreaterThan(0);
    expect(byChair.body.entries.every((e) => e.actor?.id === c!.ids.chair)).toBe(true);
    const stages = await c.as.secretary.get<AuditPage>(`/api/orgs/${c.orgId}/audit?action=topic.stage&limit=200`);
    expect(stages.body.entries).toHaveLength(7);

    for (const bad of ['limit=201', 'action=topic.deleted', 'before=0', 'unknown=1', 'from=yesterday']) {
      const res = await c.as.secretary.get(`/api/orgs/${c.orgId}/audit?${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
    }
  });

  it('is read by administrators and the secretariat, not by members, officials or the chair', async () => {
    c = await startCommittee();
    for (const reader of [c.admin, c.as.secretary]) {
      expect((await reader.get(`/api/orgs/${c.orgId}/audit`)).status).toBe(200);
      expect((await reader.get(`/api/orgs/${c.orgId}/audit/verify`)).status).toBe(200);
    }
    for (const who of ['econ', 'official', 'chair', 'observer'] as const) {
      expect((await c.as[who].get(`/api/orgs/${c.orgId}/audit`)).status, who).toBe(403);
      expect((await c.as[who].get(`/api/orgs/${c.orgId}/audit/verify`)).status, who).toBe(403);
    }
    expect((await c.as.secretary.get('/api/audit')).status).toBe(403);
    expect((await c.admin.get('/api/audit')).status).toBe(200);
    expect((await c.admin.get('/api/orgs/no-such-org/audit')).status).toBe(404);
  });

  it('names the first entry changed behind the server’s back', async () => {
    c = await startCommittee();
    await closedTopic(c, topic);
    const log = await wholeLog(c, 200);
    const target = log.find((e) => e.action === 'rating.recorded')!;
    await tamper(c, (db) =>
      db
        .updateTable('auditEntries')
        .set({ details: JSON.stringify({ ...target.details, score: 1 }) })
        .where('log', '=', c!.orgId)
        .where('seq', '=', target.seq)
        .execute(),
    );
    const verified = await c.as.secretary.get(`/api/orgs/${c.orgId}/audit/verify`);
    expect(verified.body).toEqual({ ok: false, entries: target.seq - 1, brokenAt: target.seq });
  });

  it('names the entry after one removed, and one whose hash was recomputed to hide a change', async () => {
    c = await startCommittee();
    await closedTopic(c, topic);
    await tamper(c, (db) => db.deleteFrom('auditEntries').where('log', '=', c!.orgId).where('seq', '=', 5).execute());
    expect((await c.as.secretary.get(`/api/orgs/${c.orgId}/audit/verify`)).body).toEqual({
      ok: false,
      entries: 4,
      brokenAt: 6,
    });
    // An entry rewritten with a matching hash of its own still breaks the link from the next one.
    await tamper(c, (db) =>
      db
        .updateTable('auditEntries')
        .set({ hash: 'f'.repeat(64) })
        .where('log', '=', c!.orgId)
        .where('seq', '=', 2)
        .execute(),
    );
    expect((await c.as.secretary.get(`/api/orgs/${c.orgId}/audit/verify`)).body).toEqual({
      ok: false,
      entries: 1,
      brokenAt: 2,
    });
  });

  it('keeps one unbroken chain when many actions are appended at once', async () => {
    c = await startCommittee();
    const committee = c;
    const created = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        committee.as[i % 2 === 0 ? 'econ' : 'teacher'].post('/api/topics', {
          orgId: committee.orgId,
          title: `议题${i}`,
          summary: '摘要',
        }),
      ),
    );
    expect(created.every((r) => r.status === 201)).toBe(true);
    const log = await wholeLog(committee, 200);
    expect(log.filter((e) => e.action === 'topic.created')).toHaveLength(12);
    expect((await committee.as.secretary.get(`/api/orgs/${committee.orgId}/audit/verify`)).body).toEqual({
      ok: true,
      entries: log.length,
    });
  });
});
