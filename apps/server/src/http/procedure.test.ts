import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { otherCity, startCommittee, writeDraft, type Committee } from '../test/committee.js';
import { TestClient } from '../test/harness.js';

let c: Committee;
beforeEach(async () => {
  c = await startCommittee();
});
afterEach(async () => {
  await c.server.dispose();
});

const unmetCodes = (res: { body: any }) => (res.body.error.details.unmet as { code: string }[]).map((u) => u.code);

async function expectBlocked(res: { status: number; body: any }, codes: string[]) {
  expect(res.status, JSON.stringify(res.body)).toBe(409);
  expect(res.body.error.code).toBe('GATE_BLOCKED');
  expect(unmetCodes(res)).toEqual(codes);
}

async function expectForbidden(res: { status: number; body: any }) {
  expect(res.status, JSON.stringify(res.body)).toBe(403);
  expect(res.body.error.code).toBe('FORBIDDEN');
}

async function propose() {
  const res = await c.as.econ.post('/api/topics', {
    orgId: c.orgId,
    title: '优化营商环境的若干建议',
    summary: '围绕中小企业融资难、审批慢的问题开展协商。',
    tags: ['营商环境', '经济界'],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.topic.id as string;
}

const advance = (who: keyof Committee['as'], id: string, to: string, reason?: string) =>
  c.as[who].post(`/api/topics/${id}/advance`, reason === undefined ? { to } : { to, reason });

describe('a topic walks from proposed to closed, and every gate holds on the way', () => {
  it('passes each gate only once it is met, with the right roles', async () => {
    expect((await c.as.observer.post('/api/topics', { orgId: c.orgId, title: 't', summary: 's' })).status).toBe(403);
    const id = await propose();
    const topic = (await c.as.econ.get(`/api/topics/${id}`)).body.topic;
    expect(topic).toMatchObject({ stage: 'proposed', tags: ['营商环境', '经济界'], proposer: { displayName: 'econ' } });
    expect(topic.steps.map((s: any) => s.status)).toEqual([
      'blocked',
      'blocked',
      'blocked',
      'blocked',
      'blocked',
      'blocked',
      'blocked',
      'blocked',
    ]);

    // Vetting (steps 1–2).
    await expectForbidden(await advance('econ', id, 'vetting'));
    expect((await advance('secretary', id, 'vetting')).status).toBe(200);
    await expectBlocked(await advance('chair', id, 'preparation'), ['relevance_yes', 'remit_yes']);
    await expectForbidden(
      await c.as.econ.request('PUT', `/api/topics/${id}/vetting`, {
        relevance: { answer: true, reason: '我认为相关' },
      }),
    );
    const vetted = await c.as.chair.request('PUT', `/api/topics/${id}/vetting`, {
      relevance: { answer: true, reason: '契合党委政府优化营商环境的中心工作' },
      remit: { answer: false, reason: '需先确认是否属于政协职能范围' },
    });
    expect(vetted.status).toBe(200);
    expect(vetted.body.topic.steps.slice(0, 2).map((s: any) => s.status)).toEqual(['done', 'blocked']);
    await expectBlocked(await advance('chair', id, 'preparation'), ['remit_yes']);
    await c.as.chair.request('PUT', `/api/topics/${id}/vetting`, {
      remit: { answer: true, reason: '属于政协履职范围' },
    });
    expect((await advance('chair', id, 'preparation')).status).toBe(200);

    // Preparation (steps 3–4): meetings can be scheduled but not opened; research comes first.
    const meeting = await c.as.secretary.post(`/api/topics/${id}/meetings`, {
      title: '第一次专题协商会',
      startsAt: '2026-12-10T09:00:00+08:00',
    });
    expect(meeting.status).toBe(201);
    const meetingId = meeting.body.meeting.id as string;
    await expectBlocked(await c.as.chair.post(`/api/meetings/${meetingId}/open`), [
      'stage_consultation',
      'research_report',
    ]);
    await expectBlocked(await advance('chair', id, 'consultation'), ['participant_assessed', 'research_report']);

    const suggestions = (await c.as.secretary.get(`/api/topics/${id}/participants/suggestions`)).body.suggestions;
    expect(suggestions[0]).toMatchObject({ userId: c.ids.econ, score: 5 });
    expect(suggestions[0].reasons).toEqual([
      { kind: 'expertise', value: '营商环境', tag: '营商环境' },
      { kind: 'sector', value: '经济界', tag: '经济界' },
    ]);
    expect(suggestions.map((s: any) => s.userId)).toContain(c.ids.teacher);
    expect(suggestions.map((s: any) => s.userId)).not.toContain(c.ids.farmer);

    await expectForbidden(
      await c.as.econ.post(`/api/topics/${id}/participants`, { userId: c.ids.econ, assessment: '' }),
    );
    await c.as.secretary.post(`/api/topics/${id}/participants`, { userId: c.ids.econ, assessment: '' });
    await expectBlocked(await advance('chair', id, 'consultation'), [
      'participant_assessed',
      'participants_all_noted',
      'research_report',
    ]);
    await c.as.secretary.post(`/api/topics/${id}/participants`, {
      userId: c.ids.teacher,
      assessment: '长期关注职业教育与就业',
    });
    await c.as.secretary.post(`/api/topics/${id}/participants`, {
      userId: c.ids.official,
      assessment: '市发改委分管同志',
    });
    await expectBlocked(await advance('chair', id, 'consultation'), ['participants_all_noted', 'research_report']);
    await c.as.secretary.post(`/api/topics/${id}/participants`, { userId: c.ids.econ, assessment: '熟悉中小企业融资' });
    const research = await c.as.econ.post(`/api/topics/${id}/research`, {
      title: '关于中小企业融资情况的调研报告',
      summary: '走访企业 40 家',
      body: '## 主要发现\n\n- 融资渠道单一',
      date: '2026-11-20',
    });
    expect(research.status).toBe(201);
    expect(research.body.topic.research[0]).toMatchObject({
      title: '关于中小企业融资情况的调研报告',
      authors: ['econ'],
    });
    expect((await advance('chair', id, 'consultation')).status).toBe(200);

    // Consultation (step 5): the topic leaves it only after a meeting with two distinct speakers.
    await expectForbidden(await c.as.econ.post(`/api/meetings/${meetingId}/open`));
    expect((await c.as.chair.get(`/api/topics/${id}`)).body.topic.meetingGate).toEqual([]);
    expect((await c.as.chair.post(`/api/meetings/${meetingId}/open`)).body.meeting.status).toBe('open');
    await expectBlocked(await advance('chair', id, 'drafting'), [
      'meeting_with_speakers',
      'official_exchange',
      'no_open_meeting',
    ]);
    const speech = (speakerId: string, minute: number, kind = 'speech') =>
      c.as.secretary.post(`/api/meetings/${meetingId}/speeches`, {
        speakerId,
        kind,
        startedAt: `2026-12-10T09:${String(minute).padStart(2, '0')}:00+08:00`,
        endedAt: `2026-12-10T09:${String(minute + 3).padStart(2, '0')}:00+08:00`,
      });
    expect((await speech(c.ids.econ, 5)).body.speech).toMatchObject({
      durationSeconds: 180,
      speaker: { displayName: 'econ' },
    });
    await speech(c.ids.econ, 10);
    expect((await c.as.chair.post(`/api/meetings/${meetingId}/close`)).body.meeting).toMatchObject({
      status: 'ended',
      distinctSpeakers: 1,
    });
    await expectBlocked(await advance('chair', id, 'drafting'), ['meeting_with_speakers', 'official_exchange']);
    await speech(c.ids.teacher, 20);
    // An official of the departments concerned takes part: one of them must have answered (要三).
    await expectBlocked(await advance('chair', id, 'drafting'), ['official_exchange']);
    await speech(c.ids.econ, 30, 'question');
    await speech(c.ids.official, 35, 'answer');
    expect((await advance('secretary', id, 'drafting')).status).toBe(200);

    // Drafting → delivered (steps 6–7): form, non-empty draft, recipients and a due date.
    await expectBlocked(await advance('chair', id, 'delivered'), [
      'outcome_form_set',
      'draft_not_empty',
      'recipients_set',
      'due_date_set',
    ]);
    const other = await otherCity(c);
    const theirs = (await c.admin.post(`/api/orgs/${other.orgId}/departments`, { name: '别市住建局' })).body.department;
    for (const [body, path] of [
      [{ recipientDepartmentIds: [theirs.id], dueDate: '2099-03-31' }, 'recipientDepartmentIds.0'],
      [{ recipientDepartmentIds: [c.ids.official], dueDate: '2099-03-31' }, 'recipientDepartmentIds.0'],
      [{ recipientDepartmentIds: [c.departmentId], dueDate: '2020-03-31' }, 'dueDate'],
      [{ recipients: [c.ids.official], dueDate: '2099-03-31' }, 'recipients'],
    ] as const) {
      const refused = await c.as.chair.request('PUT', `/api/topics/${id}/outcome`, { form: 'recommendation', ...body });
      expect(refused.status, path).toBe(400);
      expect(
        refused.body.error.details.map((d: { path: string }) => d.path),
        path,
      ).toContain(path);
    }
    // The party contact's rating stands beside the chair's: not the chair, not an observer, not an
    // official of a recipient department.
    for (const ineligible of [c.ids.chair, c.ids.observer, c.ids.official]) {
      const refused = await c.as.chair.request('PUT', `/api/topics/${id}/outcome`, {
        form: 'recommendation',
        recipientDepartmentIds: [c.departmentId],
        dueDate: '2099-03-31',
        partyContactId: ineligible,
      });
      expect(refused.status).toBe(400);
      expect(refused.body.error.details).toMatchObject([{ path: 'partyContactId' }]);
    }
    expect((await c.as.chair.get(`/api/topics/${id}`)).body.topic.outcome.recipients).toEqual([]);
    const outcome = await c.as.chair.request('PUT', `/api/topics/${id}/outcome`, {
      form: 'recommendation',
      recipientDepartmentIds: [c.departmentId],
      dueDate: '2099-03-31',
      partyContactId: c.ids.contact,
    });
    expect(outcome.body.topic.outcome).toMatchObject({
      form: 'recommendation',
      recipients: [{ id: c.departmentId, name: '市发展改革委' }],
      dueDate: '2099-03-31',
      draftNonEmpty: false,
    });
    await expectBlocked(await advance('chair', id, 'delivered'), ['draft_not_empty']);
    await writeDraft(c.server, id, '建议设立中小企业应急转贷资金池。');
    expect((await advance('chair', id, 'delivered')).body.topic.stage).toBe('delivered');
    const versions = await c.server.store.docs.versions(`draft:${id}`);
    expect(versions.map((v) => v.kind)).toEqual(['final']);

    // Feedback (step 8): an official of the recipient department answers (not the chair, not an
    // official of another department), then the chair and the party contact rate.
    await expectForbidden(
      await c.as.chair.post(`/api/topics/${id}/answer`, { decision: 'adopted', measures: 'x', reason: '' }),
    );
    const elsewhere = (await c.admin.post(`/api/orgs/${c.orgId}/departments`, { name: '市财政局' })).body.department;
    await c.admin.post(`/api/orgs/${c.orgId}/members`, {
      login: 'finance',
      password: 'finance-password',
      displayName: 'finance',
      role: 'official',
      departmentId: elsewhere.id,
    });
    const finance = new TestClient(c.server.url);
    await finance.post('/api/auth/login', { login: 'finance', password: 'finance-password' });
    await expectForbidden(
      await finance.post(`/api/topics/${id}/answer`, { decision: 'adopted', measures: 'x', reason: '' }),
    );
    const answered = await c.as.official.post(`/api/topics/${id}/answer`, {
      decision: 'partly_adopted',
      measures: '已设立 2 亿元转贷资金池',
      reason: '审批流程改革需省级授权',
    });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body.topic.stage).toBe('feedback');
    await expectBlocked(await advance('chair', id, 'closed'), ['chair_rating', 'party_contact_rating']);
    await expectForbidden(await c.as.econ.post(`/api/topics/${id}/ratings`, { score: 5, comment: '' }));
    await c.as.chair.post(`/api/topics/${id}/ratings`, { score: 4, comment: '主席得意' });
    await expectBlocked(await advance('chair', id, 'closed'), ['party_contact_rating']);
    await c.as.contact.post(`/api/topics/${id}/ratings`, { score: 5, comment: '书记满意' });
    const closed = await advance('secretary', id, 'closed');
    expect(closed.body.topic.stage).toBe('closed');
    expect(closed.body.topic.steps.every((s: any) => s.status === 'done')).toBe(true);

    // Every transition is in the history, with who, from, to; nothing leaves closed.
    const history = closed.body.topic.history.map((h: any) => [h.from, h.to, h.actor.displayName]);
    expect(history).toEqual([
      ['proposed', 'vetting', 'secretary'],
      ['vetting', 'preparation', 'chair'],
      ['preparation', 'consultation', 'chair'],
      ['consultation', 'drafting', 'secretary'],
      ['drafting', 'delivered', 'chair'],
      ['delivered', 'feedback', 'official'],
      ['feedback', 'closed', 'secretary'],
    ]);
    const after = await advance('chair', id, 'withdrawn', 'too late');
    expect(after.status).toBe(409);
    expect(after.body.error.code).toBe('CONFLICT');
  });
});

describe('side exits and reopening', () => {
  it('rejects only after a "no", with a reason everyone can read', async () => {
    const id = await propose();
    await advance('chair', id, 'vetting');
    await expectBlocked(await advance('chair', id, 'rejected', '不属于本届重点'), ['vetting_has_no']);
    await c.as.chair.request('PUT', `/api/topics/${id}/vetting`, {
      relevance: { answer: false, reason: '与当前中心工作关联不大' },
    });
    const noReason = await advance('chair', id, 'rejected');
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.code).toBe('VALIDATION');
    expect((await advance('chair', id, 'rejected', '与当前中心工作关联不大')).body.topic.stage).toBe('rejected');
    const seen = (await c.as.econ.get(`/api/topics/${id}`)).body.topic;
    expect(seen.history.at(-1)).toMatchObject({ to: 'rejected', reason: '与当前中心工作关联不大' });
  });

  it('lets the proposer withdraw early, but not another member', async () => {
    const id = await propose();
    await expectForbidden(await advance('farmer', id, 'withdrawn', '不想做了'));
    expect((await advance('econ', id, 'withdrawn', '已由其他渠道解决')).body.topic.stage).toBe('withdrawn');
  });

  it('hides topics from people outside the organisation, and validates every body', async () => {
    const id = await propose();
    const other = (await c.admin.post('/api/orgs', { name: '别的市', level: 'city' })).body.org.id;
    await c.admin.post(`/api/orgs/${other}/members`, {
      login: 'outsider',
      password: 'outsider-password',
      displayName: 'outsider',
      role: 'member',
    });
    const { TestClient } = await import('../test/harness.js');
    const outsider = new TestClient(c.server.url);
    await outsider.post('/api/auth/login', { login: 'outsider', password: 'outsider-password' });
    await expectForbidden(await outsider.get(`/api/topics/${id}`));
    expect((await outsider.get('/api/topics')).body.topics).toEqual([]);

    for (const body of [{ to: 'nowhere' }, { to: 'vetting', extra: 1 }, { to: 'vetting', reason: 42 }]) {
      const res = await c.as.chair.post(`/api/topics/${id}/advance`, body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
    }
    expect((await c.as.chair.get(`/api/topics/${id}`)).body.topic.stage).toBe('proposed');
    expect((await c.as.chair.post('/api/topics', { orgId: c.orgId, title: '', summary: 's' })).status).toBe(400);
    expect((await c.as.chair.get('/api/topics')).body.topics).toHaveLength(1);
  });

  it('lists topics by stage, tag and year', async () => {
    const a = await propose();
    await c.as.farmer.post('/api/topics', { orgId: c.orgId, title: '乡村振兴', summary: 's', tags: ['乡村振兴'] });
    await advance('chair', a, 'vetting');
    const list = async (q: string) => (await c.as.chair.get(`/api/topics${q}`)).body.topics.map((t: any) => t.title);
    expect(await list('?stage=vetting')).toEqual(['优化营商环境的若干建议']);
    expect(await list(`?tag=${encodeURIComponent('乡村振兴')}`)).toEqual(['乡村振兴']);
    expect(await list(`?orgId=${c.orgId}&year=${new Date().getUTCFullYear()}`)).toHaveLength(2);
    expect(await list('?year=2001')).toEqual([]);
    expect((await c.as.chair.get('/api/topics?stage=bogus')).status).toBe(400);
  });

  it('uses the organisation’s gate settings', async () => {
    const set = await c.as.secretary.request('PUT', `/api/orgs/${c.orgId}/settings`, { minResearchReports: 2 });
    expect(set.body.settings).toEqual({ minResearchReports: 2, minDistinctSpeakers: 2, requireOfficialExchange: true });
    await expectForbidden(await c.as.econ.request('PUT', `/api/orgs/${c.orgId}/settings`, { minResearchReports: 0 }));
    expect((await c.as.econ.get(`/api/orgs/${c.orgId}/settings`)).body.settings).toEqual({
      minResearchReports: 2,
      minDistinctSpeakers: 2,
      requireOfficialExchange: true,
    });
    const id = await propose();
    expect((await c.as.chair.get(`/api/topics/${id}`)).body.topic.settings.minResearchReports).toBe(2);
  });
});

describe('the exchange with the departments (要三)', () => {
  /** A topic in consultation with an official among its participants, and a meeting ended with two members speaking. */
  async function silentDepartment(): Promise<string> {
    const id = await propose();
    await advance('chair', id, 'vetting');
    await c.as.chair.request('PUT', `/api/topics/${id}/vetting`, {
      relevance: { answer: true, reason: '相关' },
      remit: { answer: true, reason: '在职能范围内' },
    });
    await advance('chair', id, 'preparation');
    for (const who of ['econ', 'teacher', 'official'] as const) {
      await c.as.chair.post(`/api/topics/${id}/participants`, { userId: c.ids[who], assessment: '熟悉情况' });
    }
    await c.as.chair.post(`/api/topics/${id}/research`, { title: '调研', summary: '摘要', body: '正文' });
    await advance('chair', id, 'consultation');
    const meetingId = (
      await c.as.chair.post(`/api/topics/${id}/meetings`, { title: '协商会', startsAt: '2026-12-01T09:00:00Z' })
    ).body.meeting.id;
    await c.as.chair.post(`/api/meetings/${meetingId}/open`);
    for (const [who, minute] of [
      ['econ', 10],
      ['teacher', 20],
    ] as const) {
      await c.as.secretary.post(`/api/meetings/${meetingId}/speeches`, {
        speakerId: c.ids[who],
        kind: 'reply',
        startedAt: `2026-12-01T09:${minute}:00Z`,
        endedAt: `2026-12-01T09:${minute + 4}:00Z`,
      });
    }
    await c.as.chair.post(`/api/meetings/${meetingId}/close`);
    return id;
  }
  const why = '市发改委书面答复了委员的问题，未能到会';

  it('keeps a topic in consultation until the chair records why no official answered', async () => {
    const id = await silentDepartment();
    // Members replying to each other is not an exchange with the departments.
    await expectBlocked(await advance('chair', id, 'drafting'), ['official_exchange']);
    const before = (await c.as.chair.get(`/api/topics/${id}`)).body.topic;
    expect(before.next.find((n: { to: string }) => n.to === 'drafting').waivable).toEqual(['official_exchange']);
    expect(before.steps.find((s: { step: number }) => s.step === 5).status).toBe('open');

    const waive = (who: 'chair' | 'secretary', body: object) =>
      c.as[who].post(`/api/topics/${id}/advance`, { to: 'drafting', waive: ['official_exchange'], ...body });
    expect((await waive('chair', {})).body.error.code).toBe('VALIDATION');
    await expectForbidden(await waive('secretary', { reason: why }));
    const bad = await waive('chair', { reason: why, waive: ['meeting_with_speakers'] });
    expect(bad.status).toBe(400);
    expect((await c.as.chair.get(`/api/topics/${id}`)).body.topic.stage).toBe('consultation');

    const done = await waive('chair', { reason: why });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const topic = done.body.topic;
    expect(topic.stage).toBe('drafting');
    expect(topic.history.at(-1)).toMatchObject({
      from: 'consultation',
      to: 'drafting',
      reason: why,
      waived: ['official_exchange'],
      actor: { id: c.ids.chair },
    });
    // The step reads as done, by the exception the history keeps.
    expect(topic.steps.find((s: { step: number }) => s.step === 5)).toMatchObject({ status: 'done', unmet: [] });
    const audit = await c.as.secretary.get(`/api/orgs/${c.orgId}/audit?action=topic.stage`);
    expect(audit.body.entries[0].details).toMatchObject({ to: 'drafting', reason: why, waived: ['official_exchange'] });
  });

  it('is the organisation’s to turn off', async () => {
    const id = await silentDepartment();
    const off = await c.as.secretary.request('PUT', `/api/orgs/${c.orgId}/settings`, {
      requireOfficialExchange: false,
    });
    expect(off.body.settings.requireOfficialExchange).toBe(false);
    try {
      expect((await advance('chair', id, 'drafting')).body.topic.stage).toBe('drafting');
    } finally {
      await c.as.secretary.request('PUT', `/api/orgs/${c.orgId}/settings`, { requireOfficialExchange: true });
    }
  });
});

describe('withdrawing a topic in consultation', () => {
  it('ends its open meeting', async () => {
    const id = await propose();
    await advance('chair', id, 'vetting');
    await c.as.chair.request('PUT', `/api/topics/${id}/vetting`, {
      relevance: { answer: true, reason: '相关' },
      remit: { answer: true, reason: '在职能范围内' },
    });
    await advance('chair', id, 'preparation');
    await c.as.chair.post(`/api/topics/${id}/participants`, { userId: c.ids.econ, assessment: '熟悉情况' });
    await c.as.chair.post(`/api/topics/${id}/research`, { title: '调研', summary: '摘要', body: '正文' });
    await advance('chair', id, 'consultation');
    const meetingId = (
      await c.as.chair.post(`/api/topics/${id}/meetings`, { title: '协商会', startsAt: '2026-12-01T09:00:00Z' })
    ).body.meeting.id;
    await c.as.chair.post(`/api/meetings/${meetingId}/open`);
    expect((await advance('chair', id, 'withdrawn', '情况已变化')).body.topic.stage).toBe('withdrawn');
    expect((await c.as.chair.get(`/api/meetings/${meetingId}`)).body.meeting.status).toBe('ended');
  });
});
