import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseDetail, CasesPage } from '@yishi/protocol';
import { newId } from '../deps.js';
import { encodeCursor } from '../services/pages.js';
import { otherCity, startCommittee, type Committee } from '../test/committee.js';
import type { TestClient } from '../test/harness.js';
import { allPages as pagesOf, expectRefused } from '../test/pages.js';

let c: Committee;
beforeEach(async () => {
  c = await startCommittee();
});
afterEach(async () => {
  await c.server.dispose();
});

/**
 * A published case of `orgId`, stored as publishing would store it, published on `day` (a fraction
 * for part of a day) of November 2026 (publishing through the procedure takes a dozen requests a case; the pages only read).
 */
async function publish(
  orgId: string,
  title: string,
  day: number,
  summary = '摘要',
  proposer: TestClient = c.as.econ,
): Promise<string> {
  const topicId = (await proposer.post('/api/topics', { orgId, title, summary })).body.topic.id as string;
  const detail: CaseDetail = {
    id: newId(),
    topicId,
    orgId,
    orgName: '江城市政协',
    level: 'city',
    title,
    summary,
    tags: ['营商环境'],
    sectors: ['经济界'],
    year: 2026,
    form: 'recommendation',
    decision: 'adopted',
    publishedAt: new Date(Date.UTC(2026, 10, 1, 8) + (day - 1) * 86_400_000).toISOString(),
    timeline: [],
    outcome: { form: 'recommendation', blocks: [], citations: [], recipients: [], dueDate: null },
    answer: null,
    ratings: [],
    participants: [],
    publishedBy: { id: c.ids.secretary, displayName: 'secretary' },
  };
  expect(await c.server.store.cases.insert(detail, `${title} ${summary}`, c.ids.secretary)).toBe(true);
  return detail.id;
}

const allPages = (who: TestClient, query: string) => pagesOf<CasesPage>(who, '/api/cases', query);

const titles = (pages: CasesPage[]) => pages.flatMap((p) => p.cases.map((k) => k.title));

describe('pages of the case library', () => {
  it('come newest first, limited, with the total on every page, and summaries only', async () => {
    for (let day = 1; day <= 7; day++) await publish(c.orgId, `案例${day}`, day);
    const pages = await allPages(c.as.farmer, 'limit=3');
    expect(pages.map((p) => p.cases.length)).toEqual([3, 3, 1]);
    expect(pages.map((p) => p.total)).toEqual([7, 7, 7]);
    expect(titles(pages)).toEqual(['案例7', '案例6', '案例5', '案例4', '案例3', '案例2', '案例1']);
    expect(pages.at(-1)!.next).toBeNull();
    // A summary, not the case: no timeline, outcome or answer on a list.
    expect(Object.keys(pages[0]!.cases[0]!).sort()).toEqual(
      [
        'decision',
        'form',
        'id',
        'level',
        'orgId',
        'orgName',
        'publishedAt',
        'sectors',
        'summary',
        'tags',
        'title',
        'topicId',
        'year',
      ].sort(),
    );
    expect(pages[0]!.cases[0]).toMatchObject({ tags: ['营商环境'], sectors: ['经济界'], decision: 'adopted' });
  });

  it('neither repeat nor skip a case when cases are published between pages', async () => {
    for (let day = 1; day <= 6; day++) await publish(c.orgId, `案例${day}`, day);
    const first = (await c.as.farmer.get<CasesPage>('/api/cases?limit=2')).body;
    expect(first.cases.map((k) => k.title)).toEqual(['案例6', '案例5']);
    // Published meanwhile: a newer case (before the first page) and one between the rest.
    await publish(c.orgId, '新案例', 20);
    await publish(c.orgId, '补录案例', 3.5);
    const rest: string[] = [];
    let next = first.next;
    while (next) {
      const page = (await c.as.farmer.get<CasesPage>(`/api/cases?limit=2&cursor=${encodeURIComponent(next)}`)).body;
      rest.push(...page.cases.map((k) => k.title));
      expect(page.total).toBe(8);
      next = page.next;
    }
    expect(rest).toEqual(['案例4', '补录案例', '案例3', '案例2', '案例1']);
  });

  it('put the cases whose title holds the words first, then the newest', async () => {
    await publish(c.orgId, '加装电梯的经验', 1);
    await publish(c.orgId, '老旧小区改造', 5, '其中包括加装电梯');
    await publish(c.orgId, '社区养老服务', 9);
    await publish(c.orgId, '电梯维保与加装', 3);
    const pages = await allPages(c.as.farmer, `q=${encodeURIComponent('电梯 加装')}&limit=1`);
    expect(titles(pages)).toEqual(['电梯维保与加装', '加装电梯的经验', '老旧小区改造']);
    expect(pages.map((p) => p.total)).toEqual([3, 3, 3]);
  });

  it('count what they find, for every reader and every kind of word', async () => {
    await publish(c.orgId, '加装电梯的经验', 1, '资金 Fund 分摊');
    await publish(c.orgId, '老旧小区改造', 2, '其中包括加装电梯');
    await publish(c.orgId, '社区养老服务', 3, 'FUNDS for elderly care');
    // Long words (the index), short ones (a scan), both, Latin in either case: the total is what the pages hold.
    for (const q of ['加装电梯', '电梯', 'fund', '加装电梯 资金', 'Fund 电梯', '养老服务 care']) {
      for (const reader of [c.admin, c.as.farmer]) {
        const pages = await allPages(reader, `q=${encodeURIComponent(q)}&limit=1`);
        const found = titles(pages).length;
        expect(
          pages.map((p) => p.total),
          q,
        ).toEqual(pages.map(() => found));
      }
    }
    expect(titles(await allPages(c.admin, `q=${encodeURIComponent('FUND')}`))).toEqual([
      '社区养老服务',
      '加装电梯的经验',
    ]);
  });

  it('refuse a page size past the maximum, a cursor of another list and a broken one, changing nothing', async () => {
    await publish(c.orgId, '案例', 1);
    await expectRefused(c.as.farmer, '/api/cases', [
      'limit=201',
      'limit=0',
      `cursor=${encodeCursor('topics', [0, '2026-11-01', 'x'])}`,
      'cursor=not-a-cursor',
      `cursor=${encodeCursor('cases', ['1', '2026-11-01', 'x'])}`,
      `cursor=${'x'.repeat(501)}`,
    ]);
    expect((await c.as.farmer.get('/api/cases?limit=200')).status).toBe(200);
  });

  it('keep to what the reader may see, on every page and in the total', async () => {
    const { orgId: other, member: elsewhere } = await otherCity(c);
    for (let day = 1; day <= 4; day++) await publish(c.orgId, `本市案例${day}`, day * 2);
    for (let day = 1; day <= 3; day++) await publish(other, `别市案例${day}`, day * 2 + 1, '摘要', elsewhere);
    const mine = await allPages(c.as.farmer, 'limit=2');
    expect(titles(mine)).toEqual(['本市案例4', '本市案例3', '本市案例2', '本市案例1']);
    expect(mine.map((p) => p.total)).toEqual([4, 4]);
    // A search as well, of a word every title holds.
    for (const q of ['案例', '市案例']) {
      const found = await allPages(c.as.farmer, `q=${encodeURIComponent(q)}&limit=3`);
      expect(titles(found), q).toEqual(['本市案例4', '本市案例3', '本市案例2', '本市案例1']);
      expect(found.map((p) => p.total)).toEqual([4, 4]);
    }
    // The administrator reads every organisation's.
    expect((await c.admin.get<CasesPage>('/api/cases?limit=2')).body.total).toBe(7);
  });
});
