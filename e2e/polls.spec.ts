import type { APIRequestContext, Page } from '@playwright/test';
import { committee, expect, seedTopic, signedIn, test, watchConsole } from './fixtures.js';

/**
 * Straw polls in an open meeting: the chair, two members (one on a phone) and an observer in four
 * browsers, and the hall's projector. A secret yes / no / abstain poll shows only its count while
 * open, then its tally; a named multiple-choice poll shows who chose what.
 */
test.use({ locale: 'zh-CN' });

async function seed(request: APIRequestContext, setupCode: string) {
  const { call, topicId } = await seedTopic(request, setupCode, {
    // A member of the organisation but not of the topic: an observer in the room.
    people: [...committee, ['zhao', '赵立新', 'member', '经济界']],
  });
  const meeting = (
    await call(`/api/topics/${topicId}/meetings`, { title: '加装电梯专题协商会', startsAt: new Date().toISOString() })
  ).meeting;
  await call(`/api/meetings/${meeting.id}/open`, {});
  return { meetingId: meeting.id as string };
}

/** 王秀兰 reads the room in English on her phone; everyone else in Chinese. */
const pollsPanel = (page: Page, name = '表决') => page.getByRole('region', { name, exact: true });
/** What a screen reader is told of the polls (the room has another live region, for the floor). */
const pollNews = (page: Page) => page.locator('[aria-live="polite"]').filter({ hasText: /^表决/ });

/** The result's table on a screen: one row per option, its votes and its share. */
async function expectTally(page: Page, name: RegExp, rows: [string, string, string][]) {
  const table = page.getByRole('table', { name }).first();
  await expect(table).toBeVisible();
  for (const [option, votes, share] of rows) {
    const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: option }) });
    await expect(row).toContainText(votes);
    await expect(row).toContainText(share);
  }
}

test('a secret poll and a named one, with three browsers, an observer and the projector', async ({
  browser,
  request,
  yishi,
  consoleErrors,
}) => {
  // Four browsers and a projector: 28–37 s on an idle machine, past a minute on a loaded CI run.
  test.setTimeout(150_000);
  const { meetingId } = await seed(request, yishi.setupCode);
  const chair = await signedIn(browser, yishi.url, 'chair', consoleErrors);
  const yang = await signedIn(browser, yishi.url, 'yang', consoleErrors);
  const wang = await signedIn(browser, yishi.url, 'wang', consoleErrors, { width: 390, height: 844 });
  await wang.evaluate(() => window.localStorage.setItem('yishi.lang', 'en'));
  const zhao = await signedIn(browser, yishi.url, 'zhao', consoleErrors);
  const projector = await chair.context().newPage();
  watchConsole(projector, consoleErrors);
  await projector.setViewportSize({ width: 1920, height: 1080 });
  for (const page of [chair, yang, wang, zhao]) await page.goto(`/meetings/${meetingId}`);
  await projector.goto(`/meetings/${meetingId}/projector`);
  await expect(projector.getByRole('region', { name: '发言规则' })).toBeVisible();

  // The chair asks a secret yes / no / abstain poll; the form refuses an empty question first.
  const question = '是否赞成将加装电梯纳入年度民生实事项目';
  await pollsPanel(chair).getByRole('button', { name: '发起表决' }).click();
  await expect(chair.getByLabel('表决事项')).toBeFocused();
  await chair.getByRole('button', { name: '保存表决' }).click();
  await expect(chair.getByRole('alert')).toHaveText('请填写表决事项。');
  await chair.getByLabel('表决事项').fill(question);
  await expect(chair.getByRole('radio', { name: '赞成／反对／弃权' })).toBeChecked();
  await expect(chair.getByRole('radio', { name: /^无记名/ })).toBeChecked();
  await chair.getByRole('button', { name: '保存表决' }).click();
  const open = chair.getByRole('button', { name: `开始投票：${question}` });
  await expect(open).toBeFocused();
  // A draft is the chair's: the members see no poll yet.
  await expect(pollsPanel(yang)).toBeHidden();
  await chair.keyboard.press('Enter');

  // Everyone sees the poll open; the members vote, the observer may not.
  await expect(pollNews(yang)).toHaveText(`表决开始：${question}`);
  await expect(pollsPanel(yang).getByRole('heading', { name: question })).toBeVisible();
  await expect(projector.getByRole('region', { name: '正在表决' })).toContainText(question);
  await expect(pollsPanel(zhao)).toContainText('您以列席身份参加，不能投票。');
  await expect(pollsPanel(zhao).getByRole('radio')).toHaveCount(0);
  await expect(pollsPanel(chair)).toContainText('主席和秘书处不参加投票。');
  await pollsPanel(zhao).screenshot({ path: 'test-results/polls-open-observer.png' });

  await yang.getByRole('radio', { name: '赞成', exact: true }).check();
  await yang.getByRole('button', { name: '投票', exact: true }).click();
  await expect(pollsPanel(yang).getByRole('status')).toHaveText('您已投票：赞成。投票结束前可以更改。');

  // 王秀兰 votes on her phone, then changes her vote with the keyboard alone.
  await wang.getByRole('radio', { name: 'No', exact: true }).check();
  await wang.getByRole('button', { name: 'Vote', exact: true }).click();
  await expect(pollsPanel(wang, 'Polls').getByRole('status')).toHaveText(
    'You voted: No. You can change it until voting closes.',
  );
  await wang.getByRole('radio', { name: 'No', exact: true }).focus();
  await wang.keyboard.press('ArrowDown');
  await expect(wang.getByRole('radio', { name: 'Abstain', exact: true })).toBeChecked();
  await wang.keyboard.press('Tab');
  await expect(wang.getByRole('button', { name: 'Change my vote' })).toBeFocused();
  await wang.keyboard.press('Enter');
  await expect(pollsPanel(wang, 'Polls').getByRole('status')).toHaveText(
    'You voted: Abstain. You can change it until voting closes.',
  );

  // While open, every screen shows how many voted and nothing of how.
  for (const page of [chair, yang, zhao]) {
    await expect(pollsPanel(page)).toContainText('已有 2 人投票');
    await expect(pollsPanel(page).getByRole('table')).toHaveCount(0);
  }
  await expect(pollsPanel(wang, 'Polls')).toContainText('Voted so far: 2');
  await expect(pollsPanel(wang, 'Polls').getByRole('table')).toHaveCount(0);
  await expect(projector.getByTestId('poll-count')).toHaveText('已有 2 人投票');
  await expect(projector.getByRole('table')).toHaveCount(0);
  await yang.screenshot({ path: 'test-results/polls-open-room-desktop.png', fullPage: true });
  await wang.screenshot({ path: 'test-results/polls-open-room-phone.png', fullPage: true });
  await projector.screenshot({ path: 'test-results/polls-open-projector.png' });

  // The chair closes it: the tally on every screen and the projector, as a chart and in numbers.
  await chair.getByRole('button', { name: `结束投票：${question}` }).click();
  const tally: [string, string, string][] = [
    ['赞成', '1 票', '50%'],
    ['反对', '0 票', '0%'],
    ['弃权', '1 票', '50%'],
  ];
  const secretResult = new RegExp(`“${question}”的表决结果`);
  for (const page of [chair, yang, zhao, projector]) await expectTally(page, secretResult, tally);
  await expectTally(wang, new RegExp(`Result of “${question}”: 2 voted`), [
    ['Yes', '1', '50%'],
    ['No', '0', '0%'],
    ['Abstain', '1', '50%'],
  ]);
  await expect(pollNews(yang)).toHaveText(`表决结束：${question}。共 2 人投票：赞成 1 票、反对 0 票和弃权 1 票`);
  await expect(projector.getByRole('region', { name: '表决结果' })).toContainText('共 2 人投票');
  // A secret poll names nobody.
  await expect(pollsPanel(yang)).not.toContainText('各选项的投票人');
  await expect(pollsPanel(yang)).not.toContainText('王秀兰');
  await yang.screenshot({ path: 'test-results/polls-closed-room-desktop.png', fullPage: true });
  await wang.screenshot({ path: 'test-results/polls-closed-room-phone.png', fullPage: true });
  await projector.screenshot({ path: 'test-results/polls-closed-projector.png' });

  // 杨晓燕 is given the floor; the next poll shares the projector with her countdown.
  await yang.getByLabel('发言类型').selectOption({ label: '发言' });
  await yang.getByRole('button', { name: '举手' }).click();
  await chair.getByRole('button', { name: '准许发言：杨晓燕' }).click();
  await expect(projector.getByTestId('countdown')).toBeVisible();
  // A turn that began after the close takes the result off the projector: the rules come back.
  await expect(projector.getByRole('region', { name: '发言规则' })).toBeVisible();

  // A named multiple-choice poll with three options.
  const where = '下次协商会在哪里召开';
  await pollsPanel(chair).getByRole('button', { name: '发起表决' }).click();
  await chair.getByLabel('表决事项').fill(where);
  await chair.getByRole('radio', { name: '多选' }).check();
  await chair.getByLabel('选项 1', { exact: true }).fill('市政协机关');
  await chair.getByLabel('选项 2', { exact: true }).fill('县联络站');
  await chair.getByRole('button', { name: '添加选项' }).click();
  await expect(chair.getByLabel('选项 3', { exact: true })).toBeFocused();
  await chair.keyboard.type('社区议事厅');
  await chair.getByRole('radio', { name: /^记名/ }).check();
  await pollsPanel(chair).screenshot({ path: 'test-results/polls-ask-chair.png' });
  await chair.getByRole('button', { name: '保存表决' }).click();
  await chair.getByRole('button', { name: `开始投票：${where}` }).click();
  await expect(chair.getByRole('button', { name: `结束投票：${where}` })).toBeFocused();
  await pollsPanel(chair).screenshot({ path: 'test-results/polls-open-chair.png' });

  await expect(yang.getByRole('checkbox', { name: '市政协机关' })).toBeVisible();
  await yang.getByRole('checkbox', { name: '市政协机关' }).check();
  await yang.getByRole('checkbox', { name: '县联络站' }).check();
  await yang.getByRole('button', { name: '投票', exact: true }).click();
  await expect(pollsPanel(yang).getByRole('status')).toHaveText('您已投票：市政协机关和县联络站。投票结束前可以更改。');
  await wang.getByRole('checkbox', { name: '县联络站' }).check();
  await wang.getByRole('button', { name: 'Vote', exact: true }).click();
  await expect(pollsPanel(wang, 'Polls').getByRole('status')).toHaveText(
    'You voted: 县联络站. You can change it until voting closes.',
  );
  await expect(projector.getByTestId('poll-count')).toHaveText('已有 2 人投票');
  await chair.getByRole('button', { name: `结束投票：${where}` }).click();

  const named: [string, string, string][] = [
    ['市政协机关', '1 票', '50%'],
    ['县联络站', '2 票', '100%'],
    ['社区议事厅', '0 票', '0%'],
  ];
  const namedResult = new RegExp(`“${where}”的表决结果`);
  for (const page of [chair, yang, projector]) await expectTally(page, namedResult, named);
  for (const page of [chair, yang]) {
    await expect(pollsPanel(page)).toContainText('各选项的投票人');
    const voters = pollsPanel(page).getByRole('definition');
    await expect(voters.nth(0)).toHaveText('杨晓燕');
    await expect(voters.nth(1)).toHaveText('王秀兰和杨晓燕');
    await expect(voters.nth(2)).toHaveText('无');
  }
  await expectTally(wang, new RegExp(`Result of “${where}”`), [
    ['市政协机关', '1', '50%'],
    ['县联络站', '2', '100%'],
    ['社区议事厅', '0', '0%'],
  ]);
  await expect(pollsPanel(wang, 'Polls')).toContainText('Who chose what');
  await expect(pollsPanel(wang, 'Polls').getByRole('definition').nth(1)).toHaveText('王秀兰 and 杨晓燕');
  // The hall's screen writes who chose each option under its bar.
  const hall = projector.getByRole('region', { name: '表决结果' });
  await expect(hall.getByRole('rowheader', { name: /^县联络站/ })).toContainText('王秀兰和杨晓燕');
  await expect(hall.getByRole('rowheader', { name: /^社区议事厅/ })).toContainText('无');
  // The earlier poll's result stays in the room, folded.
  await expect(pollsPanel(yang).getByText('此前的表决（1）')).toBeVisible();
  await yang.screenshot({ path: 'test-results/polls-named-room-desktop.png', fullPage: true });
  await wang.screenshot({ path: 'test-results/polls-named-room-phone.png', fullPage: true });
  // Her turn began before the close: the result stays beside her countdown, which it leaves room for.
  await expect(projector.getByTestId('countdown')).toBeInViewport();
  await expect(projector.getByRole('region', { name: '表决结果' }).getByRole('table')).toBeInViewport();
  await projector.screenshot({ path: 'test-results/polls-named-projector.png' });
});
