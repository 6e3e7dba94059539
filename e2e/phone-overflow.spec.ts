import type { APIRequestContext, Page } from '@playwright/test';
import { apiCaller, expect, password, signedIn, test } from './fixtures.js';

/**
 * On a 390 px phone nothing scrolls sideways: the topic list with a tag of 40 letters and no space,
 * and a meeting's read-only minutes with a table wider than the screen (which scrolls in its own box,
 * reachable by keyboard). A member who is not a participant is told so in the room, and by whom they
 * can be added.
 */
test.use({ locale: 'zh-CN' });

const phone = { width: 390, height: 844 };
/** The longest tag allowed (40 characters), with no space to break at. */
const longTag = '城乡社区治理与基层协商民主制度化规范化程序化建设及老旧小区加装电梯资金分担机制研究'.slice(0, 40);
const wideTable = [
  '| 发言人 | 界别 | 发言时间 | 发言时长 | 议题 | 主要观点 | 回应单位 |',
  '| --- | --- | --- | --- | --- | --- | --- |',
  '| 杨晓燕 | 社会福利和社会保障界 | 2026-11-30 09:00 | 3 分钟 | 加装电梯 | 资金分担 | 住房和城乡建设局 |',
].join('\n');

async function seed(request: APIRequestContext, setupCode: string) {
  const { call, as } = apiCaller(request);
  await call('/api/setup', { login: 'admin', password, displayName: '管理员', setupCode });
  const org = (await call('/api/orgs', { name: '江城市政协', level: 'city' })).org;
  const ids: Record<string, string> = {};
  for (const [login, displayName, role] of [
    ['chair', '周主席', 'chair'],
    ['clerk', '李秘书', 'secretariat'],
    ['yang', '杨晓燕', 'member'],
    ['liu', '刘建国', 'member'],
  ] as const) {
    ids[login] = (
      await call(`/api/orgs/${org.id}/members`, { login, password, displayName, role, sector: null })
    ).user.id;
  }
  await as('yang');
  const topic = (
    await call('/api/topics', { orgId: org.id, title: '推进老旧小区加装电梯', summary: '摘要', tags: [longTag] })
  ).topic;
  await as('chair');
  await call(`/api/topics/${topic.id}/advance`, { to: 'vetting' });
  await call(
    `/api/topics/${topic.id}/vetting`,
    { relevance: { answer: true, reason: '相关' }, remit: { answer: true, reason: '在职能范围内' } },
    'put',
  );
  await call(`/api/topics/${topic.id}/advance`, { to: 'preparation' });
  await call(`/api/topics/${topic.id}/participants`, { userId: ids.yang, assessment: '熟悉情况' });
  await call(`/api/topics/${topic.id}/research`, { title: '调研报告', summary: '摘要', body: '正文' });
  await call(`/api/topics/${topic.id}/advance`, { to: 'consultation' });
  const held = (
    await call(`/api/topics/${topic.id}/meetings`, { title: '第一次协商会', startsAt: new Date().toISOString() })
  ).meeting;
  await call(`/api/meetings/${held.id}/open`, {});
  await call(`/api/meetings/${held.id}/close`, {});
  await call(`/api/meetings/${held.id}/minutes`, { body: `# 会议纪要\n\n${wideTable}\n` }, 'put');
  const live = (
    await call(`/api/topics/${topic.id}/meetings`, { title: '第二次协商会', startsAt: new Date().toISOString() })
  ).meeting;
  await call(`/api/meetings/${live.id}/open`, {});
  return { heldId: held.id as string, liveId: live.id as string };
}

/**
 * The page is no wider than the layout viewport. Not `window.innerWidth`: a phone (the project's
 * `isMobile`) zooms out to show a page that overflows, and its inner width grows with the page.
 */
const fitsWidth = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

test('topic list, read-only minutes and the room fit a phone; a non-participant is told so @phone', async ({
  browser,
  request,
  yishi,
  consoleErrors,
}) => {
  const { heldId, liveId } = await seed(request, yishi.setupCode);
  const liu = await signedIn(browser, yishi.url, 'liu', consoleErrors, phone);

  await liu.goto('/topics');
  await expect(liu.getByText(longTag)).toBeVisible();
  await liu.screenshot({ path: 'test-results/phone-overflow-topics.png', fullPage: true });
  expect(await fitsWidth(liu)).toBe(true);

  await liu.goto(`/meetings/${heldId}/minutes`);
  await expect(liu.getByRole('cell', { name: '住房和城乡建设局' })).toBeAttached();
  await liu.screenshot({ path: 'test-results/phone-overflow-minutes.png', fullPage: true });
  expect(await fitsWidth(liu)).toBe(true);
  const table = liu.getByRole('region', { name: '表格 1' });
  // The table scrolls in its own box, which the keyboard reaches.
  expect(await table.evaluate((box) => box.scrollWidth > box.clientWidth)).toBe(true);
  await table.focus();
  await expect(table).toBeFocused();

  await liu.goto(`/meetings/${liveId}`);
  await expect(liu.getByText('您的身份：旁听（非参加人员）')).toBeVisible();
  await expect(liu.getByText(/您不是本议题的参加人员，可以旁听，不能申请发言或投票。/)).toContainText('周主席或李秘书');
  await liu.screenshot({ path: 'test-results/phone-overflow-room.png', fullPage: true });
  expect(await fitsWidth(liu)).toBe(true);
});
