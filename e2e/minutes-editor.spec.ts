import type { Page, Response } from '@playwright/test';
import { committee, expect, seedTopic, signedIn, test } from './fixtures.js';

/**
 * The minutes are edited as a document, not as Markdown: the secretariat adds a decision as a new
 * bullet with bold words (the keyboard and the toolbar), saves, and the stored Markdown has the list
 * item and the bold, with the attendance and the speech log as the server wrote them. The chair is
 * asked before approving; cancelling changes nothing, confirming makes them final, and the editor
 * is gone. The editor fits a 390 px phone. The secretariat also records when the meeting was really
 * held, which the minutes print.
 */
test.use({ locale: 'zh-CN' });

const decision = '请住建局牵头，三个月内拿出资金分担方案。';

/** Loads `path` and says whether any script the page loaded holds ProseMirror (the editor's engine). */
async function loadsEditor(page: Page, path: string): Promise<boolean> {
  const scripts: Promise<string>[] = [];
  const onResponse = (response: Response) => {
    if (response.request().resourceType() === 'script') scripts.push(response.text());
  };
  page.on('response', onResponse);
  await page.goto(path);
  await page.waitForLoadState('networkidle');
  page.off('response', onResponse);
  return (await Promise.all(scripts)).some((script) => script.includes('ProseMirror'));
}

test('the secretariat edits the minutes in the rich editor; the chair approves them after a confirmation', async ({
  browser,
  request,
  yishi,
  consoleErrors,
}) => {
  // A name with Markdown in it: it must come back escaped, in its cell of the speech log.
  const { call, ids, topicId } = await seedTopic(request, yishi.setupCode, {
    people: [...committee, ['mi', '秘书处小米', 'secretariat', null], ['li', '李|四*', 'member', '经济界']],
    participants: ['yang', 'wang', 'li'],
  });
  const meeting = (
    await call(`/api/topics/${topicId}/meetings`, {
      title: '加装电梯专题协商会',
      startsAt: '2026-12-01T09:00:00+08:00',
    })
  ).meeting;
  const meetingId = meeting.id as string;
  await call(`/api/meetings/${meetingId}/open`, {});
  for (const [who, minute] of [
    ['yang', 10],
    ['li', 20],
  ] as const) {
    await call(`/api/meetings/${meetingId}/speeches`, {
      speakerId: ids[who],
      kind: 'speech',
      startedAt: `2026-12-01T09:${minute}:00+08:00`,
      endedAt: `2026-12-01T09:${minute + 5}:00+08:00`,
    });
  }
  await call(`/api/meetings/${meetingId}/close`, {});
  await call(
    `/api/meetings/${meetingId}/attendance`,
    {
      entries: [
        { userId: ids.yang, status: 'hall' },
        { userId: ids.li, status: 'hall' },
      ],
    },
    'put',
  );
  const markdownUrl = `/api/meetings/${meetingId}/minutes?format=md&lang=zh-CN`;
  const generated = await (await request.get(markdownUrl)).text();
  expect(generated).toContain('| 2 | 李\\|四\\* | 经济界 |');

  // The secretariat's editor: the generated minutes as a document, with a toolbar.
  const mi = await signedIn(browser, yishi.url, 'mi', consoleErrors);
  await mi.goto(`/meetings/${meetingId}/minutes`);
  const editor = mi.getByRole('textbox', { name: '纪要正文' });
  await expect(editor.getByRole('heading', { name: '出席人员' })).toBeVisible();
  await expect(editor.getByRole('cell', { name: '李|四*' })).toBeVisible();
  const toolbar = mi.getByRole('toolbar', { name: '格式' });
  await mi.screenshot({ path: test.info().outputPath('minutes-editor-desktop.png'), fullPage: true });

  // A new decision: Enter after the last one makes a bullet; bold by the toolbar, then off by the keyboard.
  await editor.getByText('（由秘书处补充会议议定的事项。）').click();
  await mi.keyboard.press('End');
  // The caret is where the click put it (a page that moved under the pointer would put it elsewhere).
  await expect(editor).toBeFocused();
  await expect
    .poll(() => mi.evaluate(() => window.getSelection()?.focusNode?.textContent ?? ''))
    .toBe('（由秘书处补充会议议定的事项。）');
  await mi.keyboard.press('Enter');
  await mi.keyboard.type('请住建局牵头，');
  await toolbar.getByRole('button', { name: '加粗' }).click();
  await expect(toolbar.getByRole('button', { name: '加粗' })).toHaveAttribute('aria-pressed', 'true');
  // Tiptap gives the focus back to the text on the next frame: type only once it has it.
  await expect(editor).toBeFocused();
  await mi.keyboard.type('三个月内');
  await mi.keyboard.press('ControlOrMeta+b');
  await mi.keyboard.type('拿出资金分担方案。');
  await expect(toolbar.getByRole('button', { name: '项目列表' })).toHaveAttribute('aria-pressed', 'true');
  const form = mi.getByRole('form', { name: '纪要正文' });
  await expect(form.getByText('有未保存的修改。')).toBeVisible();
  await form.getByRole('button', { name: '保存纪要' }).click();
  await expect(form.getByRole('status')).toContainText('纪要已保存。');
  await expect(form.getByText('有未保存的修改。')).toHaveCount(0);

  // Saved: the page shows it again, and the Markdown holds the bullet and the bold, the rest as generated.
  expect(await loadsEditor(mi, `/meetings/${meetingId}/minutes`)).toBe(true);
  const added = editor.getByRole('listitem').filter({ hasText: decision });
  await expect(added).toBeVisible();
  await expect(editor.locator('strong')).toHaveText('三个月内');
  await added.scrollIntoViewIfNeeded();
  await form.screenshot({ path: test.info().outputPath('minutes-editor-saved.png') });
  await expect(form.getByRole('button', { name: '保存纪要' })).toBeDisabled();
  const saved = await (await mi.request.get(markdownUrl)).text();
  const last = '- （由秘书处补充会议议定的事项。）';
  // Equal but for blank lines: the generator leaves two in places, where one means the same.
  const blocks = (markdown: string) => markdown.trim().replace(/\n{3,}/g, '\n\n');
  expect(saved).toBe(blocks(generated).replace(last, `${last}\n- 请住建局牵头，**三个月内**拿出资金分担方案。`));

  // The meeting was opened in Yishi late and closed long after it ended: the secretariat records when
  // it was really held, and the saved minutes get the new time line (the editor shows it at once).
  const times = mi.getByRole('region', { name: '实际举行时间' });
  await times.getByRole('button', { name: '更正会议时间' }).click();
  const localInput = (iso: string) =>
    mi.evaluate((at) => {
      const d = new Date(at);
      const two = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
    }, iso);
  await times.getByLabel('开始时间').fill(await localInput('2026-12-01T09:00:00+08:00'));
  await times.getByLabel('结束时间').fill(await localInput('2026-12-01T09:40:00+08:00'));
  await times.getByRole('button', { name: '保存会议时间' }).click();
  await expect(times.getByRole('status')).toHaveText('已保存：纪要将印制更正后的时间。');
  const heldLine = '时间：2026年12月1日 09:00 – 2026年12月1日 09:40';
  await expect(editor.getByText(heldLine)).toBeVisible();
  expect(await (await mi.request.get(markdownUrl)).text()).toContain(`- ${heldLine}\n`);

  // On a phone the editor and its toolbar fit the screen; a wide table scrolls in its own box.
  await mi.setViewportSize({ width: 390, height: 844 });
  await expect(toolbar).toBeVisible();
  expect(await mi.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(
    true,
  );
  await mi.screenshot({ path: test.info().outputPath('minutes-editor-phone.png'), fullPage: true });

  // A member reads the minutes without downloading the editor.
  const yang = await signedIn(browser, yishi.url, 'yang', consoleErrors);
  expect(await loadsEditor(yang, `/meetings/${meetingId}/minutes`)).toBe(false);
  await expect(yang.getByRole('listitem').filter({ hasText: decision }).locator('strong')).toHaveText('三个月内');
  await expect(yang.getByRole('textbox', { name: '纪要正文' })).toHaveCount(0);

  // The chair is asked first: cancelling leaves the minutes a draft, still editable.
  const chair = await signedIn(browser, yishi.url, 'chair', consoleErrors);
  await chair.goto(`/meetings/${meetingId}/minutes`);
  const status = chair.getByText('已编辑，待批准');
  await expect(status).toBeVisible();
  await chair.getByRole('button', { name: '批准纪要' }).click();
  const dialog = chair.getByRole('alertdialog', { name: '批准纪要？' });
  await expect(dialog).toContainText('确定按当前保存的内容批准这份纪要吗？批准后不能再修改。');
  await dialog.screenshot({ path: test.info().outputPath('minutes-approve-dialog.png') });
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(dialog).toBeHidden();
  await expect(status).toBeVisible();
  await expect(chair.getByRole('textbox', { name: '纪要正文' })).toBeVisible();

  // Confirmed, they are final: no editor, the text as saved.
  await chair.getByRole('button', { name: '批准纪要' }).click();
  await dialog.getByRole('button', { name: '确定批准' }).click();
  await expect(chair.getByText(/批准。纪要已定稿，不能再修改。/)).toBeVisible();
  await expect(chair.getByRole('textbox', { name: '纪要正文' })).toHaveCount(0);
  await expect(chair.getByRole('toolbar')).toHaveCount(0);
  await expect(chair.getByRole('listitem').filter({ hasText: decision }).locator('strong')).toHaveText('三个月内');
});
