import { afterEach, describe, expect, it } from 'vitest';
import { startCommittee, type Committee } from '../test/committee.js';
import { movableClock, TestClient, type HttpResult } from '../test/harness.js';
import { startMailServer, type MailServer } from '../test/mail-server.js';

/**
 * Notifications by e-mail (docs/design.md §6): each person chooses an address, the kinds, and the
 * language; a notification of a chosen kind goes out through SMTP_URL — here a real SMTP server the
 * test runs — from the outbox written with it, and a mail server that refuses for a while is tried
 * again later.
 */
let c: Committee | undefined;
let mail: MailServer | undefined;
const clock = movableClock('2026-12-01T08:00:00Z');
afterEach(async () => {
  await c?.server.dispose();
  await mail?.close();
  c = mail = undefined;
});

async function started(options: { refuse?: number; smtp?: boolean } = {}) {
  clock.set('2026-12-01T08:00:00Z');
  mail = await startMailServer(options);
  c = await startCommittee({ clock, ...(options.smtp === false ? {} : { smtpUrl: mail.url }) });
  return c;
}

function ok(res: HttpResult<any>, status = 200) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

const draft = {
  title: '关于加快老旧小区加装电梯的提案',
  reasons: '老旧小区居民出行难，加装电梯协调难、资金难。',
  suggestions: '建立资金分摊指引，简化审批流程。',
  category: 'society',
};

/** econ's proposal, farmer invited; its id. */
async function proposalWithInvitation(c: Committee): Promise<string> {
  const id = ok(await c.as.econ.post(`/api/orgs/${c.orgId}/proposals`, draft), 201).proposal.id as string;
  ok(await c.as.econ.post(`/api/proposals/${id}/cosigners`, { userId: c.ids.farmer }));
  return id;
}

describe('e-mail choices', () => {
  it('are each person’s own, none until chosen, and say whether the installation sends e-mail', async () => {
    const c = await started();
    expect(ok(await c.as.econ.get('/api/me/email')).email).toEqual({
      address: null,
      kinds: [],
      lang: 'zh-CN',
      available: true,
    });
    const choices = { address: 'econ@example.org', kinds: ['proposal_reviewed', 'answer_received'], lang: 'en' };
    expect(ok(await c.as.econ.request('PUT', '/api/me/email', choices)).email).toEqual({ ...choices, available: true });
    expect(ok(await c.as.econ.get('/api/me/email')).email).toEqual({ ...choices, available: true });
    expect(ok(await c.as.farmer.get('/api/me/email')).email.address).toBeNull();
    expect((await new TestClient(c.server.url).get('/api/me/email')).status).toBe(401);
  });

  it('refuse bad input with VALIDATION and change nothing', async () => {
    const c = await started();
    const good = { address: 'econ@example.org', kinds: ['proposal_reviewed'], lang: 'zh-CN' };
    ok(await c.as.econ.request('PUT', '/api/me/email', good));
    for (const [body, path] of [
      [{ ...good, address: 'not an address' }, 'address'],
      [{ ...good, address: null }, 'address'],
      [{ ...good, kinds: ['proposal_reviewed', 'proposal_reviewed'] }, 'kinds'],
      [{ ...good, kinds: ['everything'] }, 'kinds.0'],
      [{ ...good, lang: 'fr' }, 'lang'],
      [{ ...good, userId: c.ids.farmer }, 'userId'],
      [{ ...good, address: `${'a'.repeat(250)}@example.org` }, 'address'],
    ] as const) {
      const res = await c.as.econ.request('PUT', '/api/me/email', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    expect(ok(await c.as.econ.get('/api/me/email')).email).toEqual({ ...good, available: true });
  });
});

describe('a notification by e-mail', () => {
  it('goes to whoever chose its kind, in their language, and to nobody else', async () => {
    const c = await started();
    ok(
      await c.as.econ.request('PUT', '/api/me/email', {
        address: 'econ@example.org',
        kinds: ['proposal_reviewed'],
        lang: 'zh-CN',
      }),
    );
    ok(
      await c.as.farmer.request('PUT', '/api/me/email', {
        address: 'farmer@example.org',
        kinds: ['proposal_cosign_invited'],
        lang: 'en',
      }),
    );
    const id = await proposalWithInvitation(c);
    const invitation = await mail!.mailTo('farmer@example.org');
    expect(invitation).toMatchObject({
      from: 'yishi@jiangcheng.example',
      subject: `[Yishi] You are invited to co-sign the proposal “${draft.title}”; please confirm`,
    });
    expect(invitation.text).toContain('Notification settings');

    ok(await c.as.farmer.post(`/api/proposals/${id}/cosign`));
    ok(await c.as.econ.post(`/api/proposals/${id}/submit`));
    ok(
      await c.as.secretary.post(`/api/proposals/${id}/review`, {
        decision: 'accepted',
        leadDepartmentId: c.departmentId,
        dueDate: '2027-03-01',
      }),
    );
    const review = await mail!.mailTo('econ@example.org');
    expect(review.subject).toBe(`【议事】提案「${draft.title}」已立案，编号 2026-0001`);
    expect(review.headers.get('x-yishi-notification')).toEqual(expect.any(String));

    // Everything due is sent: the farmer's review notice (a kind they did not choose), the
    // secretary's and the official's (no address) were never in the outbox.
    expect(await c.server.app.sendMail()).toBe(0);
    expect(mail!.received.map((m) => m.to)).toEqual([['farmer@example.org'], ['econ@example.org']]);
    expect(await c.server.store.email.counts(8)).toEqual({ waiting: 0, sent: 2, failed: 0 });
  });

  it('is tried again later when the mail server refuses it for a while', async () => {
    const c = await started({ refuse: 1 });
    ok(
      await c.as.farmer.request('PUT', '/api/me/email', {
        address: 'farmer@example.org',
        kinds: ['proposal_cosign_invited'],
        lang: 'zh-CN',
      }),
    );
    await proposalWithInvitation(c);
    // The first attempt, refused: the mail waits for its next attempt, a minute later.
    expect(await c.server.app.sendMail()).toBe(0);
    expect(await c.server.store.email.counts(8)).toEqual({ waiting: 1, sent: 0, failed: 0 });
    expect(mail!.received).toEqual([]);
    clock.set('2026-12-01T08:02:00Z');
    expect(await c.server.app.sendMail()).toBe(1);
    expect((await mail!.mailTo('farmer@example.org')).subject).toBe(`【议事】您受邀联名提案「${draft.title}」，请确认`);
    expect(await c.server.store.email.counts(8)).toEqual({ waiting: 0, sent: 1, failed: 0 });
  });

  it('is never queued by an installation without a mail server', async () => {
    const c = await started({ smtp: false });
    const choices = { address: 'farmer@example.org', kinds: ['proposal_cosign_invited'], lang: 'zh-CN' };
    expect(ok(await c.as.farmer.request('PUT', '/api/me/email', choices)).email.available).toBe(false);
    await proposalWithInvitation(c);
    expect(ok(await c.as.farmer.get('/api/notifications')).notifications).toHaveLength(1);
    expect(await c.server.store.email.counts(8)).toEqual({ waiting: 0, sent: 0, failed: 0 });
  });
});
