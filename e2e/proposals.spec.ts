import type { Page } from '@playwright/test';
import { apiCaller, committee, departmentName, enrol, expect, password, signedIn, test } from './fixtures.js';

/**
 * A proposal (提案) from draft to close, in the browser: a member files one and invites a co-signer,
 * who confirms; the member submits it; the secretariat, finding it counted on her dashboard's desk,
 * accepts it with a number, a lead department and a due date; the department's official finds it in
 * the inbox and replies; the member assesses the reply and it closes. Each page is photographed on the way.
 */
test.use({ locale: 'zh-CN' });

test('a proposal goes from a member’s draft through review and a department’s reply to its close', async ({
  browser,
  request,
  yishi,
  consoleErrors,
}, testInfo) => {
  // Four people in turn, each page photographed: 52 s on a loaded CI run, close to the default minute.
  test.setTimeout(150_000);
  const { call } = apiCaller(request);
  await call('/api/setup', { login: 'admin', password, displayName: '管理员', setupCode: yishi.setupCode });
  const org = (await call('/api/orgs', { name: '江城市政协', level: 'city' })).org;
  await enrol(call, org.id, [
    ...committee,
    ['mishu', '秘书处刘敏', 'secretariat', null],
    ['zhu', '朱建国', 'official', null],
  ]);
  const shot = async (page: Page, name: string) =>
    page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });

  // The member drafts the proposal.
  const yang = await signedIn(browser, yishi.url, 'yang', consoleErrors);
  await yang.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '提案' }).click();
  await expect(yang.getByRole('heading', { name: '提案', level: 1 })).toBeVisible();
  await expect(yang.getByText('暂无提案。')).toBeVisible();
  await yang.getByRole('link', { name: '撰写提案' }).click();
  // Sending an empty form says what is missing, beside each field.
  await yang.getByRole('button', { name: '保存草稿' }).click();
  await expect(yang.getByLabel('标题')).toBeFocused();
  await yang.getByLabel('标题').fill('关于加快老旧小区加装电梯的提案');
  await yang.getByLabel('类别').selectOption({ label: '社会民生' });
  await yang.getByLabel('案由').fill('全市2000年前建成的老旧小区中，六层住宅普遍没有电梯，老年居民上下楼困难。');
  await yang.getByLabel('建议').fill('一、简化审批流程；二、设立专项补贴资金池；三、由街道牵头协调业主意见。');
  await shot(yang, '1-new-proposal');
  await yang.getByRole('button', { name: '保存草稿' }).click();
  await expect(yang.getByRole('heading', { name: '关于加快老旧小区加装电梯的提案', level: 1 })).toBeVisible();
  await expect(yang.getByText('草稿', { exact: true })).toBeVisible();
  const address = yang.url();

  // … and invites a co-signer; until she confirms, it cannot be submitted.
  const cosigners = yang.getByRole('region', { name: '联名人' });
  await cosigners.getByLabel('邀请委员联名').selectOption({ label: '王秀兰' });
  await cosigners.getByRole('button', { name: '邀请' }).click();
  await expect(cosigners.getByRole('listitem')).toHaveText([/王秀兰\s*待确认/]);
  await expect(yang.getByText('所有联名人确认后方可提交。')).toBeVisible();
  await expect(yang.getByRole('button', { name: '提交提案委员会' })).toHaveCount(0);

  const wang = await signedIn(browser, yishi.url, 'wang', consoleErrors);
  await wang.goto('/proposals');
  await wang.getByRole('link', { name: '关于加快老旧小区加装电梯的提案' }).click();
  await expect(wang.getByText('杨晓燕 邀请您联名本提案。')).toBeVisible();
  await shot(wang, '2-invited');
  await wang.getByRole('button', { name: '确认联名' }).click();
  await expect(wang.getByText('您已联名本提案。')).toBeVisible();

  await yang.reload();
  await expect(cosigners.getByRole('listitem')).toHaveText([/王秀兰\s*已确认/]);
  await yang.getByRole('button', { name: '提交提案委员会' }).click();
  await expect(yang.getByText('待审查', { exact: true })).toBeVisible();
  // Submitted, the text is no longer the author's to change.
  await expect(yang.getByRole('button', { name: '修改' })).toHaveCount(0);

  // The secretariat accepts it: a number, the lead department, a due date a month away.
  // Her desk on the dashboard counts it among what waits for her, and links to the list.
  const mishu = await signedIn(browser, yishi.url, 'mishu', consoleErrors);
  await mishu.goto('/dashboard');
  const desk = mishu.getByRole('region', { name: '待处理' });
  await expect(desk.getByRole('link', { name: /1\s*件提案待审查/ })).toBeVisible();
  await expect(desk.getByRole('link', { name: /0\s*条社情民意信息待处理/ })).toBeVisible();
  await expect(desk.getByRole('link', { name: /0\s*件提案主办单位逾期未答复/ })).toBeVisible();
  await shot(mishu, '3a-secretariat-desk');
  await desk.getByRole('link', { name: /件提案待审查/ }).click();
  await expect(mishu.getByText('共 1 件提案')).toBeVisible();
  await mishu.getByRole('link', { name: '关于加快老旧小区加装电梯的提案' }).click();
  const review = mishu.getByRole('region', { name: '审查' });
  await review.getByRole('radio', { name: '立案', exact: true }).check();
  await review.getByLabel('主办单位').selectOption({ label: departmentName });
  const due = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  await review.getByLabel('答复期限').fill(due);
  await shot(mishu, '3-review');
  await review.getByRole('button', { name: '记录审查意见' }).click();
  const year = new Date().getFullYear();
  await expect(mishu.getByText('办理中', { exact: true })).toBeVisible();
  await expect(review).toContainText(`${year}-0001`);
  await expect(review).toContainText(departmentName);

  // The chair opens a consultation on it (提案办理协商): a topic that names the proposal, and back.
  const chair = await signedIn(browser, yishi.url, 'chair', consoleErrors);
  await chair.goto(address);
  const consultation = chair.getByRole('region', { name: '提案办理协商' });
  await consultation.getByRole('button', { name: '发起提案办理协商' }).click();
  await expect(consultation.getByLabel('议题标题')).toHaveValue('关于《关于加快老旧小区加装电梯的提案》的办理协商');
  await consultation.getByRole('button', { name: '发起协商' }).click();
  await expect(
    chair.getByRole('heading', { name: '关于《关于加快老旧小区加装电梯的提案》的办理协商', level: 1 }),
  ).toBeVisible();
  await expect(chair.getByText('来自提案')).toBeVisible();
  await shot(chair, '3b-consultation-topic');
  await chair.getByRole('link', { name: `${year}-0001 关于加快老旧小区加装电梯的提案` }).click();
  await expect(chair.getByRole('region', { name: '提案办理协商' }).getByRole('listitem')).toContainText('已提出');

  // The department's official finds it in the department's view, and in the inbox with its number
  // and due date, the department leading; the inbox's link leads to the reply.
  const zhu = await signedIn(browser, yishi.url, 'zhu', consoleErrors);
  await zhu.goto('/proposals?view=department');
  await expect(zhu.getByRole('link', { name: '本单位承办' })).toHaveAttribute('aria-current', 'page');
  await expect(zhu.getByRole('link', { name: '关于加快老旧小区加装电梯的提案' })).toBeVisible();
  await zhu.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '待办' }).click();
  const dueShown = new Intl.DateTimeFormat('zh-CN', { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${due}T00:00:00Z`),
  );
  const toReply = zhu.getByRole('region', { name: '提案办理' }).getByRole('listitem');
  await expect(toReply).toHaveCount(1);
  await expect(toReply).toContainText(`${year}-0001`);
  await expect(toReply).toContainText('主办');
  await expect(toReply).toContainText(dueShown);
  await expect(zhu.getByText('待答复：成果 0 项、提案 1 件，均未逾期。')).toBeVisible();
  await shot(zhu, '4a-inbox');
  const phoneInbox = await signedIn(browser, yishi.url, 'zhu', consoleErrors, { width: 390, height: 844 });
  await phoneInbox.goto('/inbox');
  await expect(phoneInbox.getByRole('region', { name: '提案办理' }).getByRole('listitem')).toContainText(
    `${year}-0001`,
  );
  await shot(phoneInbox, '4b-inbox-phone');
  expect(
    await phoneInbox.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth),
    'the inbox fits a 390 px phone',
  ).toBe(true);
  await phoneInbox.context().close();
  await toReply.getByRole('link', { name: '关于加快老旧小区加装电梯的提案' }).click();
  const replies = zhu.getByRole('region', { name: '承办单位答复' });
  await expect(replies.getByText(`等待 ${departmentName} 答复。`)).toBeVisible();
  await replies.getByRole('radio', { name: 'A类：已经解决或正在解决' }).check();
  await replies
    .getByLabel('答复内容')
    .fill('已将加装电梯纳入城市更新计划，审批时限压缩至20个工作日，补贴资金已列入预算。');
  await shot(zhu, '4-reply');
  await replies.getByRole('button', { name: '发送答复' }).click();
  await expect(zhu.getByText('已答复', { exact: true })).toBeVisible();
  await expect(replies.getByRole('listitem')).toContainText('审批时限压缩至20个工作日');

  // The member assesses the reply, and the proposal closes.
  await yang.reload();
  const assessment = yang.getByRole('region', { name: '提案人评价' });
  await assessment.getByRole('radio', { name: '满意', exact: true }).check();
  await assessment.getByRole('button', { name: '提交评价' }).click();
  await expect(yang.getByText('已办结', { exact: true })).toBeVisible();
  await expect(assessment).toContainText('满意');
  await shot(yang, '5-closed');
  expect(yang.url()).toBe(address);

  // In her list, with its number; the chair sees it among all.
  await yang.goto('/proposals');
  await expect(yang.getByRole('listitem').filter({ hasText: '关于加快老旧小区加装电梯的提案' })).toContainText(
    `${year}-0001`,
  );
  await shot(yang, '6-list');

  // Her duty record counts it: led and accepted; the co-signer's counts his name on it.
  await yang.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '履职档案' }).click();
  await expect(yang.getByRole('heading', { name: '我的履职', level: 1 })).toBeVisible();
  const count = (page: Page, name: string) => page.getByRole('listitem').filter({ hasText: name }).first();
  await expect(count(yang, '领衔提案')).toContainText('1');
  await expect(count(yang, '提案立案')).toContainText('1');
  await expect(count(yang, '联名提案')).toContainText('0');
  await count(yang, '领衔提案').getByRole('button', { name: '查看明细' }).click();
  await expect(count(yang, '领衔提案').getByRole('link')).toHaveText(`${year}-0001 关于加快老旧小区加装电梯的提案`);
  await shot(yang, '7-duty-record');
  // The secretariat's table has every member, the co-signer's co-signed proposal among his counts.
  await mishu.goto('/duty');
  const table = mishu.getByRole('table', { name: `江城市政协 ${year} 年度履职档案` });
  await expect(table.getByRole('row', { name: /王秀兰/ })).toContainText('农业界');
  const wangRow = table.getByRole('row', { name: /王秀兰/ });
  await expect(wangRow.getByRole('cell').nth(6)).toHaveText('1');
  await expect(wangRow.getByRole('cell').last()).toHaveText('2');
  // The secretariat weighs a co-signed proposal more: every score follows.
  const weights = mishu.getByRole('region', { name: '积分权重' });
  await weights.getByRole('button', { name: '修改权重' }).click();
  await weights.getByLabel('联名提案').fill('4');
  await weights.getByRole('button', { name: '保存权重' }).click();
  await expect(weights.getByRole('status')).toHaveText('权重已保存，积分已按新权重计算。');
  await expect(wangRow.getByRole('cell').last()).toHaveText('4');
  await shot(mishu, '8-duty-table');
  expect(consoleErrors).toEqual([]);
});
