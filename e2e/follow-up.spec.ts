import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import type { APIRequestContext } from '@playwright/test';
import { writeDraft } from '../apps/server/src/demo/seed.js';
import { apiCaller, committee, enrol, expect, heldMeeting, password, signedIn, test } from './fixtures.js';

/**
 * After the consultation, in the browser: the receiving official answers the delivered outcome, the
 * chair and the party committee's contact rate it, the chair closes the topic and publishes it;
 * the case is then found in the library by a Chinese phrase, and its PDF renders.
 */
test.use({ locale: 'zh-CN' });

const title = '关于推进老旧小区加装电梯的建议';

async function seed(request: APIRequestContext, baseURL: string, setupCode: string) {
  const { call, as, cookie } = apiCaller(request);
  await call('/api/setup', { login: 'admin', password, displayName: '管理员', setupCode });
  const org = (await call('/api/orgs', { name: '江城市政协', level: 'city' })).org;
  const { ids, departmentId } = await enrol(call, org.id, [...committee, ['zhao', '赵卫东', 'official', null]]);
  await as('yang');
  const id = (await call('/api/topics', { orgId: org.id, title, summary: '破解协调难、资金难。', tags: ['社区治理'] }))
    .topic.id;
  await as('chair');
  const to = (stage: string) => call(`/api/topics/${id}/advance`, { to: stage });
  await to('vetting');
  await call(
    `/api/topics/${id}/vetting`,
    { relevance: { answer: true, reason: '相关' }, remit: { answer: true, reason: '在职能范围内' } },
    'put',
  );
  await to('preparation');
  for (const who of ['yang', 'wang'])
    await call(`/api/topics/${id}/participants`, { userId: ids[who], assessment: '熟悉情况' });
  await call(`/api/topics/${id}/research`, { title: '调研报告', summary: '摘要', body: '正文' });
  await to('consultation');
  await heldMeeting(call, id, ids);
  await to('drafting');
  await writeDraft(baseURL, cookie(), id, [
    ['heading', '一、总体建议'],
    ['paragraph', '建议出台加装电梯资金分摊指引，明确低层住户的补偿办法。'],
    { list: 'orderedList', items: ['第一条措施：建立协商议事机制', '第二条措施：设立加装电梯专项补助'] },
  ]);
  await call(
    `/api/topics/${id}/outcome`,
    { form: 'recommendation', recipientDepartmentIds: [departmentId], dueDate: '2099-03-31', partyContactId: ids.wang },
    'put',
  );
  await to('delivered');
  return id as string;
}

test('an official answers, the chair rates and closes, and the case is in the library', async ({
  browser,
  request,
  yishi,
  consoleErrors,
}) => {
  const topicId = await seed(request, yishi.url, yishi.setupCode);

  // The official finds the outcome in the inbox and answers it.
  const official = await signedIn(browser, yishi.url, 'zhao', consoleErrors);
  await official.getByRole('link', { name: '待办' }).click();
  await official.getByRole('link', { name: title }).click();
  const answer = official.getByRole('form', { name: '答复办理结果' });
  await answer.getByLabel('部分采纳').check();
  await answer.getByLabel('办理措施').fill('已出台资金分摊指引，低层住户补偿办法纳入明年计划。');
  await answer.getByLabel('理由说明').fill('补偿标准需与财政部门进一步协商。');
  await answer.getByRole('button', { name: '提交答复' }).click();
  await expect(official.locator('[data-stage]').first()).toHaveAttribute('data-stage', 'feedback');

  // The chair and the party committee's contact (two people) rate the answer; the chair closes and publishes.
  const contact = await signedIn(browser, yishi.url, 'wang', consoleErrors);
  const chair = await signedIn(browser, yishi.url, 'chair', consoleErrors);
  for (const [page, form, score, comment] of [
    [chair, '主席评价（主席得意）', '4 分', '答复认真，措施具体。'],
    [contact, '党委联系人评价（书记满意）', '5 分', '切中要害。'],
  ] as const) {
    await page.goto(`/topics/${topicId}`);
    const rating = page.getByRole('form', { name: form });
    await rating.getByLabel(score).check();
    await rating.getByLabel('评语').fill(comment);
    await rating.getByRole('button', { name: '提交评价' }).click();
    await expect(page.getByText(comment)).toBeVisible();
  }
  // The chair's page shows the contact's rating as it arrives, and the topic can close.
  await expect(chair.getByText('切中要害。')).toBeVisible();
  await chair.getByRole('button', { name: '办结' }).click();
  await expect(chair.locator('[data-stage]').first()).toHaveAttribute('data-stage', 'closed');
  await chair.getByRole('button', { name: '发布为案例' }).click();

  // The case library finds it by a phrase inside the outcome.
  await chair.getByRole('link', { name: '案例库' }).click();
  await chair.getByLabel('搜索案例').fill('资金分摊指引');
  await chair.getByRole('button', { name: '搜索' }).click();
  await expect(chair.getByRole('link', { name: title })).toBeVisible();
  // The case page keeps the outcome's numbered list as a list, not one run-on paragraph.
  await chair.getByRole('link', { name: title }).click();
  const measures = chair.locator('ol').filter({ hasText: '第一条措施' });
  await expect(measures.getByRole('listitem')).toHaveText([
    '第一条措施：建立协商议事机制',
    '第二条措施：设立加装电梯专项补助',
  ]);

  // The outcome document as PDF: Chinese text, first page rendered for a person to look at.
  const pdf = await chair.request.get(`/api/topics/${topicId}/outcome/document?format=pdf`);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  const file = test.info().outputPath('outcome.pdf');
  writeFileSync(file, await pdf.body());
  if (existsSync('/usr/bin/pdftoppm')) {
    execFileSync('/usr/bin/pdftoppm', [
      '-png',
      '-r',
      '80',
      '-f',
      '1',
      '-l',
      '1',
      file,
      test.info().outputPath('outcome-page'),
    ]);
  }
});
