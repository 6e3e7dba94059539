import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProposalDetail, ProposalsPage } from '@yishi/protocol';
import { encodeCursor } from '../services/pages.js';
import { otherCity, financeDepartment, startCommittee, type Committee } from '../test/committee.js';
import { movableClock, TestClient, type HttpResult } from '../test/harness.js';
import { docxText, download, pdfText } from '../test/documents.js';
import { allPages, expectRefused } from '../test/pages.js';

/**
 * Proposals (提案, docs/design.md §6) over HTTP, as each role would: a member files one with
 * co-signers, the secretariat reviews it, the departments reply, the author assesses the replies.
 * The committee's clock stands on 2026-12-01.
 */
let c: Committee;
let finance: { id: string; official: TestClient };
const clock = movableClock('2026-12-01T08:00:00Z');
beforeEach(async () => {
  clock.set('2026-12-01T08:00:00Z');
  c = await startCommittee({ clock });
  finance = await financeDepartment(c);
});
afterEach(async () => {
  await c.server.dispose();
});

const draft = {
  title: '关于加快老旧小区加装电梯的提案',
  reasons: '老旧小区居民出行难，加装电梯协调难、资金难。',
  suggestions: '建立资金分摊指引，简化审批流程。',
  category: 'society',
};

function ok(res: HttpResult<any>, status = 200): ProposalDetail {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body.proposal as ProposalDetail;
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

/** Signs the cast in again after the clock moved past their sessions' idle limit. */
async function signInAgain(...who: ('econ' | 'secretary')[]) {
  for (const login of who) await c.as[login].post('/api/auth/login', { login, password: `${login}-password` });
}

async function filed(who = c.as.econ, body: object = draft): Promise<string> {
  return ok(await who.post(`/api/orgs/${c.orgId}/proposals`, body), 201).id;
}

async function submitted(title = draft.title): Promise<string> {
  const id = await filed(c.as.econ, { ...draft, title });
  ok(await c.as.econ.post(`/api/proposals/${id}/submit`));
  return id;
}

const accept = (id: string, more: object = {}) =>
  c.as.secretary.post(`/api/proposals/${id}/review`, {
    decision: 'accepted',
    leadDepartmentId: c.departmentId,
    coDepartmentIds: [finance.id],
    dueDate: '2027-03-01',
    ...more,
  });

describe('a proposal', () => {
  it('goes from a member’s draft with co-signers through review, replies and assessment to closed', async () => {
    const id = await filed();
    // A draft is its author's and invitees' only.
    for (const who of [c.as.farmer, c.as.secretary, c.as.chair])
      expect((await who.get(`/api/proposals/${id}`)).status).toBe(404);
    let p = ok(await c.as.econ.post(`/api/proposals/${id}/cosigners`, { userId: c.ids.farmer }));
    p = ok(await c.as.econ.post(`/api/proposals/${id}/cosigners`, { userId: c.ids.teacher }));
    expect(p.cosigners.map((s) => [s.userId, s.confirmedAt])).toEqual([
      [c.ids.farmer, null],
      [c.ids.teacher, null],
    ]);
    expect(ok(await c.as.farmer.get(`/api/proposals/${id}`)).actions).toEqual(['cosign', 'decline_cosign']);
    refusedWith(await c.as.econ.post(`/api/proposals/${id}/submit`), 409, 'CONFLICT', 'pending_cosigners');
    ok(await c.as.farmer.post(`/api/proposals/${id}/cosign`));
    // Declining ends the teacher's part: the draft is no longer theirs to read.
    expect((await c.as.teacher.request('DELETE', `/api/proposals/${id}/cosigners/${c.ids.teacher}`)).status).toBe(204);
    expect((await c.as.teacher.get(`/api/proposals/${id}`)).status).toBe(404);
    p = ok(await c.as.econ.post(`/api/proposals/${id}/submit`));
    expect(p).toMatchObject({ status: 'submitted', number: null, submittedAt: '2026-12-01T08:00:00.000Z' });
    expect(p.cosigners.map((s) => s.userId)).toEqual([c.ids.farmer]);
    // Submitted, it is read by the organisation.
    expect(ok(await c.as.observer.get(`/api/proposals/${id}`)).actions).toEqual([]);
    expect(ok(await c.as.secretary.get(`/api/proposals/${id}`)).actions).toEqual(['review']);

    p = ok(await accept(id));
    expect(p).toMatchObject({
      status: 'handling',
      number: '2026-0001',
      leadDepartmentId: c.departmentId,
      coDepartmentIds: [finance.id],
      dueDate: '2027-03-01',
      round: 1,
    });
    expect(p.names.departments).toEqual({ [c.departmentId]: '市发展改革委', [finance.id]: '市财政局' });
    // The co-department answers first; the lead department's reply completes the round.
    p = ok(
      await finance.official.post(`/api/proposals/${id}/reply`, {
        departmentId: finance.id,
        classification: 'B',
        body: '纳入明年预算。',
      }),
    );
    expect(p.status).toBe('handling');
    const lead = { departmentId: c.departmentId, classification: 'A', body: '已出台资金分摊指引。' };
    p = ok(await c.as.official.post(`/api/proposals/${id}/reply`, lead));
    expect(p.status).toBe('replied');
    refusedWith(
      await c.as.farmer.post(`/api/proposals/${id}/assessment`, { satisfaction: 'satisfied', comment: '' }),
      403,
      'FORBIDDEN',
    );
    // Unsatisfied: back to the departments once.
    p = ok(
      await c.as.econ.post(`/api/proposals/${id}/assessment`, {
        satisfaction: 'unsatisfied',
        comment: '审批仍然繁琐。',
      }),
    );
    expect(p).toMatchObject({ status: 'handling', round: 2 });
    p = ok(await c.as.official.post(`/api/proposals/${id}/reply`, { ...lead, body: '审批时限压缩一半。' }));
    expect(p.status).toBe('replied');
    p = ok(
      await c.as.econ.post(`/api/proposals/${id}/assessment`, { satisfaction: 'basically_satisfied', comment: '' }),
    );
    expect(p).toMatchObject({ status: 'closed', closedAt: '2026-12-01T08:00:00.000Z' });
    expect(p.replies.map((r) => [r.round, p.names.departments[r.departmentId]])).toEqual([
      [1, '市财政局'],
      [1, '市发展改革委'],
      [2, '市发展改革委'],
    ]);
    // The chair flags it as a key proposal, even closed.
    refusedWith(await c.as.secretary.post(`/api/proposals/${id}/key`, { key: true }), 403, 'FORBIDDEN');
    expect(ok(await c.as.chair.post(`/api/proposals/${id}/key`, { key: true })).key).toBe(true);

    const log = (await c.admin.get(`/api/orgs/${c.orgId}/audit?limit=50`)).body.entries as {
      action: string;
      subject: { id: string } | null;
    }[];
    expect(
      log
        .filter((e) => e.subject?.id === id)
        .map((e) => e.action)
        .reverse(),
    ).toEqual([
      'proposal.created',
      'proposal.cosigner_invited',
      'proposal.cosigner_invited',
      'proposal.cosigned',
      'proposal.cosigner_removed',
      'proposal.submitted',
      'proposal.reviewed',
      'proposal.replied',
      'proposal.replied',
      'proposal.assessed',
      'proposal.replied',
      'proposal.assessed',
      'proposal.flagged',
    ]);
  });

  it('is filed only by a member, with its fields whole and known, and changes nothing when refused', async () => {
    for (const who of [c.as.official, c.as.observer, c.as.chair, c.as.secretary]) {
      refusedWith(await who.post(`/api/orgs/${c.orgId}/proposals`, draft), 403, 'FORBIDDEN', 'not_member');
    }
    const other = await otherCity(c);
    expect((await other.member.post(`/api/orgs/${c.orgId}/proposals`, draft)).status).toBe(403);
    refusedWith(
      await c.as.econ.post(`/api/orgs/${c.orgId}/proposals`, { ...draft, title: ' ' }),
      400,
      'VALIDATION',
      'title',
    );
    refusedWith(
      await c.as.econ.post(`/api/orgs/${c.orgId}/proposals`, { ...draft, title: '题'.repeat(201) }),
      400,
      'VALIDATION',
      'title',
    );
    refusedWith(
      await c.as.econ.post(`/api/orgs/${c.orgId}/proposals`, { ...draft, category: 'sports' }),
      400,
      'VALIDATION',
      'category',
    );
    refusedWith(
      await c.as.econ.post(`/api/orgs/${c.orgId}/proposals`, { ...draft, number: '2026-0001' }),
      400,
      'VALIDATION',
      'number',
    );
    expect((await c.as.econ.get<ProposalsPage>(`/api/orgs/${c.orgId}/proposals?mine=true`)).body.total).toBe(0);

    const id = await filed();
    const before = ok(await c.as.econ.get(`/api/proposals/${id}`));
    refusedWith(await c.as.farmer.patch(`/api/proposals/${id}`, { title: '改' }), 404, 'NOT_FOUND');
    refusedWith(await c.as.econ.patch(`/api/proposals/${id}`, {}), 400, 'VALIDATION');
    refusedWith(
      await c.as.econ.post(`/api/proposals/${id}/cosigners`, { userId: c.ids.official }),
      400,
      'VALIDATION',
      'userId',
    );
    refusedWith(
      await c.as.econ.post(`/api/proposals/${id}/cosigners`, { userId: c.ids.econ }),
      400,
      'VALIDATION',
      'userId',
    );
    refusedWith(
      await c.as.econ.post(`/api/proposals/${id}/cosigners`, { userId: other.memberId }),
      400,
      'VALIDATION',
      'userId',
    );
    refusedWith(await c.as.econ.post(`/api/proposals/${id}/review`, { decision: 'accepted' }), 403, 'FORBIDDEN');
    expect(ok(await c.as.econ.get(`/api/proposals/${id}`))).toEqual(before);
    const edited = ok(await c.as.econ.patch(`/api/proposals/${id}`, { title: '关于老旧小区加装电梯的提案' }));
    expect(edited).toMatchObject({ title: '关于老旧小区加装电梯的提案', reasons: draft.reasons });
  });

  it('is reviewed only by the secretariat, with a lead department of its organisation and a due date ahead', async () => {
    const id = await submitted();
    const before = ok(await c.as.secretary.get(`/api/proposals/${id}`));
    for (const who of [c.as.chair, c.as.econ, c.as.official]) {
      const res = await who.post(`/api/proposals/${id}/review`, { decision: 'not_accepted', reason: '不属于职责' });
      refusedWith(res, 403, 'FORBIDDEN');
    }
    const theirs = (await c.admin.post(`/api/orgs/${(await otherCity(c)).orgId}/departments`, { name: '别市住建局' }))
      .body.department.id;
    refusedWith(await accept(id, { leadDepartmentId: theirs }), 400, 'VALIDATION', 'leadDepartmentId');
    refusedWith(await accept(id, { dueDate: '2026-12-01' }), 400, 'VALIDATION', 'dueDate');
    refusedWith(await accept(id, { coDepartmentIds: [c.departmentId] }), 400, 'VALIDATION', 'coDepartmentIds');
    refusedWith(
      await c.as.secretary.post(`/api/proposals/${id}/review`, { decision: 'not_accepted' }),
      400,
      'VALIDATION',
      'reason',
    );
    refusedWith(
      await c.as.secretary.post(`/api/proposals/${id}/review`, { decision: 'merged', mergedInto: id }),
      400,
      'VALIDATION',
      'mergedInto',
    );
    expect(ok(await c.as.secretary.get(`/api/proposals/${id}`))).toEqual(before);
    // A refused acceptance used no number.
    expect(ok(await accept(id)).number).toBe('2026-0001');
  });

  it('is answered by the officials of its departments only, once per department and round', async () => {
    const id = await submitted();
    ok(await accept(id));
    const body = { departmentId: c.departmentId, classification: 'A', body: '已落实。' };
    refusedWith(await c.as.econ.post(`/api/proposals/${id}/reply`, body), 403, 'FORBIDDEN');
    refusedWith(
      await finance.official.post(`/api/proposals/${id}/reply`, body),
      403,
      'FORBIDDEN',
      'not_your_department',
    );
    refusedWith(
      await c.as.official.post(`/api/proposals/${id}/reply`, { ...body, classification: 'D' }),
      400,
      'VALIDATION',
      'classification',
    );
    const elsewhere = (await c.admin.post(`/api/orgs/${c.orgId}/departments`, { name: '市教育局' })).body.department.id;
    await c.admin.post(`/api/orgs/${c.orgId}/members`, {
      login: 'teacher-bureau',
      password: 'teacher-bureau-password',
      displayName: 'teacher-bureau',
      role: 'official',
      departmentId: elsewhere,
    });
    const unassigned = new TestClient(c.server.url);
    await unassigned.post('/api/auth/login', { login: 'teacher-bureau', password: 'teacher-bureau-password' });
    refusedWith(
      await unassigned.post(`/api/proposals/${id}/reply`, { ...body, departmentId: elsewhere }),
      403,
      'FORBIDDEN',
    );
    ok(await finance.official.post(`/api/proposals/${id}/reply`, { ...body, departmentId: finance.id }));
    refusedWith(
      await finance.official.post(`/api/proposals/${id}/reply`, { ...body, departmentId: finance.id }),
      409,
      'CONFLICT',
    );
  });

  it('keeps both replies when two departments answer at the same moment', async () => {
    const id = await submitted();
    ok(await accept(id));
    const [a, b] = await Promise.all([
      finance.official.post(`/api/proposals/${id}/reply`, {
        departmentId: finance.id,
        classification: 'B',
        body: '甲',
      }),
      c.as.official.post(`/api/proposals/${id}/reply`, {
        departmentId: c.departmentId,
        classification: 'A',
        body: '乙',
      }),
    ]);
    // The lead department's reply ends the round, so the co-department's must come first to count.
    const statuses = [a.status, b.status].sort();
    const p = ok(await c.as.econ.get(`/api/proposals/${id}`));
    if (statuses[1] === 409) {
      expect(p.replies.map((r) => r.departmentId)).toEqual([c.departmentId]);
    } else {
      expect(statuses).toEqual([200, 200]);
      expect(p.replies.map((r) => r.departmentId)).toEqual([finance.id, c.departmentId]);
    }
    expect(p.status).toBe('replied');
  });

  it('gets the next number of its year, one each even when accepted at the same moment', async () => {
    const ids = [await submitted('甲'), await submitted('乙'), await submitted('丙')];
    ok(
      await c.as.secretary.post(`/api/proposals/${ids[0]}/review`, {
        decision: 'not_accepted',
        reason: '建议转社情民意',
      }),
    );
    const numbers = (await Promise.all([accept(ids[1]!), accept(ids[2]!)])).map((res) => ok(res).number);
    expect(numbers.sort()).toEqual(['2026-0001', '2026-0002']);
    clock.set('2027-01-05T08:00:00Z');
    await signInAgain('econ', 'secretary');
    const next = await submitted('丁');
    expect(ok(await accept(next, { dueDate: '2027-04-01' })).number).toBe('2027-0001');
  });

  it('merges into a proposal of its organisation under consideration, not into a draft', async () => {
    const into = await submitted('主提案');
    const id = await submitted('同题提案');
    const aDraft = await filed();
    refusedWith(
      await c.as.secretary.post(`/api/proposals/${id}/review`, { decision: 'merged', mergedInto: aDraft }),
      400,
      'VALIDATION',
      'mergedInto',
    );
    const merged = ok(
      await c.as.secretary.post(`/api/proposals/${id}/review`, { decision: 'merged', mergedInto: into }),
    );
    expect(merged).toMatchObject({ status: 'merged', mergedInto: into, number: null });
  });

  it('follows its departments when one is merged into another, and keeps a department in use from deletion', async () => {
    const id = await submitted();
    ok(await accept(id));
    expect((await c.admin.delete(`/api/departments/${finance.id}`)).status).toBe(409);
    ok(
      await finance.official.post(`/api/proposals/${id}/reply`, {
        departmentId: finance.id,
        classification: 'B',
        body: '甲',
      }),
    );
    const merged = await c.admin.post(`/api/departments/${finance.id}/merge`, { into: c.departmentId });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    const p = ok(await c.as.econ.get(`/api/proposals/${id}`));
    expect(p).toMatchObject({ leadDepartmentId: c.departmentId, coDepartmentIds: [] });
    expect(p.replies.map((r) => r.departmentId)).toEqual([c.departmentId]);
    const listed = (await c.as.econ.get<ProposalsPage>(`/api/orgs/${c.orgId}/proposals?departmentId=${c.departmentId}`))
      .body;
    expect(listed.proposals.map((x) => x.id)).toEqual([id]);
  });
});

describe('a proposal as a document', () => {
  it('holds its text, review, replies and assessment in DOCX and PDF, for those who may read it', async () => {
    const id = await submitted();
    ok(await accept(id, { coDepartmentIds: [] }));
    const reply = {
      departmentId: c.departmentId,
      classification: 'A',
      body: '已出台资金分摊指引。\n\n审批时限压缩一半。',
    };
    ok(await c.as.official.post(`/api/proposals/${id}/reply`, reply));
    ok(await c.as.econ.post(`/api/proposals/${id}/assessment`, { satisfaction: 'satisfied', comment: '办理及时' }));

    const base = `${c.server.url}/api/proposals/${id}/document`;
    const markdown = (await c.as.farmer.get<{ markdown: string }>(`/api/proposals/${id}/document?lang=zh-CN`)).body
      .markdown;
    for (const part of [
      '# 关于加快老旧小区加装电梯的提案',
      '提案编号：2026-0001',
      '第一提案人：econ',
      '## 案由',
      '## 审查意见',
      '主办单位：市发展改革委',
      '### 市发展改革委（主办） · A类',
      '审批时限压缩一半。',
      '**满意**（2026年12月1日）办理及时',
    ]) {
      expect(markdown).toContain(part);
    }
    const docx = await download(`${base}?format=docx`, c.as.secretary.cookie);
    expect(docx.type).toContain('wordprocessingml');
    expect(await docxText(docx.body)).toContain('已出台资金分摊指引。');
    const pdf = await download(`${base}?format=pdf&lang=en`, c.as.chair.cookie);
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    const pdfBody = await pdfText(pdf.body);
    expect(pdfBody).toContain('Proposal no. 2026-0001');
    expect(pdfBody).toContain('Lead department');
    const audit = await c.as.secretary.get(`/api/orgs/${c.orgId}/audit?action=document.exported`);
    expect(audit.body.entries).toMatchObject([
      { subject: { type: 'proposal', id }, details: { document: 'proposal', format: 'pdf', lang: 'en' } },
      { subject: { type: 'proposal', id }, details: { document: 'proposal', format: 'docx', lang: 'zh-CN' } },
    ]);

    // A draft is its author's alone; a malformed query changes nothing.
    const draftId = await filed(c.as.teacher);
    expect(
      (await download(`${c.server.url}/api/proposals/${draftId}/document?format=pdf`, c.as.econ.cookie)).status,
    ).toBe(404);
    expect((await download(`${base}?format=xls`, c.as.econ.cookie)).status).toBe(400);
  }, 30_000);
});

describe('the list of proposals', () => {
  it('pages the most recently changed first, filters, finds Chinese words, and hides other people’s drafts', async () => {
    const other = await otherCity(c);
    const ids: string[] = [];
    for (let n = 1; n <= 5; n++) {
      clock.set(`2026-12-0${n}T08:00:00Z`);
      ids.push(await submitted(`提案${n}：${n % 2 === 0 ? '乡村振兴' : '营商环境'}`));
    }
    clock.set('2026-12-06T08:00:00Z');
    ok(await accept(ids[0]!));
    const hidden = await filed(c.as.farmer, { ...draft, title: '农民的草稿：乡村振兴' });
    const pages = await allPages<ProposalsPage>(c.as.econ, `/api/orgs/${c.orgId}/proposals`, 'limit=2');
    expect(pages.flatMap((p) => p.proposals.map((x) => x.title))).toEqual([
      '提案1：营商环境',
      '提案5：营商环境',
      '提案4：乡村振兴',
      '提案3：营商环境',
      '提案2：乡村振兴',
    ]);
    expect(pages.map((p) => p.total)).toEqual([5, 5, 5]);
    expect(pages[0]!.proposals[0]).toMatchObject({
      number: '2026-0001',
      status: 'handling',
      author: { id: c.ids.econ, displayName: 'econ' },
      leadDepartment: { id: c.departmentId, name: '市发展改革委' },
      overdue: false,
    });
    const find = async (query: string, who = c.as.econ) =>
      (await who.get<ProposalsPage>(`/api/orgs/${c.orgId}/proposals?${query}`)).body.proposals.map((x) => x.title);
    expect(await find(`q=${encodeURIComponent('乡村')}`)).toEqual(['提案4：乡村振兴', '提案2：乡村振兴']);
    expect(await find(`q=${encodeURIComponent('乡村')}`, c.as.farmer)).toEqual([
      '农民的草稿：乡村振兴',
      '提案4：乡村振兴',
      '提案2：乡村振兴',
    ]);
    expect(await find(`q=${encodeURIComponent('资金分摊 振兴')}`)).toEqual(['提案4：乡村振兴', '提案2：乡村振兴']);
    expect(await find('status=handling')).toEqual(['提案1：营商环境']);
    expect(await find('mine=true', c.as.farmer)).toEqual(['农民的草稿：乡村振兴']);
    expect(await find(`departmentId=${finance.id}`)).toEqual(['提案1：营商环境']);
    expect(await find('year=2025')).toEqual([]);
    expect(hidden).toBeTruthy();

    // Overdue once its due date passes without the lead department's reply.
    clock.set('2027-03-02T08:00:00Z');
    await signInAgain('econ');
    await other.member.post('/api/auth/login', { login: 'elsewhere', password: 'elsewhere-password' });
    expect(
      (await c.as.econ.get<ProposalsPage>(`/api/orgs/${c.orgId}/proposals?status=handling`)).body.proposals[0]!.overdue,
    ).toBe(true);
    expect(ok(await c.as.econ.get(`/api/proposals/${ids[0]}`)).overdue).toBe(true);

    const path = `/api/orgs/${c.orgId}/proposals`;
    await expectRefused(c.as.econ, path, [
      'limit=201',
      `cursor=${encodeCursor('topics', ['2026-12-01T08:00:00.000Z', 'x'])}`,
      'status=lost',
      'category=sports',
      'mine=false',
    ]);
    expect((await other.member.get(path)).status).toBe(403);
  });
});

describe('a consultation on a proposal', () => {
  const body = { title: '关于加装电梯提案的办理协商', summary: '协商加装电梯的审批与补贴。' };

  it('is opened by the chair on an accepted proposal, linked both ways and audited', async () => {
    const id = await submitted();
    // Not before it is accepted.
    refusedWith(await c.as.chair.post(`/api/proposals/${id}/consultation`, body), 409, 'CONFLICT', 'wrong_status');
    ok(await accept(id));
    expect(ok(await c.as.chair.get(`/api/proposals/${id}`)).actions).toContain('open_consultation');
    for (const who of [c.as.secretary, c.as.econ, c.as.official]) {
      refusedWith(await who.post(`/api/proposals/${id}/consultation`, body), 403, 'FORBIDDEN');
    }
    for (const bad of [{ title: '', summary: 'x' }, { ...body, extra: 1 }, { title: body.title }]) {
      expect((await c.as.chair.post(`/api/proposals/${id}/consultation`, bad)).status).toBe(400);
    }
    const before = (await c.as.chair.get(`/api/topics?orgId=${c.orgId}`)).body.total;

    const opened = await c.as.chair.post(`/api/proposals/${id}/consultation`, body);
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const topicId = opened.body.topicId as string;
    expect(opened.body.proposal.topics).toEqual([{ id: topicId, title: body.title, stage: 'proposed' }]);
    const topic = (await c.as.econ.get(`/api/topics/${topicId}`)).body.topic;
    expect(topic).toMatchObject({
      title: body.title,
      summary: body.summary,
      stage: 'proposed',
      proposer: { id: c.ids.chair },
      proposal: { id, number: '2026-0001', title: draft.title },
    });
    expect((await c.as.chair.get(`/api/topics?orgId=${c.orgId}`)).body.total).toBe(before + 1);
    const audit = await c.as.secretary.get(`/api/orgs/${c.orgId}/audit?action=proposal.consultation_opened`);
    expect(audit.body.entries).toMatchObject([{ subject: { type: 'proposal', id }, details: { topicId } }]);
    // A topic proposed the usual way names no proposal.
    const plain = await c.as.econ.post('/api/topics', { orgId: c.orgId, title: '别的议题', summary: '摘要' });
    expect(plain.body.topic.proposal).toBeNull();
  });
});
