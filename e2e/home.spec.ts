import type { Page } from '@playwright/test';
import { expect, seedTopic, signedIn, test } from './fixtures.js';

/**
 * The home page shows what is live now and what waits on me. A participant sees the meeting the chair
 * opens appear on their home page as it happens, and its button takes them into the room. The home
 * page and the dashboard fit a 390 px phone, in Chinese and in English.
 */
test.use({ locale: 'zh-CN' });

const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 900 };

/** The page is no wider than the layout viewport (see phone-overflow.spec.ts). */
const fitsWidth = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

/**
 * A topic in consultation with a counterpart, hybrid meeting scheduled (and one more for next week),
 * and a second topic waiting for the chair's vetting; the caller is left signed in as the chair.
 */
async function seed(request: Parameters<typeof seedTopic>[0], setupCode: string) {
  const seeded = await seedTopic(request, setupCode);
  const { call, topicId, orgId, as } = seeded;
  const meeting = (
    await call(`/api/topics/${topicId}/meetings`, {
      title: '加装电梯对口协商会',
      startsAt: new Date(Date.now() + 10 * 60_000).toISOString(),
      form: 'counterpart',
      mode: 'hybrid',
    })
  ).meeting;
  await call(`/api/topics/${topicId}/meetings`, {
    title: '第二次协商会',
    startsAt: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
  });
  await as('wang');
  const other = (await call('/api/topics', { orgId, title: '规范社区养老服务站运营', summary: '摘要' })).topic;
  await as('chair');
  await call(`/api/topics/${other.id}/advance`, { to: 'vetting' });
  return { ...seeded, meetingId: meeting.id as string };
}

test('the live-now card appears for a participant when the chair opens the meeting, and joins the room', async ({
  browser,
  request,
  yishi,
  consoleErrors,
}) => {
  const { call, meetingId } = await seed(request, yishi.setupCode);
  const yang = await signedIn(browser, yishi.url, 'yang', consoleErrors);
  const live = yang.getByRole('region', { name: '正在进行' });
  await expect(live).toContainText('您的议题目前没有正在召开的会议。');
  await expect(yang.getByRole('list', { name: '即将召开的会议' })).toContainText('加装电梯对口协商会');
  await expect(yang.getByRole('region', { name: '我的待办' })).toContainText('没有等待您处理的事项。');
  // The page hears of the topic's changes from now on.
  await expect(live).toHaveAttribute('data-following', 'true');

  await call(`/api/meetings/${meetingId}/open`, {});
  const open = yang.getByRole('list', { name: '正在召开的会议' });
  await expect(open).toContainText('加装电梯对口协商会');
  await expect(open).toContainText('对口协商 · 现场与远程结合 · 您参加本次会议');
  await expect(yang.getByRole('list', { name: '即将召开的会议' })).not.toContainText('加装电梯对口协商会');
  await yang.screenshot({ path: 'test-results/home-live-zh-desktop.png', fullPage: true });

  await yang.getByRole('link', { name: '进入会议室：加装电梯对口协商会' }).click();
  await expect(yang).toHaveURL(new RegExp(`/meetings/${meetingId}$`));
  await expect(yang.getByRole('button', { name: '举手' })).toBeVisible();

  // Ended: no longer live on the home page.
  await call(`/api/meetings/${meetingId}/close`, {});
  await yang.goto('/');
  await expect(yang.getByRole('region', { name: '正在进行' })).toContainText('您的议题目前没有正在召开的会议。');
});

test('the home page and the dashboard fit a phone, in Chinese and in English', async ({
  browser,
  request,
  yishi,
  consoleErrors,
}) => {
  const { call, meetingId } = await seed(request, yishi.setupCode);
  await call(`/api/meetings/${meetingId}/open`, {});

  for (const [name, viewport] of [
    ['desktop', desktop],
    ['phone', phone],
  ] as const) {
    const chair = await signedIn(browser, yishi.url, 'chair', consoleErrors, viewport);
    const open = chair.getByRole('list', { name: '正在召开的会议' });
    await expect(open).toContainText('您主持本次会议');
    await expect(chair.getByRole('list', { name: '我的待办' })).toContainText('审查议题“规范社区养老服务站运营”');
    await chair.screenshot({ path: `test-results/home-zh-${name}.png`, fullPage: true });
    expect(await fitsWidth(chair), `home, zh-CN, ${name}`).toBe(true);

    await chair.goto('/dashboard');
    const forms = chair.getByRole('region', { name: '各形式协商会议' });
    await expect(forms).toContainText(/年共 \d 次（含已安排）/);
    await expect(forms.getByRole('list', { name: /按参会方式统计/ })).toContainText(/现场与远程结合\s*1/);
    await chair.screenshot({ path: `test-results/dashboard-zh-${name}.png`, fullPage: true });
    expect(await fitsWidth(chair), `dashboard, zh-CN, ${name}`).toBe(true);

    await chair.evaluate(() => localStorage.setItem('yishi.lang', 'en'));
    await chair.goto('/');
    await expect(chair.getByRole('list', { name: 'Meetings open now' })).toContainText('You chair it');
    await expect(chair.getByRole('link', { name: 'Join the room: 加装电梯对口协商会' })).toBeVisible();
    await chair.screenshot({ path: `test-results/home-en-${name}.png`, fullPage: true });
    expect(await fitsWidth(chair), `home, en, ${name}`).toBe(true);

    await chair.goto('/dashboard');
    await expect(chair.getByRole('region', { name: 'Meetings by form' })).toContainText('held or scheduled');
    await chair.screenshot({ path: `test-results/dashboard-en-${name}.png`, fullPage: true });
    expect(await fitsWidth(chair), `dashboard, en, ${name}`).toBe(true);
    await chair.context().close();
  }
});
