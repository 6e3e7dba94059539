import type { Page } from '@playwright/test';
import { expect, password, seedTopic, test } from './fixtures.js';

/**
 * The topic page is the one every participant opens most; the outcome editor (Tiptap, ProseMirror, Yjs)
 * is most of its code. Before the topic has a draft to show, the page loads without it; once the draft
 * is shown, the editor's code comes with it.
 */
// The page measured 127 KiB before the draft (2026-12-02), once the meeting forms and the case
// search's bounds moved to the protocol's zod-free modules: importing one constant of a module with
// schemas had brought zod (~22 KiB) and every schema of the module. The editor (~120 KiB), the
// Markdown renderer (~40 KiB, lib/markdown-loader.ts) and zod each come only with what needs them;
// the budget leaves room for features, not for zod.
const BUDGET_KIB = 140;

/** Opens `path` on a fresh page and sums the JavaScript it transferred (compressed, as sent) until idle. */
async function scriptKiB(page: Page, path: string): Promise<{ kib: number; files: string[] }> {
  const scripts: Promise<{ url: string; bytes: number }>[] = [];
  page.on('requestfinished', (request) => {
    if (request.resourceType() !== 'script') return;
    scripts.push(request.sizes().then((sizes) => ({ url: request.url(), bytes: sizes.responseBodySize })));
  });
  await page.goto(path);
  await page.waitForLoadState('networkidle');
  const loaded = await Promise.all(scripts);
  return { kib: loaded.reduce((n, s) => n + s.bytes, 0) / 1024, files: loaded.map((s) => s.url) };
}

test('a topic page loads without the editor before its draft, and the editor with the draft', async ({
  browser,
  request,
  yishi,
}) => {
  const { call, as, orgId, topicId: drafted } = await seedTopic(request, yishi.setupCode);
  await as('yang');
  const proposed = (await call('/api/topics', { orgId, title: '关于完善社区养老服务的建议', summary: '摘要' })).topic
    .id as string;

  // Each page in a context of its own, signed in by the API, so that nothing comes from a cache.
  const open = async (topicId: string) => {
    const context = await browser.newContext({ locale: 'zh-CN', baseURL: yishi.url });
    expect((await context.request.post('/api/auth/login', { data: { login: 'yang', password } })).ok()).toBe(true);
    const page = await context.newPage();
    const loaded = await scriptKiB(page, `/topics/${topicId}`);
    return { page, ...loaded };
  };

  const before = await open(proposed);
  await expect(before.page.getByRole('heading', { name: '关于完善社区养老服务的建议' })).toBeVisible();
  await expect(before.page.getByRole('textbox', { name: '成果稿' })).toHaveCount(0);
  expect(before.kib, before.files.join('\n')).toBeLessThan(BUDGET_KIB);

  const withDraft = await open(drafted);
  await expect(withDraft.page.getByRole('textbox', { name: '成果稿' })).toBeVisible();
  // The editor's chunk came once the draft was shown.
  expect(withDraft.kib).toBeGreaterThan(before.kib + 50);
});
