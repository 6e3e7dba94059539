import type { APIRequestContext, Page } from '@playwright/test';
import { startCluster, type Cluster } from './cluster.js';
import { apiCaller, expect, password, signedIn, test as base } from './fixtures.js';

/**
 * Two nodes behind nginx (the shipped proxy configuration), on one PostgreSQL and one Redis: a chair
 * and a member whose browsers landed on different nodes share one meeting room and one draft.
 */
const test = base.extend<{ cluster: Cluster }>({
  cluster: async ({}, use) => {
    const cluster = await startCluster();
    await use(cluster);
    await cluster.stop();
  },
  baseURL: async ({ cluster }, use) => {
    await use(cluster.url);
  },
});

test.use({ locale: 'zh-CN' });

async function seed(request: APIRequestContext, setupCode: string) {
  const { call, as } = apiCaller(request);
  await call('/api/setup', { login: 'admin', password, displayName: '管理员', setupCode });
  const org = (await call('/api/orgs', { name: '江南省政协', level: 'province' })).org;
  const ids: Record<string, string> = {};
  for (const [login, displayName, role, sector] of [
    ['chair', '周主席', 'chair', null],
    ['yang', '杨晓燕', 'member', '社会福利和社会保障界'],
  ] as const) {
    ids[login] = (await call(`/api/orgs/${org.id}/members`, { login, password, displayName, role, sector })).user.id;
  }
  await as('yang');
  const topic = (await call('/api/topics', { orgId: org.id, title: '推进县域医共体建设', summary: '摘要' })).topic;
  await as('chair');
  await call(`/api/topics/${topic.id}/advance`, { to: 'vetting' });
  const yes = { answer: true, reason: '符合' };
  await call(`/api/topics/${topic.id}/vetting`, { relevance: yes, remit: yes }, 'put');
  await call(`/api/topics/${topic.id}/advance`, { to: 'preparation' });
  await call(`/api/topics/${topic.id}/participants`, { userId: ids.yang, assessment: '熟悉基层医疗' });
  await call(`/api/topics/${topic.id}/research`, { title: '调研报告', summary: '摘要', body: '正文' });
  await call(`/api/topics/${topic.id}/advance`, { to: 'consultation' });
  const meeting = (
    await call(`/api/topics/${topic.id}/meetings`, { title: '远程协商会', startsAt: new Date().toISOString() })
  ).meeting;
  await call(`/api/meetings/${meeting.id}/open`, {});
  return { topicId: topic.id as string, meetingId: meeting.id as string };
}

/** The node that serves this browser (it sticks to one by its session cookie). */
const nodeOf = async (page: Page): Promise<string> =>
  ((await (await page.request.get('/api/health')).json()) as { node: string }).node;

test('a chair and a member on two nodes behind nginx share one room and one draft', async ({
  browser,
  request,
  cluster,
  consoleErrors,
}) => {
  const { topicId, meetingId } = await seed(request, cluster.setupCode);
  const chair = await signedIn(browser, cluster.url, 'chair', consoleErrors);
  const chairNode = await nodeOf(chair);
  // Sign in again until the member's session lands on the other node (each sign-in is a new session).
  let yang = await signedIn(browser, cluster.url, 'yang', consoleErrors);
  for (let tries = 0; tries < 20 && (await nodeOf(yang)) === chairNode; tries++) {
    await yang.context().close();
    yang = await signedIn(browser, cluster.url, 'yang', consoleErrors);
  }
  expect(await nodeOf(yang)).not.toBe(chairNode);

  // The room: a hand raised on one node, the floor given from the other.
  for (const page of [chair, yang]) await page.goto(`/meetings/${meetingId}`);
  await yang.getByLabel('发言类型').selectOption({ label: '发言' });
  await yang.getByRole('button', { name: '举手' }).click();
  await expect(chair.getByRole('list', { name: '发言队列' })).toContainText('杨晓燕');
  await chair.getByRole('button', { name: '准许发言：杨晓燕' }).click();
  await expect(yang.getByRole('region', { name: '当前发言' })).toContainText('杨晓燕');
  await expect(chair.getByRole('region', { name: '当前发言' })).toContainText('杨晓燕');
  await chair.screenshot({ path: test.info().outputPath('cluster-room-chair.png') });

  // The draft: each types, each sees the other's text and caret.
  for (const page of [chair, yang]) await page.goto(`/topics/${topicId}`);
  const editor = (page: Page) => page.getByRole('textbox', { name: '成果稿' });
  await editor(yang).click();
  await yang.keyboard.type('建议推进县域医共体一体化管理。');
  await expect(editor(chair)).toContainText('建议推进县域医共体一体化管理。');
  await editor(chair).click();
  await chair.keyboard.press('End');
  await chair.keyboard.type('明确牵头医院的责任。');
  await expect(editor(yang)).toContainText('明确牵头医院的责任。');
  await expect(yang.locator('.collaboration-carets__caret', { hasText: '周主席' })).toBeVisible();
  await yang.screenshot({ path: test.info().outputPath('cluster-draft-member.png'), fullPage: true });
});
