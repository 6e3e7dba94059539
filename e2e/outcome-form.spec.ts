import { committee, expect, heldMeeting, seedTopic, signedIn, test } from './fixtures.js';

/**
 * Steps 6–7 in the browser: the chair sets the outcome in its form, choosing the departments that
 * must answer (承办单位), a due date that is not past, and a party contact who is not an official of
 * one of them.
 */
test.use({ locale: 'zh-CN' });

test('the chair addresses the outcome to two departments and names the party contact', async ({
  browser,
  request,
  yishi,
  consoleErrors,
}) => {
  const people = [...committee, ['zhao', '赵卫东', 'official', null] as const];
  const { call, as, ids, orgId, topicId } = await seedTopic(request, yishi.setupCode, { people });
  await as('admin');
  await call(`/api/orgs/${orgId}/departments`, { name: '市财政局' });
  await as('chair');
  await heldMeeting(call, topicId, ids);
  await call(`/api/topics/${topicId}/advance`, { to: 'drafting' });

  const chair = await signedIn(browser, yishi.url, 'chair', consoleErrors);
  await chair.goto(`/topics/${topicId}`);
  const form = chair.getByRole('form', { name: '设定成果与办理' });
  const departments = form.getByRole('group', { name: '承办单位' });
  await expect(departments.getByRole('checkbox')).toHaveCount(2);
  await expect(departments).toContainText('部门代表 1 名');
  await form.getByLabel('成果形式').selectOption({ label: '建议案' });
  await departments.getByRole('checkbox', { name: '市住房和城乡建设局' }).check();
  // The official of a chosen department answers, so cannot be the party contact.
  const contact = form.getByLabel('党委联系人');
  await expect(contact.getByRole('option', { name: /赵卫东/ })).toHaveCount(0);
  await departments.getByRole('checkbox', { name: '市财政局' }).check();
  await contact.selectOption({ label: '王秀兰 · 委员' });
  // A date before today cannot be chosen.
  const due = form.getByLabel('答复期限');
  await due.fill('2020-01-31');
  await expect(due).toHaveJSProperty('validity.rangeUnderflow', true);
  await due.fill('2099-03-31');
  await chair.screenshot({ path: test.info().outputPath('outcome-form.png'), fullPage: true });
  await form.getByRole('button', { name: '保存成果设置' }).click();
  await expect(form.getByRole('status')).toHaveText('成果设置已保存。');

  const topic = (await (await request.get(`/api/topics/${topicId}`)).json()).topic;
  expect(topic.outcome.recipients.map((d: { name: string }) => d.name).sort()).toEqual(
    ['市住房和城乡建设局', '市财政局'].sort(),
  );
  expect(topic.outcome).toMatchObject({ form: 'recommendation', dueDate: '2099-03-31' });
  await expect(
    chair.getByText('市住房和城乡建设局、市财政局').or(chair.getByText('市财政局、市住房和城乡建设局')),
  ).toBeVisible();
});
