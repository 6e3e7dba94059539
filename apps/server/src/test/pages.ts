import { expect } from 'vitest';
import type { PageInfo } from '@yishi/protocol';
import type { TestClient } from './harness.js';

/**
 * Every page of a list as `who` reads it: `path` with `query` (without `?`), following `next` as
 * `cursor` until the last page, each answered 200. Stops after 20 pages, for a list that never ends.
 */
export async function allPages<Page extends PageInfo>(who: TestClient, path: string, query = ''): Promise<Page[]> {
  const pages: Page[] = [];
  let next: string | null = null;
  do {
    const params = new URLSearchParams(query);
    if (next !== null) params.set('cursor', next);
    const res = await who.get<Page>(`${path}?${params.toString()}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    pages.push(res.body);
    next = res.body.next;
  } while (next !== null && pages.length < 20);
  return pages;
}

/**
 * Asks `path` with each query and expects it refused as VALIDATION naming the one parameter the
 * query sets (the part before its `=`).
 */
export async function expectRefused(who: TestClient, path: string, queries: readonly string[]): Promise<void> {
  for (const query of queries) {
    const res = await who.get(`${path}?${query}`);
    expect(res.status, query).toBe(400);
    expect(res.body.error.code, query).toBe('VALIDATION');
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual([query.split('=')[0]]);
  }
}
