import type { Page } from '@playwright/test';
import { apiCaller, enrol, expect, password, signedIn, test } from './fixtures.js';

/**
 * Work across levels in the browser (上报): a county chair forwards a topic to the city with a note;
 * the city chair opens the dossier and reads where it came from; the county sees its stage there.
 */
test.use({ locale: 'zh-CN' });

test('a county chair sends a topic up to the city, whose chair reads its provenance', async ({
  browser,
  request,
  yishi,
  consoleErrors,
}, testInfo) => {
  test.setTimeout(120_000);
  const { call, as } = apiCaller(request);
  await call('/api/setup', { login: 'admin', password, displayName: '管理员', setupCode: yishi.setupCode });
  const city = (await call('/api/orgs', { name: '江城市政协', level: 'city' })).org;
  const county = (await call('/api/orgs', { name: '临江县政协', level: 'county', parentId: city.id })).org;
  await enrol(call, city.id, [['chair', '周主席', 'chair', null]]);
  await enrol(call, county.id, [['kchair', '林县主席', 'chair', null]]);
  await as('kchair');
  const title = '跨县河道治理需要市级统筹';
  const topic = (
    await call('/api/topics', { orgId: county.id, title, summary: '临江县与平湖县交界河段污染，需市级协调。' })
  ).topic;
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });

  // The county chair forwards it from the topic's page.
  const kchair = await signedIn(browser, yishi.url, 'kchair', consoleErrors);
  await kchair.goto(`/topics/${topic.id}`);
  const section = kchair.getByRole('region', { name: '上报与交办' });
  await section.getByLabel('转送至').selectOption({ label: '上报：江城市政协' });
  const note = '涉及两县，需市政协牵头协商。';
  await section.getByLabel('附言').fill(note);
  await shot(kchair, '1-forward-form');
  await section.getByRole('button', { name: '转送' }).click();
  await expect(section.getByRole('status')).toHaveText('已上报至江城市政协。');
  await expect(section.getByText('上报至江城市政协', { exact: true })).toBeVisible();
  const dossier = section.getByRole('link', { name: title });
  await expect(dossier).toBeVisible();
  await expect(section.getByText('已提出', { exact: true })).toBeVisible();
  const href = await dossier.getAttribute('href');
  await shot(kchair, '2-forwarded');

  // The city chair is asked to take it up, and opens the dossier from the bell: the city's own
  // topic, with where it came from and the note.
  const chair = await signedIn(browser, yishi.url, 'chair', consoleErrors);
  await chair.getByRole('button', { name: '通知，1 条未读' }).click();
  await chair.getByRole('link', { name: `「${title}」由临江县政协上报，请审议` }).click();
  await expect(chair).toHaveURL(new RegExp(`${href}$`));
  await expect(chair.getByRole('heading', { name: title, level: 1 })).toBeVisible();
  const provenance = chair.getByRole('region', { name: '上报与交办' });
  await expect(provenance.getByText('临江县政协上报至江城市政协')).toBeVisible();
  await expect(provenance.getByText(`附言：${note}`)).toBeVisible();
  await expect(provenance).toContainText('林县主席');
  await shot(chair, '3-dossier-provenance');
  // The original is one click away for those above.
  await provenance.getByRole('link', { name: '查看原议题' }).click();
  await expect(chair).toHaveURL(new RegExp(`/topics/${topic.id}$`));
  await expect(chair.getByText('临江县政协', { exact: false }).first()).toBeVisible();
});
