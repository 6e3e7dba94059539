import AxeBuilder from '@axe-core/playwright';
import { devices, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';
import { DEMO_PASSWORD, seedDemo, writeDraft } from '../apps/server/src/demo/seed.js';
import { apiCaller, expect, test, watchConsole } from './fixtures.js';

/**
 * Every page of the web app, scanned by axe for WCAG 2.1 A and AA: the first-run setup and the login
 * form on a fresh server, then, on the demo body (`npm run demo`'s seed), the home page, the topic list,
 * a topic in vetting, consultation, drafting (the draft shown), delivered (the answer form) and closed,
 * the meeting room as chair with a queue and as member, the projector, minutes being edited, asked for
 * approval and approved, the case library and a case, the inbox with the notifications open, the
 * dashboard, the audit log, the administration and the error page; and a few of them at the size of
 * the phone project (a Pixel 7 context, so the test itself runs once, in the desktop project).
 * One server, one seed, a few contexts.
 */
test.use({ locale: 'zh-CN' });

const wcag21aa = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Waits until the page has drawn what it loads (a heading, no busy placeholder left). */
async function settled(page: Page): Promise<void> {
  await expect(page.locator('h1').first()).toBeVisible();
  await expect(page.locator('[aria-busy="true"]:visible')).toHaveCount(0);
}

/** Scans the page as it is, failing the test (softly, so every page is scanned) on any violation. */
async function scan(page: Page, name: string): Promise<void> {
  await settled(page);
  // `options` before `withTags`: it replaces the options that `withTags` fills in.
  const { violations } = await new AxeBuilder({ page })
    .options({ resultTypes: ['violations'] })
    .withTags(wcag21aa)
    .analyze();
  const found = violations.flatMap((v) =>
    v.nodes.map((node) => `${v.id} (${v.impact ?? '?'}): ${v.help}\n    at ${node.target.join(' ')}`),
  );
  expect.soft(found, `WCAG 2.1 AA violations on ${name}:\n${found.join('\n')}`).toEqual([]);
}

/** Opens every folded part of the page (`<details>`), so that what it holds is scanned too. */
async function unfold(page: Page): Promise<void> {
  const folded = page.locator('details:not([open]) > summary:visible');
  for (let left = await folded.count(); left > 0; left--) await folded.first().click();
}

/** A new context of someone of the demo body, signed in through the API (the login form is scanned once). */
async function demoContext(
  browser: Browser,
  baseURL: string,
  login: string,
  errors: string[],
  options: BrowserContextOptions = {},
): Promise<Page> {
  const context = await browser.newContext({
    locale: 'zh-CN',
    baseURL,
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  const res = await context.request.post('/api/auth/login', { data: { login, password: DEMO_PASSWORD } });
  expect(res.status()).toBe(200);
  const page = await context.newPage();
  watchConsole(page, errors);
  return page;
}

const pixel7 = devices['Pixel 7'];
const phone: BrowserContextOptions = {
  viewport: pixel7.viewport,
  userAgent: pixel7.userAgent,
  deviceScaleFactor: pixel7.deviceScaleFactor,
  isMobile: pixel7.isMobile,
  hasTouch: pixel7.hasTouch,
};

test('every page meets WCAG 2.1 AA', async ({ page, browser, request, yishi, consoleErrors }) => {
  // Nearly two minutes on CI's two cores with some forty scans, most of it in the axe runs (1–3 s a
  // page); twice that is the limit.
  test.setTimeout(240_000);

  // A fresh server: the setup form, before anyone exists.
  await page.goto('/');
  await expect(page).toHaveURL(/\/setup/);
  await scan(page, 'setup');

  await seedDemo(yishi.url, yishi.setupCode);
  const { call, cookie } = apiCaller(request);
  const signIn = (login: string) => call('/api/auth/login', { login, password: DEMO_PASSWORD });
  await signIn('chair');
  const topics: { id: string; title: string }[] = (await (await request.get('/api/topics')).json()).topics;
  const topicId = (title: string) => topics.find((topic) => topic.title === title)!.id;
  const topic = async (id: string) => (await (await request.get(`/api/topics/${id}`)).json()).topic;
  const lifts = await topic(topicId('推进老旧小区加装电梯'));
  const business = await topic(topicId('进一步优化营商环境'));
  const liftsMeeting = lifts.meetings[0].id as string;

  // The chair signs in through the login form, and walks the pages of the body.
  await page.goto('/login');
  await scan(page, 'login');
  await page.getByLabel('登录名').fill('chair');
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { name: /您好/ })).toBeVisible();
  await expect(page.getByText('加装电梯专题协商会').first()).toBeVisible();
  await scan(page, 'home');
  await page.goto('/topics');
  await expect(page.getByRole('link', { name: '畅通农产品产销对接渠道' })).toBeVisible();
  await scan(page, 'topics list');
  await page.goto(`/topics/${topicId('畅通农产品产销对接渠道')}`);
  await scan(page, 'topic in vetting (chair)');
  await page.goto(`/topics/${lifts.id}`);
  await expect(page.getByRole('textbox', { name: '成果稿' })).toBeVisible();
  await unfold(page);
  await scan(page, 'topic in consultation (chair)');
  await page.goto(`/topics/${business.id}`);
  await expect(page.getByRole('textbox', { name: '成果稿' })).toContainText('应急转贷资金池');
  await unfold(page);
  await scan(page, 'closed topic, versions compared (chair)');
  await page.goto('/cases');
  await scan(page, 'case library');
  await page.goto(`/cases/${business.caseId}`);
  await scan(page, 'case');
  await page.goto('/dashboard');
  await scan(page, 'dashboard');

  // The written duty as the chair reads it: proposals, opinion reports and the bulletin, the duty table.
  await page.goto('/proposals?view=all');
  await scan(page, 'proposals, all submitted (chair)');
  await page.getByRole('link', { name: '关于加快老旧小区加装电梯的提案' }).click();
  await expect(page.getByRole('heading', { name: '关于加快老旧小区加装电梯的提案', level: 1 })).toBeVisible();
  await scan(page, 'proposal being handled (chair)');
  await page.goto('/opinions');
  await expect(page.getByRole('link', { name: '社区老年食堂运营困难亟待破解' })).toBeVisible();
  await scan(page, 'opinion reports (chair)');
  await page.getByRole('link', { name: '社区老年食堂运营困难亟待破解' }).click();
  await expect(page.getByText('王建国（市长）')).toBeVisible();
  await scan(page, 'opinion report with an instruction (chair)');
  await page.getByRole('link', { name: /社情民意专报：老年助餐与新就业形态劳动者保障/ }).click();
  await expect(page.getByRole('heading', { name: '社情民意专报：老年助餐与新就业形态劳动者保障' })).toBeVisible();
  await scan(page, 'bulletin (chair)');
  await page.goto('/duty');
  await expect(page.getByRole('table').first()).toBeVisible();
  await scan(page, 'duty table (chair)');

  // The live room: a member raises her hand; the chair sees the queue, gives her the floor.
  const member = await demoContext(browser, yishi.url, 'member6', consoleErrors);
  await member.goto(`/meetings/${liftsMeeting}`);
  await member.getByLabel('发言类型').selectOption({ label: '发言' });
  await member.getByRole('button', { name: '举手' }).click();
  await page.goto(`/meetings/${liftsMeeting}`);
  await expect(page.getByRole('list', { name: '发言队列' })).toContainText('杨晓燕');
  await unfold(page);
  await scan(page, 'meeting room (chair, queue waiting)');
  await scan(member, 'meeting room (member, hand raised)');
  const mobile = await demoContext(browser, yishi.url, 'chair', consoleErrors, phone);
  await mobile.goto(`/meetings/${liftsMeeting}`);
  await expect(mobile.getByRole('list', { name: '发言队列' })).toContainText('杨晓燕');
  await scan(mobile, 'meeting room (phone, chair, queue waiting)');
  await page.getByRole('button', { name: '准许发言：杨晓燕' }).click();
  await expect(page.getByRole('region', { name: '当前发言' })).toContainText('杨晓燕');
  await scan(page, 'meeting room (chair, someone speaking)');
  const projector = await page.context().newPage();
  watchConsole(projector, consoleErrors);
  await projector.setViewportSize({ width: 1920, height: 1080 });
  await projector.goto(`/meetings/${liftsMeeting}/projector`);
  await expect(projector.getByTestId('countdown')).toBeVisible();
  await scan(projector, 'projector');
  await projector.close();

  // The meeting ends; the topic goes to drafting with a draft written: minutes being edited, the draft.
  await page.getByRole('button', { name: '结束发言' }).click();
  const ids = Object.fromEntries(
    lifts.participants.map((p: { userId: string; displayName: string }) => [p.displayName, p.userId]),
  );
  for (const [name, kind] of [
    ['王秀兰', 'speech'],
    ['赵卫东', 'reply'],
  ] as const) {
    await call(`/api/meetings/${liftsMeeting}/speeches`, {
      speakerId: ids[name],
      kind,
      startedAt: new Date(Date.now() - 60_000).toISOString(),
      endedAt: new Date().toISOString(),
    });
  }
  await call(`/api/meetings/${liftsMeeting}/close`, {});
  await call(`/api/topics/${lifts.id}/advance`, { to: 'drafting' });
  await signIn('member6');
  await writeDraft(yishi.url, cookie(), lifts.id, [
    ['heading', '一、总体建议'],
    ['paragraph', '建议出台加装电梯资金分摊指引，明确低层住户的补偿办法。'],
  ]);
  await member.goto(`/topics/${lifts.id}`);
  await expect(member.getByRole('textbox', { name: '成果稿' })).toContainText('资金分摊指引');
  await scan(member, 'topic in drafting, draft shown (member)');
  await page.goto(`/meetings/${liftsMeeting}/minutes`);
  await scan(page, 'minutes being edited (chair)');

  // The chair approves the business meeting's minutes: the confirmation, then the approved minutes.
  await page.goto(`/meetings/${business.meetings[0].id}/minutes`);
  await page.getByRole('button', { name: '批准纪要' }).click();
  await expect(page.getByRole('alertdialog', { name: '批准纪要？' })).toBeVisible();
  await scan(page, 'minutes, approval asked (chair)');
  await page.getByRole('button', { name: '确定批准' }).click();
  await expect(page.getByRole('button', { name: '批准纪要' })).toHaveCount(0);
  await scan(page, 'approved minutes (chair)');

  // Delivered to the department: the official's inbox and answer form.
  await signIn('chair');
  await call(
    `/api/topics/${lifts.id}/outcome`,
    { form: 'recommendation', recipientDepartmentIds: [business.outcome.recipients[0].id], dueDate: '2099-03-31' },
    'put',
  );
  await call(`/api/topics/${lifts.id}/advance`, { to: 'delivered' });
  const official = await demoContext(browser, yishi.url, 'official', consoleErrors);
  await official.goto('/inbox');
  await expect(official.getByRole('link', { name: '推进老旧小区加装电梯' })).toBeVisible();
  await official.getByRole('button', { name: /^通知，\d+ 条未读$/ }).click();
  await expect(official.getByRole('region', { name: '通知' }).getByRole('link').first()).toBeVisible();
  await scan(official, 'inbox, notifications open (official)');
  await official.goto(`/topics/${lifts.id}`);
  await expect(official.getByRole('form', { name: '答复办理结果' })).toBeVisible();
  await scan(official, 'delivered topic with the answer form (official)');

  // The site administrator: administration and the audit log.
  const admin = await demoContext(browser, yishi.url, 'admin', consoleErrors);
  await admin.goto('/admin');
  await scan(admin, 'administration');
  await admin.goto('/audit');
  await scan(admin, 'audit log');

  // A page that does not exist: the browser reports its 404 answer as a console error, and nothing else.
  const lost = await page.context().newPage();
  const lostErrors: string[] = [];
  watchConsole(lost, lostErrors);
  expect((await lost.goto('/no-such-page'))?.status()).toBe(404);
  await expect(lost.getByRole('heading', { name: '找不到该页面。' })).toBeVisible();
  await scan(lost, 'error page');
  expect(lostErrors).toEqual([expect.stringMatching(/status of 404/)]);

  // A few pages at the phone project's size.
  await mobile.goto('/');
  await scan(mobile, 'home (phone)');
  await mobile.goto(`/topics/${business.id}`);
  await scan(mobile, 'closed topic (phone)');
});
