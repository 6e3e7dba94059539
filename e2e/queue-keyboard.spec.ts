import type { Page } from '@playwright/test';
import { committee, expect, seedTopic, signedIn, test } from './fixtures.js';

/**
 * The chair runs the queue from the keyboard: after a grant or a removal focus goes on to the next
 * sensible control instead of the page; removing asks first; the single-key shortcuts can be turned
 * off (WCAG 2.1.4), which is remembered, and their legend is not shown on a phone.
 */
test.use({ locale: 'zh-CN' });

const people = [...committee, ['li', '李明', 'member', '经济界']] as const;

async function raise(page: Page, chair: Page, name: string): Promise<void> {
  await page.getByLabel('发言类型').selectOption({ label: '发言' });
  await page.getByRole('button', { name: '举手' }).click();
  await expect(chair.getByRole('list', { name: '发言队列' })).toContainText(name);
}

test('grant and remove by keyboard move focus on; removing asks first; shortcuts can be turned off', async ({
  browser,
  request,
  yishi,
  consoleErrors,
}) => {
  test.setTimeout(240_000);
  const { call, as, orgId, topicId } = await seedTopic(request, yishi.setupCode, {
    people,
    participants: ['yang', 'wang', 'li'],
  });
  const meeting = (
    await call(`/api/topics/${topicId}/meetings`, { title: '加装电梯专题协商会', startsAt: new Date().toISOString() })
  ).meeting;
  await call(`/api/meetings/${meeting.id}/open`, {});
  const chair = await signedIn(browser, yishi.url, 'chair', consoleErrors);
  const members = {
    yang: await signedIn(browser, yishi.url, 'yang', consoleErrors),
    wang: await signedIn(browser, yishi.url, 'wang', consoleErrors),
    li: await signedIn(browser, yishi.url, 'li', consoleErrors),
  };
  for (const page of [chair, ...Object.values(members)]) await page.goto(`/meetings/${meeting.id}`);
  await raise(members.yang, chair, '杨晓燕');
  await raise(members.wang, chair, '王秀兰');
  await raise(members.li, chair, '李明');
  const button = (name: string) => chair.getByRole('button', { name, exact: true });
  const floor = chair.getByRole('region', { name: '当前发言' });

  // Granting the first: focus goes to the grant button of the one now first in line.
  await button('准许发言：杨晓燕').focus();
  await chair.keyboard.press('Enter');
  await expect(floor).toContainText('杨晓燕');
  await expect(button('准许发言：王秀兰')).toBeFocused();

  // Removing asks first, with focus on the answer; Escape keeps the request and returns focus.
  await button('移除：王秀兰').focus();
  await chair.keyboard.press('Enter');
  const question = chair.getByRole('group', { name: /把 王秀兰 移出发言队列/ });
  await expect(question).toBeVisible();
  await expect(question.getByRole('button', { name: '确认移除' })).toBeFocused();
  await question.screenshot({ path: 'test-results/queue-remove-confirm.png' });
  await chair.keyboard.press('Escape');
  await expect(question).toHaveCount(0);
  await expect(button('移除：王秀兰')).toBeFocused();
  await chair.keyboard.press('Enter');
  await expect(question.getByRole('button', { name: '确认移除' })).toBeFocused();
  await chair.keyboard.press('Enter');
  await expect(chair.getByRole('list', { name: '发言队列' })).not.toContainText('王秀兰');
  await expect(button('准许发言：李明')).toBeFocused();

  // Granting the last one: nobody waits, so focus goes to finishing the turn now on the floor.
  await chair.keyboard.press('Enter');
  await expect(floor).toContainText('李明');
  await expect(button('结束发言')).toBeFocused();
  await chair.screenshot({ path: 'test-results/queue-keyboard.png' });

  // F (on) finishes the turn.
  await chair.keyboard.press('f');
  await expect(floor).toContainText('暂无发言');

  // Off, N does nothing; the choice outlives a reload.
  await raise(members.yang, chair, '杨晓燕');
  await raise(members.wang, chair, '王秀兰');
  const toggle = chair.getByRole('checkbox', { name: '单键快捷键' });
  await toggle.uncheck();
  await expect(chair.locator('kbd')).toHaveCount(0);
  await expect(button('下一位')).not.toHaveAttribute('aria-keyshortcuts');
  await chair.reload();
  await expect(toggle).not.toBeChecked();
  await button('下一位').press('n');
  // Had that N acted, the controls would wait for its answer, and the audit log would hold it.
  await expect(button('下一位')).toHaveAttribute('aria-disabled', 'false');
  await toggle.check();
  await button('下一位').press('n');
  // 王秀兰 has not spoken yet, so she is first in line, ahead of 杨晓燕's second speech.
  await expect(floor).toContainText('王秀兰');
  await expect(chair.getByRole('list', { name: '发言队列' })).toContainText('杨晓燕');
  await expect(button('下一位')).toHaveAttribute('aria-disabled', 'false');
  await as('admin');
  const audit = await request.get(`/api/orgs/${orgId}/audit?action=queue.moderated&limit=200`);
  const commands = ((await audit.json()) as { entries: { details: { command?: { type?: string } } }[] }).entries.map(
    (e) => e.details.command?.type,
  );
  // One "next" only: the one given with the shortcuts on.
  expect(commands.filter((type) => type === 'next')).toHaveLength(1);

  // On a phone, the legend of keys is not shown; the switch is.
  await chair.setViewportSize({ width: 390, height: 844 });
  await expect(chair.locator('kbd').first()).toBeHidden();
  await expect(toggle).toBeVisible();
});
