import type { Browser, Page } from '@playwright/test';
import { DEMO_PASSWORD, seedDemo } from '../apps/server/src/demo/seed.js';
import { expect, test, watchConsole } from './fixtures.js';

/**
 * The written duty on a 390 px phone, on the demo's data: a member's proposals, a proposal, her
 * opinion reports and the form for a new one, her duty record; the chair's duty table, the reports
 * and the bulletin. Nothing scrolls sideways; each page is photographed.
 */
test.use({ locale: 'zh-CN' });

const phone = { width: 390, height: 844 };

async function onPhone(browser: Browser, baseURL: string, login: string, errors: string[]): Promise<Page> {
  const context = await browser.newContext({
    locale: 'zh-CN',
    baseURL,
    viewport: phone,
    isMobile: true,
    hasTouch: true,
  });
  const res = await context.request.post('/api/auth/login', { data: { login, password: DEMO_PASSWORD } });
  expect(res.status()).toBe(200);
  const page = await context.newPage();
  watchConsole(page, errors);
  return page;
}

/** The page is no wider than the layout viewport (see e2e/phone-overflow.spec.ts). */
const fitsWidth = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

test('proposals, opinion reports, bulletins and duty records fit a phone @phone', async ({
  browser,
  yishi,
  consoleErrors,
}, testInfo) => {
  test.setTimeout(120_000);
  await seedDemo(yishi.url, yishi.setupCode);
  const fits = async (page: Page, name: string) => {
    await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
    expect(await fitsWidth(page), name).toBe(true);
  };

  // 张明远 (member3): a closed proposal, a draft, one not accepted that he turned into a report.
  const member = await onPhone(browser, yishi.url, 'member3', consoleErrors);
  await member.goto('/proposals');
  await expect(member.getByRole('link', { name: '关于建设全市统一政务数据平台的提案' })).toBeVisible();
  await fits(member, '1-proposals');
  await member.getByRole('link', { name: '关于建设全市统一政务数据平台的提案' }).click();
  await expect(member.getByRole('heading', { name: '关于建设全市统一政务数据平台的提案', level: 1 })).toBeVisible();
  await fits(member, '2-proposal-not-accepted');
  await member.goto('/opinions');
  await expect(member.getByRole('link', { name: '关于建设全市统一政务数据平台的提案' })).toBeVisible();
  await fits(member, '3-opinions');
  await member.goto('/opinions/new');
  await expect(member.getByLabel('标题')).toBeVisible();
  await fits(member, '4-opinion-new');
  await member.goto('/duty');
  await expect(member.getByRole('heading', { name: '我的履职', level: 1 })).toBeVisible();
  await fits(member, '5-duty-record');

  // The chair: the duty table of every member, the reports, the bulletin.
  const chair = await onPhone(browser, yishi.url, 'chair', consoleErrors);
  await chair.goto('/duty');
  await expect(chair.getByRole('table').first()).toBeVisible();
  await fits(chair, '6-duty-table');
  await chair.goto('/opinions');
  await chair.getByRole('link', { name: '社区老年食堂运营困难亟待破解' }).click();
  await expect(chair.getByText('王建国（市长）')).toBeVisible();
  await fits(chair, '7-opinion-instructed');
  await chair.getByRole('link', { name: /社情民意专报：老年助餐与新就业形态劳动者保障/ }).click();
  await expect(chair.getByRole('heading', { name: '社情民意专报：老年助餐与新就业形态劳动者保障' })).toBeVisible();
  await fits(chair, '8-bulletin');
});
