import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { expect, seedTopic, signedIn, test, watchConsole } from './fixtures.js';

/**
 * The server stops in the middle of a meeting: the room and the hall's projector say so at once, a
 * command the chair gives meanwhile waits in sight and can be cancelled, and when the server is back
 * the banners go, the command still wanted is sent, and one the queue has overtaken is dropped and
 * said to be.
 */
test.use({ locale: 'zh-CN' });

/** What a browser logs while its server is down or cut off; anything else fails the test. */
const outage =
  /ERR_CONNECTION_REFUSED|ERR_CONNECTION_RESET|ERR_EMPTY_RESPONSE|ERR_FAILED|WebSocket connection to .* failed/;

async function openMeeting(request: APIRequestContext, setupCode: string): Promise<string> {
  const { call, topicId } = await seedTopic(request, setupCode);
  const meeting = (
    await call(`/api/topics/${topicId}/meetings`, { title: '加装电梯专题协商会', startsAt: new Date().toISOString() })
  ).meeting;
  await call(`/api/meetings/${meeting.id}/open`, {});
  return meeting.id as string;
}

async function raise(page: Page, name: string, chair: Page): Promise<void> {
  await page.getByLabel('发言类型').selectOption({ label: '发言' });
  await page.getByRole('button', { name: '举手' }).click();
  await expect(chair.getByRole('list', { name: '发言队列' })).toContainText(name);
}

/** A signed-in room in English (the language is remembered in the browser). */
async function inEnglish(browser: Browser, url: string, login: string, path: string, errors: string[]): Promise<Page> {
  const page = await signedIn(browser, url, login, errors);
  await page.evaluate(() => localStorage.setItem('yishi.lang', 'en'));
  await page.goto(path);
  return page;
}

const banner = (page: Page) => page.getByRole('alert').filter({ hasText: /恢复连接之前|Until the connection returns/ });

test('the room and the projector show the outage, hold the chair’s command in sight, and clear when the server is back', async ({
  browser,
  request,
  yishi,
}) => {
  // Four browsers and a restart on a busy two-core machine.
  test.setTimeout(300_000);
  const meetingId = await openMeeting(request, yishi.setupCode);
  const errors: string[] = [];
  const chair = await signedIn(browser, yishi.url, 'chair', errors);
  const yang = await signedIn(browser, yishi.url, 'yang', errors);
  const wang = await inEnglish(browser, yishi.url, 'wang', `/meetings/${meetingId}`, errors);
  const projector = await chair.context().newPage();
  const hallEn = await wang.context().newPage();
  for (const page of [projector, hallEn]) {
    watchConsole(page, errors);
    await page.goto(`/meetings/${meetingId}/projector`);
    await page.setViewportSize({ width: 1600, height: 900 });
  }
  for (const page of [chair, yang]) await page.goto(`/meetings/${meetingId}`);
  await raise(yang, '杨晓燕', chair);
  await wang.getByLabel('Kind').selectOption({ label: 'Speech' });
  await wang.getByRole('button', { name: 'Raise hand' }).click();
  await expect(chair.getByRole('list', { name: '发言队列' })).toContainText('王秀兰');
  await expect(projector.getByRole('list', { name: '即将发言' })).toContainText('王秀兰');
  for (const page of [chair, yang, wang, projector]) await expect(banner(page)).toHaveCount(0);

  await yishi.stop();
  for (const page of [chair, yang, projector]) await expect(banner(page)).toContainText(/连接已中断|离线/);
  for (const page of [wang, hallEn]) await expect(banner(page)).toContainText(/Connection lost|Offline/);
  // Those who can give a command are told what becomes of one given now.
  await expect(banner(chair)).toContainText('此时的操作不会发出');
  await expect(banner(wang)).toContainText('A command you give now is not sent');

  // The chair grants the floor while offline: nothing is sent; the command waits in sight, and
  // the other controls wait with it. Cancelled, it is gone for good.
  await chair.getByRole('button', { name: '准许发言：杨晓燕' }).click();
  await expect(banner(chair)).toContainText(/等待连接后发送：\s*准许发言：杨晓燕/);
  await expect(chair.getByRole('button', { name: '准许发言：王秀兰' })).toHaveAttribute('aria-disabled', 'true');
  await chair.getByRole('button', { name: '取消：准许发言：杨晓燕' }).click();
  await expect(banner(chair)).not.toContainText('等待连接后发送');
  await chair.getByRole('button', { name: '准许发言：王秀兰' }).click();
  await expect(banner(chair)).toContainText(/等待连接后发送：\s*准许发言：王秀兰/);
  await wang.getByRole('button', { name: 'Withdraw request' }).click();
  await expect(banner(wang)).toContainText(/Waiting for the connection:\s*Withdraw request/);
  await wang.getByRole('button', { name: 'Cancel: Withdraw request' }).click();

  await chair.screenshot({ path: 'test-results/offline-room-zh.png' });
  await wang.screenshot({ path: 'test-results/offline-room-en.png' });
  await projector.screenshot({ path: 'test-results/offline-projector-zh.png' });
  await hallEn.screenshot({ path: 'test-results/offline-projector-en.png' });

  // Back: the banners go on every screen, and the grant still wanted is sent, the cancelled one not.
  await yishi.restart();
  for (const page of [chair, yang, wang, projector, hallEn]) {
    await expect(banner(page)).toHaveCount(0, { timeout: 30_000 });
  }
  await expect(chair.getByRole('status').filter({ hasText: '连接已恢复。' })).toBeAttached();
  for (const page of [chair, yang]) {
    await expect(page.getByRole('region', { name: '当前发言' })).toContainText('王秀兰');
    await expect(page.getByRole('list', { name: '发言队列' })).toContainText('杨晓燕');
  }
  await expect(projector.getByRole('list', { name: '即将发言' })).toContainText('杨晓燕');
  await expect(projector.getByRole('list', { name: '即将发言' })).not.toContainText('王秀兰');
  await projector.screenshot({ path: 'test-results/offline-projector-back.png' });
  expect(errors.filter((e) => !outage.test(e))).toEqual([]);
});

test('a command held offline is dropped, in sight, when the queue moved on before it could be sent', async ({
  browser,
  request,
  yishi,
}) => {
  test.setTimeout(240_000);
  const meetingId = await openMeeting(request, yishi.setupCode);
  const errors: string[] = [];
  const chair = await signedIn(browser, yishi.url, 'chair', errors);
  const yang = await signedIn(browser, yishi.url, 'yang', errors);
  for (const page of [chair, yang]) await page.goto(`/meetings/${meetingId}`);
  await raise(yang, '杨晓燕', chair);

  await yishi.stop();
  await expect(banner(chair)).toBeVisible();
  await chair.getByRole('button', { name: '准许发言：杨晓燕' }).click();
  await expect(banner(chair)).toContainText(/等待连接后发送：\s*准许发言：杨晓燕/);

  // The chair's browser stays cut off while 杨晓燕, back first, withdraws her request.
  await chair.context().route('**/socket.io/**', (route) => route.abort());
  await yishi.restart();
  await expect(banner(yang)).toHaveCount(0, { timeout: 30_000 });
  await yang.getByRole('button', { name: '撤回申请' }).click();
  await expect(yang.getByText('没有人在等候发言。')).toBeVisible();
  await expect(banner(chair)).toBeVisible();

  await chair.context().unroute('**/socket.io/**');
  await expect(banner(chair)).toHaveCount(0, { timeout: 30_000 });
  const dropped = chair.getByRole('alert').filter({ hasText: '没有发送“准许发言：杨晓燕”' });
  await expect(dropped).toContainText('断线期间发言队列已经变化');
  await dropped.scrollIntoViewIfNeeded();
  await expect(chair.getByRole('region', { name: '当前发言' })).toContainText('暂无发言');
  await chair.screenshot({ path: 'test-results/offline-dropped-zh.png' });
  expect(errors.filter((e) => !outage.test(e))).toEqual([]);
});
