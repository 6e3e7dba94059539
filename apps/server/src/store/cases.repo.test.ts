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

describe('the case library’s summary columns', () => {
  it('are filled from each published case when an installation upgrades to them', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'yishi-cases-'));
    // An installation from before the columns, with a case published then.
    store = await upgradedTestStore(dir, '0017_case_summaries', async (db) => {
      const user = { id: 'u1', login: 'sec', displayName: '秘书处', passwordHash: 'x', isAdmin: 0, active: 1 };
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
          tags: '["社区治理"]',
          stage: 'closed',
          proposerId: 'u1',
          round: 1,
          outcomeForm: 'recommendation',
          dueDate: null,
          partyContactId: null,
          createdAt: at,
          updatedAt: at,
        })
        .execute();
      const detail = {
        id: 'c1',
        topicId: 't1',
        orgId: 'o1',
        orgName: '江城市政协',
        level: 'city',
        title: '加装电梯',
        summary: '破解协调难、资金难。',
        tags: ['社区治理', '老旧小区'],
        sectors: ['社会福利和社会保障界'],
        year: 2026,
        form: 'recommendation',
        decision: 'partly_adopted',
        publishedAt: at,
      };
      // Inserted as the table stood then: without the new columns (raw, since the types know them).
      await db
        .insertInto('cases')
        .values({
          id: 'c1',
          topicId: 't1',
          orgId: 'o1',
          year: 2026,
          level: 'city',
          sectors: JSON.stringify(detail.sectors),
          title: detail.title,
          detail: JSON.stringify(detail),
          searchText: '加装电梯 破解协调难、资金难。',
          publishedBy: 'u1',
          publishedAt: at,
        } as never)
        .execute();
    });
    const [row] = await store.cases.page({ orgIds: 'all' }, undefined, 10);
    expect(row!.summary).toEqual({
      id: 'c1',
      topicId: 't1',
      orgId: 'o1',
      orgName: '江城市政协',
      level: 'city',
      title: '加装电梯',
      summary: '破解协调难、资金难。',
      tags: ['社区治理', '老旧小区'],
      sectors: ['社会福利和社会保障界'],
      year: 2026,
      form: 'recommendation',
      decision: 'partly_adopted',
      publishedAt: at,
    });
    expect(await store.cases.count({ orgIds: 'all', words: ['资金难'] })).toBe(1);
  });
});
