import { apiCaller, enrol, expect, password, signedIn, test } from './fixtures.js';

/**
 * A long list comes a page at a time: the topic list shows the first 50 with the total, loads the
 * rest on "show more", and keeps its filters in the address, so that a filtered list survives a
 * reload and "back" returns to the whole list.
 */
test.use({ locale: 'zh-CN' });

test('the topic list pages, counts, and keeps its filters in the address', async ({
  browser,
  request,
  yishi,
  consoleErrors,
}) => {
  const { call, as } = apiCaller(request);
  await call('/api/setup', { login: 'admin', password, displayName: '管理员', setupCode: yishi.setupCode });
  const org = (await call('/api/orgs', { name: '江城市政协', level: 'city' })).org;
  for (const [login, displayName] of [
    ['yang', '杨晓燕'],
    ['wang', '王秀兰'],
  ]) {
    await call(`/api/orgs/${org.id}/members`, { login, password, displayName, role: 'member' });
  }
  await as('yang');
  for (let i = 1; i <= 55; i++) {
    const tags = i % 5 === 0 ? ['养老服务'] : ['营商环境'];
    await call('/api/topics', { orgId: org.id, title: `议题第${i}号`, summary: '摘要', tags });
  }

  const page = await signedIn(browser, yishi.url, 'wang', consoleErrors);
  await page.goto('/topics');
  const list = page.getByRole('list', { name: '议题列表' });
  // One link per topic (its tags are a list of their own inside each row).
  const rows = list.getByRole('link');
  await expect(page.getByRole('status').filter({ hasText: '议题' })).toHaveText('共 55 个议题，已显示 50 个');
  await expect(rows).toHaveCount(50);
  await expect(rows.first()).toHaveText('议题第55号');
  await page.getByRole('button', { name: '显示更多议题' }).click();
  await expect(rows).toHaveCount(55);
  await expect(rows.last()).toHaveText('议题第1号');
  await expect(page.getByRole('status').filter({ hasText: '议题' })).toHaveText('共 55 个议题');
  await expect(page.getByRole('button', { name: '显示更多议题' })).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('topics-all.png'), fullPage: true });

  // A filter goes into the address; the list and its count follow it.
  await page.getByLabel('标签').fill('养老服务');
  await page.getByLabel('标签').press('Enter');
  await expect(page).toHaveURL(/\/topics\?tag=%E5%85%BB%E8%80%81%E6%9C%8D%E5%8A%A1$/);
  await expect(rows).toHaveCount(11);
  await expect(page.getByRole('status').filter({ hasText: '议题' })).toHaveText('共 11 个议题');

  // A reload keeps it, in the list and in the form; "back" returns to the whole list.
  await page.reload();
  await expect(page.getByLabel('标签')).toHaveValue('养老服务');
  await expect(rows).toHaveCount(11);
  await page.goBack();
  await expect(page).toHaveURL(/\/topics$/);
  await expect(page.getByLabel('标签')).toHaveValue('');
  await expect(page.getByRole('status').filter({ hasText: '议题' })).toHaveText('共 55 个议题，已显示 50 个');
  await page.screenshot({ path: test.info().outputPath('topics-first-page.png') });
});

test('the member table pages, counts and finds members by name or login, the search kept in the address', async ({
  browser,
  request,
  yishi,
  consoleErrors,
}) => {
  const { call } = apiCaller(request);
  await call('/api/setup', { login: 'admin', password, displayName: '管理员', setupCode: yishi.setupCode });
  const org = (await call('/api/orgs', { name: '江城市政协', level: 'city' })).org;
  for (let i = 1; i <= 58; i++) {
    const n = String(i).padStart(2, '0');
    await call(`/api/orgs/${org.id}/members`, { login: `m${n}`, password, displayName: `委员${n}`, role: 'member' });
  }
  await call(`/api/orgs/${org.id}/members`, { login: 'wang.xl', password, displayName: '王秀兰', role: 'member' });
  await enrol(call, org.id, [['wjg', '王建国', 'official']]);

  const page = await signedIn(browser, yishi.url, 'admin', consoleErrors);
  await page.goto(`/admin?org=${org.id}`);
  const table = page.getByRole('table', { name: '江城市政协的成员' });
  const rows = table.getByRole('row').filter({ has: page.getByRole('rowheader') });
  const count = page.getByRole('status').filter({ hasText: '名成员' });
  await expect(count).toHaveText('共 60 名成员，已显示 50 名');
  await expect(rows).toHaveCount(50);
  await page.getByRole('button', { name: '显示更多成员' }).click();
  await expect(rows).toHaveCount(60);
  await expect(count).toHaveText('共 60 名成员');

  const search = page.getByRole('searchbox', { name: '按姓名或登录名查找成员' });
  await search.fill('王');
  await search.press('Enter');
  await expect(rows).toHaveCount(2);
  await expect(count).toHaveText('共 2 名成员');
  // The search is in the address: a reload keeps it, in the table and in the field.
  await expect(page).toHaveURL(new RegExp(`/admin\\?org=${org.id}&q=%E7%8E%8B$`));
  await page.reload();
  await expect(search).toHaveValue('王');
  await expect(rows).toHaveCount(2);
  await search.fill('WANG');
  await page.getByRole('button', { name: '查找', exact: true }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByRole('rowheader')).toContainText('王秀兰');
  await page.screenshot({ path: test.info().outputPath('members-found.png'), fullPage: true });
  await search.fill('没有这个人');
  await search.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: '没有符合查找条件的成员。' })).toBeVisible();
  await page.getByRole('button', { name: '显示全部' }).click();
  await expect(count).toHaveText('共 60 名成员，已显示 50 名');
  await expect(search).toHaveValue('');
  await expect(page).toHaveURL(new RegExp(`/admin\\?org=${org.id}$`));
});
