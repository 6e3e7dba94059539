import type { APIRequestContext, Page } from '@playwright/test';
import { apiCaller, enrol, expect, password, signedIn, test } from './fixtures.js';

/**
 * Co-drafting and the live agenda: two participants type in the same outcome draft and see each
 * other's text and caret; the chair reorders the agenda and the secretariat sees it at once; when the
 * topic is delivered, both editors turn read-only without a reload.
 */
test.use({ locale: 'zh-CN' });

async function seed(request: APIRequestContext, setupCode: string) {
  const { call, as } = apiCaller(request);
  await call('/api/setup', { login: 'admin', password, displayName: '管理员', setupCode });
  const org = (await call('/api/orgs', { name: '江城市政协', level: 'city' })).org;
  const { ids, departmentId } = await enrol(call, org.id, [
    ['chair', '周主席', 'chair'],
    ['secretary', '吴秘书', 'secretariat'],
    ['yang', '杨晓燕', 'member'],
    ['wang', '王秀兰', 'member'],
    ['zhao', '赵卫东', 'official'],
  ]);
  await as('yang');
  const id = (await call('/api/topics', { orgId: org.id, title: '推进老旧小区加装电梯', summary: '摘要' })).topic.id;
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
  const meeting = (
    await call(`/api/topics/${id}/meetings`, { title: '专题协商会', startsAt: new Date().toISOString() })
  ).meeting;
  await call(`/api/meetings/${meeting.id}/open`, {});
  /** Ends the consultation and delivers the topic, as the chair, through the API. */
  const deliver = async () => {
    for (const [who, minute] of [
      ['yang', 10],
      ['wang', 20],
    ] as const) {
      await call(`/api/meetings/${meeting.id}/speeches`, {
        speakerId: ids[who],
        kind: 'speech',
        startedAt: `2026-12-01T09:${minute}:00+08:00`,
        endedAt: `2026-12-01T09:${minute + 5}:00+08:00`,
      });
    }
    await call(`/api/meetings/${meeting.id}/close`, {});
    await to('drafting');
    await call(
      `/api/topics/${id}/outcome`,
      { form: 'recommendation', recipientDepartmentIds: [departmentId], dueDate: '2099-03-31' },
      'put',
    );
    await to('delivered');
  };
  return { topicId: id as string, meetingId: meeting.id as string, deliver };
}

test('two drafters see each other, the agenda reorders live, and the freeze makes both read-only', async ({
  browser,
  request,
  yishi,
  consoleErrors,
}) => {
  const { topicId, meetingId, deliver } = await seed(request, yishi.setupCode);
  const yang = await signedIn(browser, yishi.url, 'yang', consoleErrors);
  const wang = await signedIn(browser, yishi.url, 'wang', consoleErrors);
  for (const page of [yang, wang]) await page.goto(`/topics/${topicId}`);
  const editor = (page: Page) => page.getByRole('textbox', { name: '成果稿' });

  await editor(yang).click();
  await yang.keyboard.type('建议出台加装电梯资金分摊指引。');
  await expect(editor(wang)).toContainText('建议出台加装电梯资金分摊指引。');
  await editor(wang).click();
  await wang.keyboard.press('End');
  await wang.keyboard.type('明确低层住户补偿办法。');
  await expect(editor(yang)).toContainText('明确低层住户补偿办法。');
  // Each sees the other's caret, labelled with the name.
  await expect(yang.locator('.collaboration-carets__caret', { hasText: '王秀兰' })).toBeVisible();
  await expect(wang.locator('.collaboration-carets__caret', { hasText: '杨晓燕' })).toBeVisible();
  await yang.screenshot({ path: test.info().outputPath('draft.png'), fullPage: true });

  // The chair shapes the agenda; the secretariat's room follows.
  const chair = await signedIn(browser, yishi.url, 'chair', consoleErrors);
  const secretary = await signedIn(browser, yishi.url, 'secretary', consoleErrors);
  for (const page of [chair, secretary]) await page.goto(`/meetings/${meetingId}`);
  for (const [item, minutes] of [
    ['通报调研情况', '15'],
    ['自由协商', '60'],
  ] as const) {
    await chair.getByLabel('议程标题').fill(item);
    await chair.getByLabel('时长（分钟）').fill(minutes);
    await chair.getByRole('button', { name: '添加议程' }).click();
  }
  const agendaItems = (page: Page) => page.getByRole('list', { name: '议程' }).getByRole('listitem');
  await expect(agendaItems(secretary)).toHaveCount(2);
  await expect(agendaItems(secretary).first()).toContainText('通报调研情况');
  await chair.getByRole('button', { name: '上移：自由协商' }).click();
  await expect(agendaItems(secretary).first()).toContainText('自由协商');
  await expect(secretary.getByText(/预计结束 \d\d:\d\d/)).toBeVisible();

  // Delivery freezes the draft: both open editors turn read-only at once.
  await deliver();
  for (const page of [yang, wang]) await expect(editor(page)).toHaveAttribute('aria-readonly', 'true');
  await expect(editor(wang)).toContainText('明确低层住户补偿办法。');
});
