import type { APIRequestContext, Page } from '@playwright/test';
import { expect, seedTopic, signedIn, test, watchConsole } from './fixtures.js';

/**
 * A chair and two members in three browsers, and the hall's projector: a member raises a hand, the
 * chair gives the floor, every screen shows the same countdown, the turn finishes and the totals move.
 */
test.use({ locale: 'zh-CN' });

async function seed(request: APIRequestContext, setupCode: string) {
  const { call, topicId } = await seedTopic(request, setupCode);
  const meeting = (
    await call(`/api/topics/${topicId}/meetings`, { title: '加装电梯专题协商会', startsAt: new Date().toISOString() })
  ).meeting;
  await call(`/api/meetings/${meeting.id}/open`, {});
  const next = (
    await call(`/api/topics/${topicId}/meetings`, { title: '第二次协商会', startsAt: '2026-12-20T09:00:00+08:00' })
  ).meeting;
  return { meetingId: meeting.id as string, topicId, nextMeetingId: next.id as string };
}

const remaining = async (page: Page) => Number(await page.getByTestId('countdown').getAttribute('data-remaining'));

test('raise, grant, one countdown on every screen and the projector, finish, totals', async ({
  browser,
  request,
  yishi,
  consoleErrors,
}) => {
  const { meetingId, topicId, nextMeetingId } = await seed(request, yishi.setupCode);
  const chair = await signedIn(browser, yishi.url, 'chair', consoleErrors);
  const yang = await signedIn(browser, yishi.url, 'yang', consoleErrors);
  const wang = await signedIn(browser, yishi.url, 'wang', consoleErrors);
  const projector = await chair.context().newPage();
  watchConsole(projector, consoleErrors);
  for (const page of [chair, yang, wang]) await page.goto(`/meetings/${meetingId}`);
  await projector.goto(`/meetings/${meetingId}/projector`);
  await expect(chair.getByRole('region', { name: '当前发言' })).toContainText('暂无发言');

  // 杨晓燕 raises her hand; everyone sees her waiting, with the reason for her place.
  await yang.getByLabel('发言类型').selectOption({ label: '发言' });
  await yang.getByRole('button', { name: '举手' }).click();
  for (const page of [chair, wang]) {
    await expect(page.getByRole('list', { name: '发言队列' })).toContainText('杨晓燕');
    await expect(page.getByRole('list', { name: '发言队列' })).toContainText('第一次发言');
  }
  await wang.getByLabel('发言类型').selectOption({ label: '发言' });
  await wang.getByRole('button', { name: '举手' }).click();
  await expect(chair.getByRole('list', { name: '发言队列' })).toContainText('王秀兰');

  // The chair gives her the floor: the same countdown on the three screens and the projector.
  await chair.getByRole('button', { name: '准许发言：杨晓燕' }).click();
  for (const page of [chair, yang, wang]) {
    await expect(page.getByRole('region', { name: '当前发言' })).toContainText('杨晓燕');
  }
  await expect(projector.getByText('杨晓燕').first()).toBeVisible();
  await expect(projector.getByRole('list', { name: '即将发言' })).toContainText('王秀兰');
  await expect.poll(() => remaining(chair)).toBeLessThanOrEqual(180);
  const seconds = await Promise.all([chair, yang, wang, projector].map(remaining));
  expect(Math.max(...seconds) - Math.min(...seconds)).toBeLessThanOrEqual(1);
  expect(Math.min(...seconds)).toBeGreaterThan(170);

  await chair.screenshot({ path: 'test-results/room-chair.png' });
  await projector.setViewportSize({ width: 1920, height: 1080 });
  await projector.screenshot({ path: 'test-results/room-projector.png' });

  // Her turn finishes; the totals and the speech log show her.
  await chair.getByRole('button', { name: '结束发言' }).click();
  for (const page of [chair, wang]) {
    await expect(page.getByRole('region', { name: '当前发言' })).toContainText('暂无发言');
    await expect(page.getByRole('table', { name: '发言统计', exact: true })).toContainText('杨晓燕');
  }

  // Before the next meeting opens, the chair sets its time limits on the topic page.
  await chair.goto(`/topics/${topicId}`);
  await chair.getByText('发言时限与排序').click();
  await chair.getByLabel('发言', { exact: true }).fill('240');
  await chair.getByLabel('兼顾各界别发言时间').check();
  await chair.getByRole('button', { name: '保存设置' }).click();
  await expect(chair.getByText('设置已保存。')).toBeVisible();
  const saved = await (await chair.request.get(`/api/meetings/${nextMeetingId}/settings`)).json();
  expect(saved.settings).toMatchObject({ limits: { speech: 240, reply: 60 }, sectorBalance: true });
});
