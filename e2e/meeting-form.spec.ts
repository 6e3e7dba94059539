import type { APIRequestContext } from '@playwright/test';
import { committee, expect, seedTopic, signedIn, test } from './fixtures.js';

/**
 * Scheduling a meeting with its form of consultation, how people take part, a liaison station of the
 * organisation's tree as its place and an existing conference system's link; the topic page shows
 * them on the meeting.
 */
test.use({ locale: 'zh-CN' });

async function seed(request: APIRequestContext, setupCode: string) {
  const { call, as, orgId, topicId } = await seedTopic(request, setupCode, {
    people: committee.slice(0, 2),
    stage: 'preparation',
  });
  await as('admin');
  await call('/api/orgs', { name: '东湖社区联络站', level: 'liaison_station', parentId: orgId });
  await call('/api/orgs', { name: '别的市', level: 'city' });
  return topicId;
}

test('a meeting is scheduled at a liaison station, in person and remote, with a conference link', async ({
  browser,
  request,
  yishi,
  consoleErrors,
}) => {
  const topicId = await seed(request, yishi.setupCode);
  const chair = await signedIn(browser, yishi.url, 'chair', consoleErrors);
  await chair.goto(`/topics/${topicId}`);
  const form = chair.getByRole('form', { name: '安排会议' });
  await form.getByLabel('会议名称').fill('加装电梯一线协商会');
  await form.getByLabel('开始时间').fill('2026-12-08T09:00');
  await form.getByLabel('协商形式').selectOption({ label: '一线协商' });
  await form.getByLabel('参会方式').selectOption({ label: '现场与远程结合' });
  // Only the stations and rooms under the topic's organisation are offered.
  const place = form.getByLabel('地点', { exact: true });
  await expect(place.locator('option')).toHaveText(['不选（填写其他地点）', '东湖社区联络站']);
  await place.selectOption({ label: '东湖社区联络站' });
  await expect(form.getByLabel('其他地点')).toBeHidden();
  await form.getByLabel('视频会议链接（可选）').fill('https://meet.example.org/yishi-123');
  await form.getByRole('button', { name: '安排会议' }).click();
  await expect(form.getByRole('status')).toContainText('已安排会议“加装电梯一线协商会”');

  const meeting = chair.locator('li.meeting', { hasText: '加装电梯一线协商会' });
  await expect(meeting.locator('[data-meeting-form]')).toContainText('一线协商 · 现场与远程结合 · 东湖社区联络站');
  await expect(meeting.getByRole('link', { name: '视频会议' })).toHaveAttribute(
    'href',
    'https://meet.example.org/yishi-123',
  );
  await chair.screenshot({ path: 'test-results/meeting-form.png', fullPage: true });
});
