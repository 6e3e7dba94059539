import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dropTestData, upgradedTestStore } from '../test/stores.js';
import type { Store } from './store.js';

let store: Store | undefined;
let dir: string | undefined;
afterEach(async () => {
  await store?.close();
  if (dir) {
    await dropTestData(dir);
    rmSync(dir, { recursive: true, force: true });
  }
});

const at = '2026-11-20T08:00:00.000Z';

describe('notifications about a topic or a proposal', () => {
  it('keep every notification of an installation that upgrades to them, as a topic’s', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'yishi-notifications-'));
    // An installation from before proposals' notifications, with one about a topic, read.
    store = await upgradedTestStore(dir, '0028_notification_subjects', async (db) => {
      const user = { id: 'u1', login: 'econ', displayName: '经济界委员', passwordHash: 'x', isAdmin: 0, active: 1 };
      await db
        .insertInto('users')
        .values({ ...user, createdAt: at, updatedAt: at })
        .execute();
      await db
        .insertInto('orgs')
        .values({ id: 'o1', name: '江城市政协', level: 'city', parentId: null, createdAt: at })
        .execute();
      await db
        .insertInto('topics')
        .values({
          id: 't1',
          orgId: 'o1',
          title: '加装电梯',
          summary: '摘要',
          tags: '[]',
          stage: 'vetting',
          proposerId: 'u1',
          round: 1,
          outcomeForm: null,
          dueDate: null,
          partyContactId: null,
          createdAt: at,
          updatedAt: at,
        })
        .execute();
      // Written as the table was then: no proposal column.
      await db
        .insertInto('notifications')
        .values({
          id: 'n1',
          userId: 'u1',
          kind: 'stage_changed',
          topicId: 't1',
          data: JSON.stringify({ from: 'proposed', to: 'vetting' }),
          dedupeKey: 'stage:t1:u1',
          createdAt: at,
          readAt: at,
        })
        .execute();
    });

    expect(await store.notifications.page('u1', undefined, 10)).toEqual([
      {
        id: 'n1',
        kind: 'stage_changed',
        subject: { type: 'topic', id: 't1', title: '加装电梯' },
        topicId: 't1',
        topicTitle: '加装电梯',
        data: { from: 'proposed', to: 'vetting' },
        createdAt: at,
        readAt: at,
      },
    ]);
    // The dedupe key came along: the same reminder is not stored twice.
    const again = {
      id: 'n2',
      userId: 'u1',
      kind: 'stage_changed' as const,
      subject: { type: 'topic' as const, id: 't1' },
      data: {},
      dedupeKey: 'stage:t1:u1',
      createdAt: at,
    };
    expect(await store.notifications.insert(again)).toBe(false);
    expect(await store.notifications.count('u1')).toBe(1);
  });

  it('keep every notification and its waiting mail when reports become a subject too', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'yishi-notifications-'));
    // An installation from before public-opinion reports: a notification about a topic, its mail waiting.
    store = await upgradedTestStore(dir, '0030_opinions', async (db) => {
      const user = { id: 'u1', login: 'econ', displayName: '经济界委员', passwordHash: 'x', isAdmin: 0, active: 1 };
      await db
        .insertInto('users')
        .values({ ...user, createdAt: at, updatedAt: at })
        .execute();
      await db
        .insertInto('orgs')
        .values({ id: 'o1', name: '江城市政协', level: 'city', parentId: null, createdAt: at })
        .execute();
      await db
        .insertInto('topics')
        .values({
          id: 't1',
          orgId: 'o1',
          title: '加装电梯',
          summary: '摘要',
          tags: '[]',
          stage: 'vetting',
          proposerId: 'u1',
          round: 1,
          outcomeForm: null,
          dueDate: null,
          partyContactId: null,
          createdAt: at,
          updatedAt: at,
        })
        .execute();
      await db
        .insertInto('notifications')
        .values({
          id: 'n1',
          userId: 'u1',
          kind: 'stage_changed',
          topicId: 't1',
          proposalId: null,
          data: JSON.stringify({ from: 'proposed', to: 'vetting' }),
          dedupeKey: null,
          createdAt: at,
          readAt: null,
        })
        .execute();
      await db
        .insertInto('emailOutbox')
        .values({
          id: 'm1',
          notificationId: 'n1',
          address: 'econ@example.org',
          lang: 'zh-CN',
          createdAt: at,
          attempts: 0,
          nextAttemptAt: at,
          sentAt: null,
          lastError: null,
        })
        .execute();
    });

    expect((await store.notifications.page('u1', undefined, 10)).map((n) => [n.id, n.subject])).toEqual([
      ['n1', { type: 'topic', id: 't1', title: '加装电梯' }],
    ]);
    expect(await store.email.counts(8)).toEqual({ waiting: 1, sent: 0, failed: 0 });
    expect((await store.email.lease(at, '2026-11-20T08:05:00.000Z', 10, 8)).map((m) => m.id)).toEqual(['m1']);

    // A report is a subject now, named with its title.
    await store.opinions.insert(
      {
        id: 'r1',
        orgId: 'o1',
        authorId: 'u1',
        title: '情况反映',
        body: '正文',
        category: 'society',
        status: 'submitted',
        submittedAt: at,
        handledBy: null,
        handledAt: null,
        note: null,
        editedBy: null,
        editedAt: null,
        bulletinIds: [],
        instructions: [],
        fromProposalId: null,
      },
      at,
    );
    const about = { type: 'opinion' as const, id: 'r1' };
    const notice = {
      id: 'n2',
      userId: 'u1',
      kind: 'opinion_submitted' as const,
      subject: about,
      data: {},
      dedupeKey: null,
    };
    expect(await store.notifications.insert({ ...notice, createdAt: '2026-11-21T08:00:00.000Z' })).toBe(true);
    expect((await store.notifications.page('u1', undefined, 10)).map((n) => n.subject)).toEqual([
      { type: 'opinion', id: 'r1', title: '情况反映' },
      { type: 'topic', id: 't1', title: '加装电梯' },
    ]);
  });
});
