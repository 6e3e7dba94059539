import AxeBuilder from '@axe-core/playwright';
import { startMailServer, type MailServer } from '../apps/server/src/test/mail-server.js';
import { apiCaller, committee, enrol, expect, signedIn, test as base } from './fixtures.js';

/**
 * A member opens her notification settings from her name in the header, chooses to receive
 * invitations to co-sign by e-mail, and the invitation then comes to a real SMTP server the test
 * runs, in the language she chose, besides the bell. The page meets WCAG 2.1 AA and fits a phone.
 */
const test = base.extend<{ mail: MailServer }>({
  mail: async ({}, use) => {
    const server = await startMailServer();
    await use(server);
    await server.close();
  },
  yishiEnv: async ({ mail }, use) => {
    await use({ SMTP_URL: mail.url, SMTP_FROM: '江城市政协 <yishi@jiangcheng.example>' });
  },
});
test.use({ locale: 'zh-CN' });

test('a member chooses her e-mails on the settings page, and an invitation comes by e-mail', async ({
  browser,
  request,
  yishi,
  mail,
  consoleErrors,
}) => {
  const { call, as } = apiCaller(request);
  await call('/api/setup', {
    login: 'admin',
    password: 'e2e-password-1',
    displayName: '管理员',
    setupCode: yishi.setupCode,
  });
  const orgId = (await call('/api/orgs', { name: '江城市政协', level: 'city' })).org.id as string;
  const { ids } = await enrol(call, orgId, committee);

  const yang = await signedIn(browser, yishi.url, 'yang', consoleErrors);
  await yang.getByRole('link', { name: '杨晓燕：通知设置' }).click();
  await expect(yang.getByRole('heading', { name: '通知设置', level: 1 })).toBeVisible();
  const form = yang.getByRole('form', { name: '以邮件接收' });
  const invitations = form.getByRole('checkbox', { name: '邀请我联名提案' });
  await invitations.check();
  // A kind without an address cannot be saved: the page says why.
  await expect(form.getByRole('status').filter({ hasText: '请填写电子邮件地址' })).toBeVisible();
  await expect(form.getByRole('button', { name: '保存设置' })).toBeDisabled();
  await form.getByLabel('电子邮件地址').fill('yang@example.org');
  await form.getByLabel('邮件语言').selectOption('en');
  await form.getByRole('button', { name: '保存设置' }).click();
  await expect(form.getByRole('status').filter({ hasText: '已保存。' })).toBeVisible();
  const { violations } = await new AxeBuilder({ page: yang })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await yang.screenshot({ path: test.info().outputPath('settings-desktop.png'), fullPage: true });

  // Read again: what was saved.
  await yang.reload();
  await expect(invitations).toBeChecked();
  await expect(form.getByLabel('电子邮件地址')).toHaveValue('yang@example.org');
  await expect(form.getByRole('checkbox', { name: '我的提案审查结果' })).not.toBeChecked();

  // Wang files a proposal and invites Yang: the bell has it, and so does her mailbox, in English.
  await as('wang');
  const proposalId = (
    await call(`/api/orgs/${orgId}/proposals`, {
      title: '关于完善社区养老服务的提案',
      reasons: '老龄人口增长较快，社区养老服务供给不足。',
      suggestions: '增加社区养老服务站点。',
      category: 'society',
    })
  ).proposal.id as string;
  await call(`/api/proposals/${proposalId}/cosigners`, { userId: ids.yang });
  const received = await mail.mailTo('yang@example.org');
  expect(received.subject).toBe(
    '[Yishi] You are invited to co-sign the proposal “关于完善社区养老服务的提案”; please confirm',
  );
  await yang.getByRole('button', { name: '通知，1 条未读' }).click();
  const bell = yang.getByRole('region', { name: '通知' });
  await bell.getByRole('link', { name: /您受邀联名提案「关于完善社区养老服务的提案」/ }).click();
  await expect(yang).toHaveURL(new RegExp(`/proposals/${proposalId}$`));

  // On a phone: the form fits the screen.
  const phone = await signedIn(browser, yishi.url, 'yang', consoleErrors, { width: 390, height: 844 });
  await phone.goto('/settings');
  await expect(phone.getByRole('checkbox', { name: '邀请我联名提案' })).toBeChecked();
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await phone.screenshot({ path: test.info().outputPath('settings-phone.png'), fullPage: true });
});
