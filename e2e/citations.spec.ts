import type { APIRequestContext } from '@playwright/test';
import { writeDraft } from '../apps/server/src/demo/seed.js';
import { apiCaller, committee, enrol, expect, heldMeeting, password, signedIn, test } from './fixtures.js';

/**
 * A published case shows where its outcome's paragraphs come from: each cited paragraph carries a
 * numbered mark linked to its note, the note names the speech (speaker, kind, meeting, time) or the
 * research report, and links to the speech's row in the meeting's speech log.
 */
test.use({ locale: 'zh-CN' });

const title = '关于推进老旧小区加装电梯的建议';

/** A topic taken through the procedure to a published case whose draft cites two speeches and a report. */
async function seed(request: APIRequestContext, baseURL: string, setupCode: string) {
  const { call, as, cookie } = apiCaller(request);
  await call('/api/setup', { login: 'admin', password, displayName: '管理员', setupCode });
  const org = (await call('/api/orgs', { name: '江城市政协', level: 'city' })).org;
  const { ids, departmentId } = await enrol(call, org.id, [...committee, ['zhao', '赵卫东', 'official', null]]);
  await as('yang');
  const id = (await call('/api/topics', { orgId: org.id, title, summary: '破解协调难、资金难。', tags: ['社区治理'] }))
    .topic.id as string;
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
  const research = (
    await call(`/api/topics/${id}/research`, {
      title: '老旧小区加装电梯情况调研',
      summary: '摘要',
      body: '正文',
      authors: ['王秀兰'],
      date: '2026-11-20',
    })
  ).topic.research[0];
  await to('consultation');
  const { meetingId, speechIds: speeches } = await heldMeeting(call, id, ids);
  await to('drafting');
  await writeDraft(baseURL, cookie(), id, [
    ['heading', '一、总体建议', `research:${research.id}`],
    ['paragraph', '建议出台加装电梯资金分摊指引，明确低层住户的补偿办法。', `speech:${speeches[0]}`],
    ['paragraph', '建议简化审批流程，推行“一站式”联合审批。'],
    ['paragraph', '建议将加装电梯纳入老旧小区改造计划，统筹安排财政补助。', `speech:${speeches[1]}`],
  ]);
  await call(
    `/api/topics/${id}/outcome`,
    { form: 'recommendation', recipientDepartmentIds: [departmentId], dueDate: '2099-03-31', partyContactId: ids.wang },
    'put',
  );
  await to('delivered');
  await as('zhao');
  await call(`/api/topics/${id}/answer`, { decision: 'adopted', measures: '已出台资金分摊指引。', reason: '' });
  await as('chair');
  await call(`/api/topics/${id}/ratings`, { score: 5, comment: '措施具体。' });
  await as('wang');
  await call(`/api/topics/${id}/ratings`, { score: 5, comment: '切中要害。' });
  await as('chair');
  await to('closed');
  const published = (await call(`/api/topics/${id}/publish`, {})).case;
  return { caseId: published.id as string, meetingId, speeches };
}

test('a case links a cited paragraph to its note and on to the speech in the meeting’s log', async ({
  browser,
  request,
  yishi,
  consoleErrors,
}) => {
  const { caseId, meetingId, speeches } = await seed(request, yishi.url, yishi.setupCode);

  // A member reads the case: the cited heading and paragraphs carry numbered marks, the other none.
  const reader = await signedIn(browser, yishi.url, 'wang', consoleErrors);
  await reader.goto(`/cases/${caseId}`);
  const outcome = reader.getByRole('region', { name: '协商成果' });
  await expect(outcome.getByRole('heading', { name: title })).toHaveCount(0);
  const cited = outcome.getByText('建议出台加装电梯资金分摊指引，明确低层住户的补偿办法。');
  const mark = cited.getByRole('link', { name: /^出处 2：杨晓燕（发言），专题协商会，/ });
  await expect(mark).toHaveText('[2]');
  await expect(outcome.getByRole('heading', { name: /一、总体建议/ }).getByRole('link')).toHaveText('[1]');
  await expect(outcome.getByText('建议简化审批流程，推行“一站式”联合审批。').getByRole('link')).toHaveCount(0);
  // Times are in the reader's time zone (the browser's).
  const notes = outcome.getByRole('region', { name: '出处' }).getByRole('listitem');
  await expect(notes).toHaveText([
    /^\[1\]\s*调研报告《老旧小区加装电梯情况调研》，王秀兰，2026年11月20日\s*在议题中查看$/,
    /^\[2\]\s*杨晓燕（发言），专题协商会，2026年12月1日 \d{2}:10\s*在发言记录中查看$/,
    /^\[3\]\s*王秀兰（发言），专题协商会，2026年12月1日 \d{2}:20\s*在发言记录中查看$/,
  ]);
  await reader.screenshot({ path: test.info().outputPath('case-page.png'), fullPage: true });

  // The mark leads to its note, and the note back to the mark.
  await mark.click();
  await expect(reader).toHaveURL(/#case-note-2$/);
  const note = reader.locator('#case-note-2');
  await expect(note).toBeInViewport();
  await note.getByRole('link', { name: '回到正文第 2 处' }).click();
  await expect(reader).toHaveURL(/#case-mark-2$/);

  // The note leads to the speech's row in the meeting's speech log, marked and brought into view.
  await note.getByRole('link', { name: '在发言记录中查看' }).click();
  await expect(reader).toHaveURL(new RegExp(`/meetings/${meetingId}#speech-${speeches[0]}$`));
  const row = reader.locator(`#speech-${speeches[0]}`);
  await expect(row).toHaveClass(/targeted/);
  await expect(row.getByRole('cell').first()).toHaveText('杨晓燕');
  await expect(row).toBeInViewport();
  await expect(reader.locator(`#speech-${speeches[1]}`)).not.toHaveClass(/targeted/);
  await reader.screenshot({ path: test.info().outputPath('speech-log.png'), fullPage: true });
});
