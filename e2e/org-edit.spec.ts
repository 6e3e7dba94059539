import AxeBuilder from '@axe-core/playwright';
import { apiCaller, expect, password, signedIn, test } from './fixtures.js';

/**
 * The administrator renames a county and moves it, its liaison station with it, to another city on
 * the administration page; the page lists the stations under it, and offers a city only the places
 * its level allows.
 */
test.use({ locale: 'zh-CN' });

test('the administrator renames a county and moves it, station and all, under another city', async ({
  browser,
  request,
  yishi,
  consoleErrors,
}, testInfo) => {
  const { call } = apiCaller(request);
  await call('/api/setup', { login: 'admin', password, displayName: '管理员', setupCode: yishi.setupCode });
  const province = (await call('/api/orgs', { name: '江南省政协', level: 'province' })).org;
  const cityA = (await call('/api/orgs', { name: '江城市政协', level: 'city', parentId: province.id })).org;
  await call('/api/orgs', { name: '临川市政协', level: 'city', parentId: province.id });
  const county = (await call('/api/orgs', { name: '临江县政协', level: 'county', parentId: cityA.id })).org;
  await call('/api/orgs', { name: '城关委员联络站', level: 'liaison_station', parentId: county.id });

  const page = await signedIn(browser, yishi.url, 'admin', consoleErrors);
  await page.goto(`/admin?org=${county.id}`);
  const panel = page.getByRole('region', { name: '组织信息' });
  await expect(panel.getByRole('listitem')).toHaveText(['城关委员联络站 委员联络站']);

  await panel.getByLabel('名称').fill('临江县政协（新区）');
  await panel.getByLabel('上级组织').selectOption({ label: '临川市政协 · 市级' });
  await panel.getByRole('button', { name: '保存' }).click();
  await expect(panel.getByRole('status')).toHaveText('已保存。');
  // The tree now has the county, and its station, under the other city.
  const tree = page.getByRole('navigation', { name: '组织结构' });
  // The innermost item that holds the city's link is the city's own (the province's holds it too).
  const otherCity = tree
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name: /^临川市政协/ }) })
    .last();
  await expect(otherCity).toContainText('临江县政协（新区）');
  await expect(otherCity).toContainText('城关委员联络站');
  await page.screenshot({ path: testInfo.outputPath('moved.png'), fullPage: true });
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(violations.map((v) => v.id)).toEqual([]);

  // A city goes to the top or under the province, never under a city.
  await page.goto(`/admin?org=${cityA.id}`);
  const cityPanel = page.getByRole('region', { name: '组织信息' });
  await expect(cityPanel.getByLabel('上级组织').getByRole('option')).toHaveText([
    '无（顶级组织）',
    '江南省政协 · 省级',
  ]);
});
