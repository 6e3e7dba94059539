import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { apiCaller, committee, enrol, expect, password, signedIn, test } from './fixtures.js';

/**
 * A public-opinion report (社情民意信息) from a member's pen to a leader's instruction, in the
 * browser: the member submits it; the secretariat edits its title and adopts it, compiles a bulletin
 * (专报) with it and records a leader's instruction on it; the member hears each step under the bell
 * and reads the instruction. The bulletin's PDF is downloaded through its page's link and its first
 * page rendered. Each page is photographed on the way, and the bulletins page on a phone.
 */
test.use({ locale: 'zh-CN' });

const phone = { width: 390, height: 844 };
const fitsWidth = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

test('a report goes from a member through the secretariat’s adoption and a bulletin to a leader’s instruction', async ({
  browser,
  request,
  yishi,
  consoleErrors,
}, testInfo) => {
  // Two people in turn and a phone, each page photographed, a PDF rendered.
  test.setTimeout(150_000);
  const { call, as } = apiCaller(request);
  await call('/api/setup', { login: 'admin', password, displayName: '管理员', setupCode: yishi.setupCode });
  const org = (await call('/api/orgs', { name: '江城市政协', level: 'city' })).org;
  await enrol(call, org.id, [...committee, ['mishu', '秘书处刘敏', 'secretariat', null]]);
  const shot = async (page: Page, name: string) =>
    page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });

  // The member writes the report; sending it empty says what is missing, beside each field.
  const yang = await signedIn(browser, yishi.url, 'yang', consoleErrors);
  await yang.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '社情民意' }).click();
  await expect(yang.getByRole('heading', { name: '社情民意信息', level: 1 })).toBeVisible();
  await expect(yang.getByText('暂无社情民意信息。')).toBeVisible();
  // A member sees neither the bulletins nor anyone else's reports.
  await expect(yang.getByRole('link', { name: '专报' })).toHaveCount(0);
  await yang.getByRole('link', { name: '报送社情民意' }).click();
  await yang.getByRole('button', { name: '提交' }).click();
  await expect(yang.getByLabel('标题')).toBeFocused();
  await expect(yang.getByLabel('内容')).toHaveAttribute('aria-invalid', 'true');
  await yang.getByLabel('标题').fill('学校周边上下学时段交通拥堵');
  await yang.getByLabel('类别').selectOption({ label: '社会民生' });
  await yang
    .getByLabel('内容')
    .fill(
      '城区多所小学门前道路在上下学时段严重拥堵，家长车辆临时停靠占用车道。建议错峰放学，开放周边单位停车场，设置临时落客区。',
    );
  await shot(yang, '1-new');
  await yang.getByRole('button', { name: '提交' }).click();
  await expect(yang.getByRole('heading', { name: '学校周边上下学时段交通拥堵', level: 1 })).toBeVisible();
  await expect(yang.getByText('待处理', { exact: true })).toBeVisible();
  // Hers to read, not to edit: the secretariat edits and decides.
  await expect(yang.getByRole('button', { name: '编辑' })).toHaveCount(0);
  const address = yang.url();

  // The secretariat finds it among all the reports, edits its title and adopts it.
  const mishu = await signedIn(browser, yishi.url, 'mishu', consoleErrors);
  await mishu.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '社情民意' }).click();
  await expect(mishu.getByText('共 1 条信息')).toBeVisible();
  await expect(mishu.getByRole('listitem').filter({ hasText: '学校周边上下学时段交通拥堵' })).toContainText(
    '反映人：杨晓燕',
  );
  await shot(mishu, '2-list');
  await mishu.getByRole('link', { name: '学校周边上下学时段交通拥堵' }).click();
  await mishu.getByRole('button', { name: '编辑' }).click();
  await mishu.getByLabel('标题').fill('关于缓解中小学周边上下学交通拥堵的建议');
  await mishu.getByRole('button', { name: '保存修改' }).click();
  const title = '关于缓解中小学周边上下学交通拥堵的建议';
  await expect(mishu.getByRole('heading', { name: title, level: 1 })).toBeVisible();
  await expect(mishu.getByText(/秘书处刘敏 于 .+ 编辑/)).toBeVisible();
  const handle = mishu.getByRole('region', { name: '处理' });
  await handle.getByRole('radio', { name: '采用', exact: true }).check();
  await handle.getByLabel('说明').fill('拟编入专报报送市政府。');
  await shot(mishu, '3-detail-secretariat');
  await handle.getByRole('button', { name: '记录处理意见' }).click();
  await expect(handle).toContainText('已采用');
  await expect(handle).toContainText('拟编入专报报送市政府。');
  await expect(mishu.getByRole('region', { name: '领导批示' })).toContainText('尚无领导批示。');

  // … compiles a bulletin with it on the bulletins page, reached from the reports' …
  await mishu.getByRole('link', { name: '全部社情民意' }).click();
  await mishu.getByRole('link', { name: '专报', exact: true }).click();
  await expect(mishu.getByRole('heading', { name: '专报', level: 1 })).toBeVisible();
  await expect(mishu.getByText('暂无专报。')).toBeVisible();
  const compile = mishu.getByRole('form', { name: '编发专报' });
  await compile.getByLabel('专报标题').fill('社情民意专报（交通专题）');
  await compile.getByRole('checkbox', { name: title }).check();
  await expect(compile.getByText('第 1 条')).toBeVisible();
  await shot(mishu, '4-bulletins');
  await compile.getByRole('button', { name: '编发专报' }).click();
  await expect(mishu.getByRole('heading', { name: '社情民意专报（交通专题）', level: 1 })).toBeVisible();
  const year = new Date().getFullYear();
  await expect(mishu.getByText(new RegExp(`^${year}-01$`))).toBeVisible();
  await expect(mishu.getByRole('listitem').filter({ hasText: title })).toContainText('反映人：杨晓燕');
  await shot(mishu, '5-bulletin');

  // … whose PDF the page's link downloads: its first page renders, and is not blank.
  const [download] = await Promise.all([
    mishu.waitForEvent('download'),
    mishu.getByRole('link', { name: '下载 PDF' }).click(),
  ]);
  const pdf = testInfo.outputPath('bulletin.pdf');
  await download.saveAs(pdf);
  expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  const prefix = testInfo.outputPath('bulletin-page');
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, prefix]);
  const rendered = readdirSync(path.dirname(prefix)).filter((name) => /^bulletin-page-0*1\.png$/.test(name));
  expect(rendered).toHaveLength(1);
  expect(statSync(path.join(path.dirname(prefix), rendered[0]!)).size).toBeGreaterThan(1_000);

  // … and records the leader's instruction on the report, opened from the bulletin.
  await mishu.getByRole('link', { name: title }).click();
  const bulletins = mishu.getByRole('region', { name: '编入专报' });
  await expect(bulletins.getByRole('link')).toHaveText(new RegExp(`第 ${year}-01 期：社情民意专报（交通专题）`));
  const instructions = mishu.getByRole('region', { name: '领导批示' });
  await instructions.getByLabel('批示人').fill('市长 张明');
  await instructions.getByLabel('批示内容').fill('请市教育局、市公安局交警支队会同各区研究落实。');
  // Yesterday: never in the future, whatever the committee's time zone and the test's.
  const yesterday = new Date(Date.now() - 24 * 3600 * 1000).toISOString().slice(0, 10);
  await instructions.getByLabel('批示日期').fill(yesterday);
  await instructions.getByRole('button', { name: '登记批示' }).click();
  await expect(instructions.getByRole('listitem')).toContainText('请市教育局、市公安局交警支队会同各区研究落实。');

  // The member hears of the adoption, the bulletin and the instruction under the bell.
  await yang.getByRole('button', { name: '通知，3 条未读' }).click();
  const bell = yang.getByRole('region', { name: '通知' });
  await expect(bell.getByRole('link', { name: new RegExp(`「${title}」已被采用`) })).toBeVisible();
  await expect(bell.getByRole('link', { name: new RegExp(`「${title}」已编入第 ${year}-01 期专报`) })).toBeVisible();
  await bell.getByRole('link', { name: new RegExp(`「${title}」获市长 张明批示`) }).click();
  await expect(yang).toHaveURL(address);
  await expect(yang.getByRole('heading', { name: title, level: 1 })).toBeVisible();
  await expect(yang.getByRole('region', { name: '领导批示' }).getByRole('listitem')).toContainText(
    '请市教育局、市公安局交警支队会同各区研究落实。',
  );
  // The bulletin is named for her, not linked: bulletins are the committee's.
  await expect(yang.getByRole('region', { name: '编入专报' })).toContainText('社情民意专报（交通专题）');
  await expect(yang.getByRole('region', { name: '编入专报' }).getByRole('link')).toHaveCount(0);
  await shot(yang, '6-detail-member');

  // On a phone, the bulletins page with its compile form fits the screen.
  const small = await signedIn(browser, yishi.url, 'mishu', consoleErrors, phone);
  await small.goto('/bulletins');
  await expect(small.getByRole('link', { name: '社情民意专报（交通专题）' })).toBeVisible();
  await expect(small.getByRole('checkbox', { name: title })).toBeVisible();
  expect(await fitsWidth(small)).toBe(true);
  await shot(small, '7-bulletins-phone');
  await small.goto(address);
  await expect(small.getByRole('heading', { name: title, level: 1 })).toBeVisible();
  expect(await fitsWidth(small)).toBe(true);
  await shot(small, '8-detail-phone');

  // A proposal not accepted becomes a report at its author's word, asked first, once.
  await as('yang');
  const proposal = (
    await call(`/api/orgs/${org.id}/proposals`, {
      title: '关于增设社区嵌入式托育点的提案',
      reasons: '双职工家庭三岁以下婴幼儿托育需求大，社区托育点少。',
      suggestions: '利用社区闲置用房增设嵌入式托育点。',
      category: 'society',
    })
  ).proposal.id as string;
  await call(`/api/proposals/${proposal}/submit`, {});
  await as('mishu');
  await call(`/api/proposals/${proposal}/review`, { decision: 'not_accepted', reason: '建议以社情民意形式反映。' });
  await yang.goto(`/proposals/${proposal}`);
  await yang.getByRole('button', { name: '转为社情民意信息' }).click();
  const confirm = yang.getByRole('alertdialog', { name: '转为社情民意信息？' });
  await expect(confirm).toBeVisible();
  await shot(yang, '9-convert-confirm');
  await confirm.getByRole('button', { name: '转为社情民意信息' }).click();
  await expect(yang.getByRole('heading', { name: '关于增设社区嵌入式托育点的提案', level: 1 })).toBeVisible();
  await expect(yang.getByText('待处理', { exact: true })).toBeVisible();
  await yang.getByRole('link', { name: '关于增设社区嵌入式托育点的提案' }).click();
  await expect(yang.getByText('本提案已转为社情民意信息。')).toBeVisible();
  await expect(yang.getByRole('button', { name: '转为社情民意信息' })).toHaveCount(0);
  await shot(yang, '10-proposal-converted');
  expect(consoleErrors).toEqual([]);
});
