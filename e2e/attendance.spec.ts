import type { Page } from '@playwright/test';
import { committee, expect, seedTopic, signedIn, test, watchConsole } from './fixtures.js';

/**
 * Attendance a clerk can trust, in a hybrid meeting: a member says she takes part remotely and the
 * chair sees it; the room and the projector show the meeting's form, mode and place; after the
 * meeting the secretariat corrects the attendance of a member who joined by phone without the app,
 * the minutes print it, and once the chair approves them it can no longer change.
 */
test.use({ locale: 'zh-CN' });

const presencePanel = (page: Page) => page.getByRole('region', { name: /^(与会人员|Who is here)/ });

test('a hybrid meeting: where each person is, in the room and in the minutes', async ({
  browser,
  request,
  yishi,
  consoleErrors,
}) => {
  const { call, as, topicId } = await seedTopic(request, yishi.setupCode, {
    people: [...committee, ['mi', '秘书处小米', 'secretariat', null]],
  });
  const meeting = (
    await call(`/api/topics/${topicId}/meetings`, {
      title: '加装电梯远程协商会',
      startsAt: new Date().toISOString(),
      form: 'remote',
      mode: 'hybrid',
      location: '市政协三楼常委会议室',
    })
  ).meeting;
  const meetingId = meeting.id as string;
  await call(`/api/meetings/${meetingId}/open`, {});

  const chair = await signedIn(browser, yishi.url, 'chair', consoleErrors);
  const yang = await signedIn(browser, yishi.url, 'yang', consoleErrors);
  await chair.goto(`/meetings/${meetingId}`);
  await yang.goto(`/meetings/${meetingId}`);

  // The room says what kind of meeting it is, and asks where each person takes part.
  const facts = chair.getByRole('list', { name: '会议信息' });
  await expect(facts).toHaveText(/远程协商\s*·?\s*现场与远程结合\s*·?\s*地点：市政协三楼常委会议室/);
  const question = yang.getByRole('group', { name: '您从哪里参加本次会议？' });
  await expect(question).toContainText('本次会议线上线下结合');
  await yang.locator('header.room-header').screenshot({ path: test.info().outputPath('room-header-zh-CN.png') });
  await question.getByRole('radio', { name: '远程参会' }).check();
  await expect(question.getByRole('radio', { name: '远程参会' })).toBeChecked();
  await expect(question).not.toContainText('本次会议线上线下结合');

  // The chair sees it, says where she is herself, and the panel counts both.
  const yangWhere = presencePanel(chair).getByLabel('杨晓燕的参会方式');
  await expect(yangWhere).toHaveValue('remote');
  await chair.getByRole('group', { name: '您从哪里参加本次会议？' }).getByRole('radio', { name: '在会场' }).check();
  await expect(presencePanel(chair).getByTestId('presence-sites')).toHaveText(/会场\s*1\s*远程\s*1/);
  // And the member sees her own place in the panel, as words.
  await expect(presencePanel(yang).locator('li', { hasText: '杨晓燕' })).toContainText('远程');

  // The projector shows the facts too.
  const projector = await chair.context().newPage();
  watchConsole(projector, consoleErrors);
  await projector.setViewportSize({ width: 1920, height: 1080 });
  await projector.goto(`/meetings/${meetingId}/projector`);
  await expect(projector.getByRole('list', { name: '会议信息' })).toContainText('现场与远程结合');
  await projector.screenshot({ path: test.info().outputPath('projector.png') });

  await presencePanel(chair).screenshot({ path: test.info().outputPath('presence-zh-CN.png') });
  await chair.getByLabel('语言').selectOption({ label: 'English' });
  await expect(presencePanel(chair).getByLabel('Where 杨晓燕 takes part')).toHaveValue('remote');
  await presencePanel(chair).screenshot({ path: test.info().outputPath('presence-en.png') });
  await chair.getByLabel('Language').selectOption({ label: '中文' });

  // The meeting ends; 王秀兰 joined by phone without the app: the secretariat corrects it.
  await as('chair');
  await call(`/api/meetings/${meetingId}/close`, {});
  const mi = await signedIn(browser, yishi.url, 'mi', consoleErrors);
  await mi.goto(`/meetings/${meetingId}/minutes`);
  const attendance = mi.getByRole('region', { name: '出席情况' });
  await expect(attendance.getByRole('row', { name: /王秀兰/ })).toContainText('缺席');
  await expect(attendance.getByLabel('杨晓燕的出席情况')).toHaveValue('remote');
  await attendance.getByLabel('王秀兰的出席情况').selectOption('remote');
  await expect(attendance).toContainText('更正尚未保存');
  await attendance.getByRole('button', { name: '保存更正' }).click();
  await expect(attendance.getByRole('status')).toContainText('已保存');
  await expect(attendance.getByRole('row', { name: /王秀兰/ })).toContainText('已更正');
  // The minutes print the corrected attendance (the secretariat's editor takes the new text).
  const minutesText = mi.getByRole('textbox', { name: '纪要正文' });
  await expect(minutesText).toContainText('远程：杨晓燕（社会福利和社会保障界）、王秀兰（农业界）');
  await expect(minutesText).toContainText('会场：周主席');
  await expect(minutesText).not.toContainText('缺席人员');
  await attendance.screenshot({ path: test.info().outputPath('minutes-attendance-zh-CN.png') });
  await mi.getByLabel('语言').selectOption({ label: 'English' });
  await expect(mi.getByRole('region', { name: 'Attendance' }).getByLabel('Attendance of 王秀兰')).toHaveValue('remote');
  await mi.getByRole('region', { name: 'Attendance' }).screenshot({
    path: test.info().outputPath('minutes-attendance-en.png'),
  });

  // The chair approves the minutes: the attendance is final, read by everyone.
  await chair.goto(`/meetings/${meetingId}/minutes`);
  await chair.getByRole('button', { name: '批准纪要' }).click();
  await chair.getByRole('button', { name: '确定批准' }).click();
  const final = chair.getByRole('region', { name: '出席情况' });
  await expect(final).toContainText('纪要已审定，出席情况不能再更正。');
  await expect(final.getByRole('combobox')).toHaveCount(0);
  await expect(final.getByRole('row', { name: /王秀兰/ })).toContainText('远程出席');
  await chair.screenshot({ path: test.info().outputPath('minutes-approved.png'), fullPage: true });
});
