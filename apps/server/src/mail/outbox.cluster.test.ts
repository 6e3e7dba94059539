import { afterEach, describe, expect, it } from 'vitest';
import { startCommittee, type Committee } from '../test/committee.js';
import { movableClock, startServer, type TestServer } from '../test/harness.js';
import { startMailServer, type MailServer } from '../test/mail-server.js';

/**
 * Two nodes of one installation send one outbox (this file runs only in the several-nodes project,
 * on PostgreSQL): what both send at once goes out once, each mail by one node.
 */
let c: Committee | undefined;
let second: TestServer | undefined;
let mail: MailServer | undefined;
afterEach(async () => {
  await second?.stop();
  await c?.server.dispose();
  await mail?.close();
  c = second = mail = undefined;
});

const MAILS = 12;

describe('the e-mail outbox on two nodes', () => {
  it('sends each mail once when both nodes send at the same moment', async () => {
    const clock = movableClock('2026-12-01T08:00:00Z');
    // The first attempt of every mail is refused, so that all of them wait for the moment both send.
    mail = await startMailServer({ refuse: MAILS });
    c = await startCommittee({ clock, smtpUrl: mail.url });
    second = await startServer(c.server.dataDir, { clock, smtpUrl: mail.url });
    const choices = { address: 'farmer@example.org', kinds: ['proposal_cosign_invited'], lang: 'zh-CN' };
    expect((await c.as.farmer.request('PUT', '/api/me/email', choices)).status).toBe(200);
    for (let i = 1; i <= MAILS; i++) {
      const created = await c.as.econ.post(`/api/orgs/${c.orgId}/proposals`, {
        title: `关于第${i}个问题的提案`,
        reasons: '理由。',
        suggestions: '建议。',
        category: 'society',
      });
      const id = created.body.proposal.id as string;
      expect((await c.as.econ.post(`/api/proposals/${id}/cosigners`, { userId: c.ids.farmer })).status).toBe(200);
    }
    // Node A tried each once as it was stored, and each was refused.
    expect(await c.server.app.sendMail()).toBe(0);
    expect(await c.server.store.email.counts(8)).toEqual({ waiting: MAILS, sent: 0, failed: 0 });
    expect(mail.received).toEqual([]);

    clock.set('2026-12-01T08:05:00Z');
    const [onA, onB] = await Promise.all([c.server.app.sendMail(), second.app.sendMail()]);
    expect(onA + onB).toBe(MAILS);
    const notifications = mail.received.map((m) => m.headers.get('x-yishi-notification'));
    expect(notifications).toHaveLength(MAILS);
    expect(new Set(notifications).size).toBe(MAILS);
    expect(await c.server.store.email.counts(8)).toEqual({ waiting: 0, sent: MAILS, failed: 0 });
  });
});
