import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TopicsPage } from '@yishi/protocol';
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
 * A topic of `orgId` proposed by `proposer`, last changed on `day` (a fraction for part of a day) of
 * November 2026, so that the list's order does not hang on two requests' clock readings.
 */
async function propose(
  orgId: string,
  title: string,
  day: number,
  tags: string[] = [],
  proposer: TestClient = c.as.econ,
): Promise<string> {
  const res = await proposer.post('/api/topics', { orgId, title, summary: '摘要', tags });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const id = res.body.topic.id as string;
  await c.server.store.topics.touch(id, new Date(Date.UTC(2026, 10, 1, 8) + (day - 1) * 86_400_000).toISOString());
  return id;
}

const allPages = (who: TestClient, query: string) => pagesOf<TopicsPage>(who, '/api/topics', query);

const titles = (pages: TopicsPage[]) => pages.flatMap((p) => p.topics.map((t) => t.title));

describe('pages of the topic list', () => {
  it('come most recently changed first, limited, with the total on every page', async () => {
    for (let day = 1; day <= 7; day++) await propose(c.orgId, `议题${day}`, day);
    const pages = await allPages(c.as.farmer, 'limit=3');
    expect(pages.map((p) => p.topics.length)).toEqual([3, 3, 1]);
    expect(pages.map((p) => p.total)).toEqual([7, 7, 7]);
    expect(titles(pages)).toEqual(['议题7', '议题6', '议题5', '议题4', '议题3', '议题2', '议题1']);
    expect(pages.at(-1)!.next).toBeNull();
    expect(pages[0]!.topics[0]).toMatchObject({ orgId: c.orgId, stage: 'proposed', proposer: { id: c.ids.econ } });
  });

  it('neither repeat nor skip a topic when topics are proposed between pages', async () => {
    for (let day = 1; day <= 6; day++) await propose(c.orgId, `议题${day}`, day);
    const first = (await c.as.farmer.get<TopicsPage>('/api/topics?limit=2')).body;
    expect(first.topics.map((t) => t.title)).toEqual(['议题6', '议题5']);
    // Proposed meanwhile: a newer topic (before the first page) and one between the rest.
    await propose(c.orgId, '新议题', 20);
    await propose(c.orgId, '补录议题', 3.5);
    const rest: string[] = [];
    let next = first.next;
    while (next) {
      const page = (await c.as.farmer.get<TopicsPage>(`/api/topics?limit=2&cursor=${encodeURIComponent(next)}`)).body;
      rest.push(...page.topics.map((t) => t.title));
      expect(page.total).toBe(8);
      next = page.next;
    }
    expect(rest).toEqual(['议题4', '补录议题', '议题3', '议题2', '议题1']);
  });

  it('filter by tag exactly, in the query, with the total of the filtered list', async () => {
    await propose(c.orgId, '营商', 1, ['营商环境']);
    await propose(c.orgId, '营商与养老', 2, ['养老', '营商环境']);
    await propose(c.orgId, '相近的标签', 3, ['营商环境建设']);
    await propose(c.orgId, '无标签', 4);
    const pages = await allPages(c.as.farmer, `tag=${encodeURIComponent('营商环境')}&limit=1`);
    expect(titles(pages)).toEqual(['营商与养老', '营商']);
    expect(pages.map((p) => p.total)).toEqual([2, 2]);
    const page = (await c.as.farmer.get<TopicsPage>(`/api/topics?tag=${encodeURIComponent('养老')}&stage=proposed`))
      .body;
    expect(page.topics.map((t) => t.title)).toEqual(['营商与养老']);
  });

  it('refuse a page size past the maximum, a cursor of another list and a broken one', async () => {
    await propose(c.orgId, '议题', 1);
    await expectRefused(c.as.farmer, '/api/topics', [
      'limit=201',
      'limit=0',
      `cursor=${encodeCursor('cases', [0, '2026-11-01', 'x'])}`,
      `cursor=${encodeCursor('topics', [1, 'x'])}`,
      'cursor=not-a-cursor',
      `cursor=${'x'.repeat(501)}`,
    ]);
    expect((await c.as.farmer.get('/api/topics?limit=200')).status).toBe(200);
  });

  it('keep to what the reader may see, on every page and in the total', async () => {
    const { orgId: other, member: elsewhere } = await otherCity(c);
    for (let day = 1; day <= 4; day++) await propose(c.orgId, `本市议题${day}`, day * 2);
    for (let day = 1; day <= 3; day++) await propose(other, `别市议题${day}`, day * 2 + 1, [], elsewhere);
    const mine = await allPages(c.as.farmer, 'limit=2');
    expect(titles(mine)).toEqual(['本市议题4', '本市议题3', '本市议题2', '本市议题1']);
    expect(mine.map((p) => p.total)).toEqual([4, 4]);
    // A cursor from the other city's list moves only where the page starts, never what it shows.
    const theirs = (await elsewhere.get<TopicsPage>('/api/topics?limit=1')).body;
    const followed = (await c.as.farmer.get<TopicsPage>(`/api/topics?cursor=${encodeURIComponent(theirs.next!)}`)).body;
    expect(followed.topics.every((t) => t.orgId === c.orgId)).toBe(true);
    expect((await c.as.farmer.get(`/api/topics?orgId=${other}`)).status).toBe(403);
    // The administrator reads every organisation's.
    expect((await c.admin.get<TopicsPage>('/api/topics?limit=2')).body.total).toBe(7);
    expect((await c.admin.get<TopicsPage>(`/api/topics?orgId=${other}`)).body.total).toBe(3);
  });
});
