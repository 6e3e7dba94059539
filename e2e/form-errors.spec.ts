import type { Page } from '@playwright/test';
import { writeDraft } from '../apps/server/src/demo/seed.js';
import { committee, expect, heldMeeting, seedTopic, signedIn, test } from './fixtures.js';

/**
 * Field errors in the reader's language, and confirmations before consequential actions. A title
 * pasted over its limit stays whole, with a counter and the limit in words beside it, and the form
 * refuses to send it; delivering the outcome (which freezes the draft) asks first, and cancelling
 * leaves the draft as it was.
 */
test.use({ locale: 'zh-CN' });

/** Puts `text` on the clipboard and pastes it into the focused field, as a person would. */
async function paste(page: Page, text: string): Promise<void> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  await page.keyboard.press('ControlOrMeta+V');
}

/** Zod's English wording, which must never reach the page. */
const serverEnglish = /Too big|Too small|expected string|Invalid input|characters/;

test('a title pasted over the limit is kept whole, counted and refused in Chinese, then in English', async ({
  browser,
  request,
  yishi,
  consoleErrors,
}) => {
  await seedTopic(request, yishi.setupCode, { stage: 'preparation' });
  const page = await signedIn(browser, yishi.url, 'yang', consoleErrors);
  const posted: string[] = [];
  page.on('request', (req) => {
    if (req.method() === 'POST' && new URL(req.url()).pathname === '/api/topics') posted.push(req.url());
  });

  await page.goto('/topics');
  await page.getByRole('button', { name: '提出议题' }).click();
  const form = page.getByRole('form', { name: '提出议题' });
  const title = form.getByRole('textbox', { name: '标题' });
  // The limits are stated before they are reached.
  await expect(form.getByText('0/200')).toBeVisible();

  const long = '关于进一步推进老旧小区加装电梯工作的建议'.repeat(12).slice(0, 230);
  await title.focus();
  await paste(page, long);
  await expect(title).toHaveValue(long);
  await expect(form.getByText('230/200')).toBeVisible();
  await expect(form.getByText('最多 200 个字符，现有 230 个，请删去 30 个。')).toBeVisible();
  await expect(title).toHaveAttribute('aria-invalid', 'true');

  await form.getByRole('textbox', { name: '摘要' }).fill('电梯加装的资金分摊与低层住户补偿。');
  await form.getByRole('textbox', { name: '标签' }).fill(`社区治理，${'长'.repeat(45)}`);
  await expect(form.getByText(`“${'长'.repeat(12)}…”：最多 40 个字符，现有 45 个，请删去 5 个。`)).toBeVisible();
  await form.getByRole('button', { name: '提交议题' }).click();

  await expect(form.getByRole('alert')).toContainText('提交的内容有误，请检查后重试。');
  await expect(form.getByRole('alert')).toContainText('标题：最多 200 个字符');
  await expect(title).toBeFocused();
  await expect(title).toHaveValue(long);
  expect(posted, 'nothing is sent while a field is over its limit').toEqual([]);
  await expect(form).not.toContainText(serverEnglish);
  await page.screenshot({ path: test.info().outputPath('form-errors-zh-CN.png'), fullPage: true });

  // The same words in English after a switch of language, with the text still whole.
  await page.getByRole('combobox', { name: /语言/ }).selectOption('en');
  const english = page.getByRole('form', { name: 'Propose a topic' });
  await expect(english.getByText('At most 200 characters; this has 230, 30 too many.', { exact: true })).toBeVisible();
  await expect(english.getByRole('textbox', { name: 'Title' })).toHaveValue(long);
  await page.screenshot({ path: test.info().outputPath('form-errors-en.png'), fullPage: true });

  // Shortened to the limit, the topic goes through.
  await english.getByRole('textbox', { name: 'Title' }).fill(long.slice(0, 200));
  await english.getByRole('textbox', { name: 'Tags' }).fill('社区治理');
  await expect(english.getByRole('alert')).toHaveCount(0);
  await english.getByRole('button', { name: 'Submit topic' }).click();
  await expect(page.getByRole('heading', { name: long.slice(0, 200) })).toBeVisible();
  expect(posted).toHaveLength(1);
});

test('delivering asks first: Escape and cancel keep the draft editable, confirming delivers', async ({
  browser,
  request,
  yishi,
  consoleErrors,
}) => {
  const people = [...committee, ['zhao', '赵卫东', 'official', null] as const];
  const { call, cookie, ids, departmentId, topicId } = await seedTopic(request, yishi.setupCode, { people });
  await heldMeeting(call, topicId, ids);
  await call(`/api/topics/${topicId}/advance`, { to: 'drafting' });
  await writeDraft(yishi.url, cookie(), topicId, [['paragraph', '建议出台加装电梯资金分摊指引。']]);
  await call(
    `/api/topics/${topicId}/outcome`,
    { form: 'recommendation', recipientDepartmentIds: [departmentId], dueDate: '2099-03-31' },
    'put',
  );

  const chair = await signedIn(browser, yishi.url, 'chair', consoleErrors);
  await chair.goto(`/topics/${topicId}`);
  const editor = chair.getByRole('textbox', { name: '成果稿' });
  await expect(editor).toContainText('建议出台加装电梯资金分摊指引。');
  const deliver = chair.getByRole('button', { name: '交付办理', exact: true });
  const dialog = chair.getByRole('alertdialog', { name: '交付办理？' });

  // Escape cancels, and the focus is back on the button.
  await deliver.click();
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('交付后成果稿即冻结');
  await expect(dialog.getByRole('button', { name: '取消' })).toBeFocused();
  await chair.screenshot({ path: test.info().outputPath('deliver-confirm-zh-CN.png') });
  await chair.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(deliver).toBeFocused();

  // Cancel keeps the topic in drafting, and the draft can still be written.
  await deliver.click();
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(dialog).toBeHidden();
  await expect(deliver).toBeFocused();
  await expect(chair.locator('[data-stage]').first()).toHaveAttribute('data-stage', 'drafting');
  await expect(editor).not.toHaveAttribute('aria-readonly', 'true');
  await editor.click();
  await chair.keyboard.press('End');
  await chair.keyboard.type('明确低层住户补偿办法。');
  await expect(editor).toContainText('明确低层住户补偿办法。');

  // Confirming delivers: the draft is frozen.
  await deliver.click();
  await dialog.getByRole('button', { name: '确定交付' }).click();
  await expect(chair.getByRole('status').filter({ hasText: '议题已进入“已交付办理”阶段。' })).toBeVisible();
  await expect(editor).toHaveAttribute('aria-readonly', 'true');
  await expect(editor).toContainText('明确低层住户补偿办法。');
});
