import type { APIRequestContext, Page } from '@playwright/test';
import { expect, seedTopic, signedIn, test, watchConsole } from './fixtures.js';

/**
 * The rules that order the speaker queue, in words: in the room (a desktop in Chinese, a phone in
 * English), on the projector and on the topic page; a change of the settings before the meeting
 * opens shows on every screen without a reload.
 */
test.use({ locale: 'zh-CN' });

async function seed(request: APIRequestContext, setupCode: string) {
  const { call, topicId } = await seedTopic(request, setupCode);
  // Scheduled, not opened: its settings can still change.
  const meeting = (
    await call(`/api/topics/${topicId}/meetings`, { title: '加装电梯专题协商会', startsAt: new Date().toISOString() })
  ).meeting;
  return { meetingId: meeting.id as string, topicId };
}

/** The rules as a screen shows them. */
const rules = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

/** Shows the UI in English from the next page load on. */
async function inEnglish(page: Page): Promise<void> {
  await page.evaluate(() => window.localStorage.setItem('yishi.lang', 'en'));
}

test('the room, the phone, the projector and the topic page state the ordering rules, live', async ({
  browser,
  request,
  yishi,
  consoleErrors,
}) => {
  const { meetingId, topicId } = await seed(request, yishi.setupCode);
  const chair = await signedIn(browser, yishi.url, 'chair', consoleErrors);
  const yang = await signedIn(browser, yishi.url, 'yang', consoleErrors);
  const wang = await signedIn(browser, yishi.url, 'wang', consoleErrors, { width: 390, height: 844 });
  await inEnglish(wang);
  const projector = await chair.context().newPage();
  watchConsole(projector, consoleErrors);
  await projector.setViewportSize({ width: 1920, height: 1080 });

  await yang.goto(`/meetings/${meetingId}`);
  await wang.goto(`/meetings/${meetingId}`);
  await projector.goto(`/meetings/${meetingId}/projector`);
  await chair.goto(`/topics/${topicId}`);

  // The defaults, in words: first-time speakers first, no sector balance, two replies, three minutes.
  const room = rules(yang, '发言规则');
  await expect(room).toContainText('首次发言者优先，同等情况下按申请时间');
  // A desktop shows every rule beside the queue.
  await expect(room.getByText('程序问题最先，其次是对提问的回答，再次是对发言的回应')).toBeVisible();
  await expect(room.locator('[data-rule="sectors"] dd')).toHaveText('未开启');
  await expect(room.getByText('每个发言最多 2 个回应，须在该发言进行时申请')).toBeVisible();
  await expect(room.locator('[data-rule="limits"]')).toContainText('发言 3 分钟');
  await expect(room.locator('[data-rule="limits"]')).toContainText('回应 1 分钟');

  const hall = rules(projector, '发言规则');
  await expect(hall.locator('[data-rule="order"] dd')).toHaveText('首次发言者优先，同等情况下按申请时间');
  await expect(hall.locator('[data-rule="sectors"] dd')).toHaveText('未开启');
  await expect(hall.getByText('每个发言最多 2 个回应，须在该发言进行时申请')).toBeVisible();

  // A phone folds the rules to the order of speakers, and opens onto the rest.
  const phone = rules(wang, 'Speaking rules');
  await expect(phone).toContainText('First-time speakers first, then by time of request');
  const replies = phone.getByText('At most 2 per speech, asked for while it is being made');
  await expect(replies).toBeHidden();
  await wang.screenshot({ path: 'test-results/ordering-policy-room-phone-folded.png' });
  await phone.getByText('Speaking rules').click();
  await expect(replies).toBeVisible();
  await expect(phone.locator('[data-rule="limits"]')).toContainText('Speech 3 min');

  const topicPage = rules(chair, '发言规则');
  await expect(topicPage).toContainText('首次发言者优先，同等情况下按申请时间');

  // Before the meeting opens, the chair turns sector balance on, allows one reply and four minutes.
  await chair.getByText('发言时限与排序').click();
  await chair.getByLabel('发言', { exact: true }).fill('240');
  await chair.getByLabel('每次发言最多回应数').fill('1');
  await chair.getByLabel('兼顾各界别发言时间').check();
  await chair.getByRole('button', { name: '保存设置' }).click();
  await expect(chair.getByText('设置已保存。')).toBeVisible();
  await expect(topicPage).toContainText('首次发言者优先，其次是发言时间较少的界别，再按申请时间');

  // Every screen already in the room shows the new rules, without a reload.
  await expect(room).toContainText('首次发言者优先，其次是发言时间较少的界别，再按申请时间');
  await expect(room.locator('[data-rule="sectors"] dd')).toHaveText(/^开启：按各界别至今的发言时间比较/);
  await expect(room.getByText('每个发言最多 1 个回应，须在该发言进行时申请')).toBeVisible();
  await expect(room.locator('[data-rule="limits"]')).toContainText('发言 4 分钟');
  await expect(hall.locator('[data-rule="order"] dd')).toHaveText(
    '首次发言者优先，其次是发言时间较少的界别，再按申请时间',
  );
  await expect(hall.locator('[data-rule="sectors"] dd')).toHaveText(/^开启/);
  await expect(hall.locator('[data-rule="limits"]')).toContainText('发言 4 分钟');
  await expect(phone).toContainText('First-time speakers first, then the sector that has spoken less');
  await expect(phone.getByText('At most 1 per speech, asked for while it is being made')).toBeVisible();
  await expect(phone.locator('[data-rule="sectors"] dd')).toHaveText(/^On: by each sector’s speaking time so far/);

  // The meeting opens; each waiting request says, in words, why it waits where it does.
  await chair.getByRole('button', { name: '开始会议：加装电梯专题协商会' }).click();
  await expect(yang.getByLabel('发言类型')).toBeVisible();
  await yang.getByLabel('发言类型').selectOption({ label: '发言' });
  await yang.getByRole('button', { name: '举手' }).click();
  await expect(wang.getByLabel('Kind')).toBeVisible();
  await wang.getByLabel('Kind').selectOption({ label: 'Speech' });
  await wang.getByRole('button', { name: 'Raise hand' }).click();
  const queue = yang.getByRole('list', { name: '发言队列' });
  await expect(queue.getByRole('listitem')).toHaveCount(2);
  await expect(queue.getByRole('listitem').nth(0)).toContainText('第一次发言');
  await expect(queue.getByRole('listitem').nth(1)).toContainText('第一次发言');
  await expect(projector.getByRole('list', { name: '即将发言' })).toContainText('王秀兰');
  await expect(wang.getByRole('list', { name: 'Speaker queue' })).toContainText('First speech');

  await chair.locator('li.meeting').screenshot({ path: 'test-results/ordering-policy-topic.png' });

  // With a speaker on the floor, the projector keeps the rules beside the countdown.
  await chair.goto(`/meetings/${meetingId}`);
  await chair.getByRole('button', { name: '准许发言：杨晓燕' }).click();
  await expect(projector.getByTestId('countdown')).toBeVisible();
  await expect(hall.locator('[data-rule="order"] dd')).toBeInViewport();
  await expect(hall.locator('[data-rule="limits"] dd')).toBeInViewport();

  await yang.screenshot({ path: 'test-results/ordering-policy-room-desktop.png', fullPage: true });
  await wang.screenshot({ path: 'test-results/ordering-policy-room-phone.png', fullPage: true });
  await projector.screenshot({ path: 'test-results/ordering-policy-projector.png' });
});
