import type { APIRequestContext, Page } from '@playwright/test';
import { apiCaller, expect, password, signedIn, test } from './fixtures.js';

/**
 * The chair and the secretariat, each in their own browser, take a topic from proposed to
 * consultation; each sees the other's steps arrive on the stepper without reloading.
 */
test.use({ locale: 'zh-CN' });

async function seed(request: APIRequestContext, setupCode: string) {
  const { call } = apiCaller(request);
  await call('/api/setup', { login: 'admin', password, displayName: '管理员', setupCode });
  const org = (await call('/api/orgs', { name: '江城市政协', level: 'city' })).org;
  for (const [login, displayName, role, sector, expertise] of [
    ['chair', '周主席', 'chair', null, []],
    ['secretary', '吴秘书', 'secretariat', null, []],
    ['li', '李建国', 'member', '经济界', ['营商环境']],
    ['wang', '王秀兰', 'member', '农业界', ['乡村振兴']],
  ] as const) {
    await call(`/api/orgs/${org.id}/members`, { login, password, displayName, role, sector, expertise });
  }
  await call('/api/auth/logout', {});
  await call('/api/auth/login', { login: 'li', password });
  const topic = (
    await call('/api/topics', {
      orgId: org.id,
      title: '进一步优化营商环境',
      summary: '围绕中小企业融资难开展协商。',
      tags: ['营商环境', '经济界'],
    })
  ).topic;
  return topic.id as string;
}

const step = (page: Page, key: string) => page.getByRole('list', { name: '协商程序' }).locator(`[data-step="${key}"]`);

test('chair and secretariat take a topic from proposed to consultation, each seeing the stepper change', async ({
  browser,
  request,
  yishi,
  consoleErrors,
}) => {
  const topicId = await seed(request, yishi.setupCode);
  const chair = await signedIn(browser, yishi.url, 'chair', consoleErrors);
  const secretary = await signedIn(browser, yishi.url, 'secretary', consoleErrors);
  for (const page of [chair, secretary]) {
    await page.goto(`/topics/${topicId}`);
    await expect(page.getByRole('heading', { name: '进一步优化营商环境' })).toBeVisible();
    await expect(page.locator('[data-stage]').first()).toHaveAttribute('data-stage', 'proposed');
    await expect(step(page, 'relevance')).toHaveAttribute('data-status', 'blocked');
  }

  // The secretariat starts vetting; the chair's page follows.
  await secretary.getByRole('button', { name: '开始审议' }).click();
  await expect(step(chair, 'relevance')).toHaveAttribute('data-status', 'open');
  await expect(chair.locator('[data-stage]').first()).toHaveAttribute('data-stage', 'vetting');

  // The chair answers the two questions; the secretariat sees both steps done.
  const q1 = chair.getByRole('group', { name: '问一：相关性' });
  await q1.getByLabel('是').check();
  await q1.getByLabel('理由').fill('契合市委市政府优化营商环境的中心工作');
  const q2 = chair.getByRole('group', { name: '问二：职能范围' });
  await q2.getByLabel('是').check();
  await q2.getByLabel('理由').fill('属于政协协商议政的职能范围');
  await chair.getByRole('button', { name: '保存审议意见' }).click();
  await expect(step(secretary, 'relevance')).toHaveAttribute('data-status', 'done');
  await expect(step(secretary, 'remit')).toHaveAttribute('data-status', 'done');

  await chair.getByRole('button', { name: '通过审议' }).click();
  await expect(secretary.locator('[data-stage]').first()).toHaveAttribute('data-stage', 'preparation');
  await expect(step(secretary, 'participants')).toHaveAttribute('data-status', 'open');

  // Consultation is blocked until a participant is assessed and research exists.
  await expect(chair.getByRole('button', { name: '开始协商' })).toBeDisabled();

  // The secretariat picks the suggested member, with an assessment note, and files research.
  await secretary.getByLabel('评估意见：李建国').fill('企业家委员，熟悉中小企业融资');
  await secretary.getByRole('button', { name: '加入：李建国' }).click();
  await expect(step(chair, 'participants')).toHaveAttribute('data-status', 'done');

  await secretary.getByRole('button', { name: '添加调研报告' }).click();
  await secretary.getByLabel('标题').fill('关于中小企业融资情况的调研报告');
  await secretary.getByLabel('摘要').fill('走访企业 42 家');
  await secretary.getByLabel('正文（Markdown）').fill('## 主要发现\n\n- 融资渠道单一');
  await secretary.getByRole('button', { name: '保存报告' }).click();
  await expect(step(chair, 'research')).toHaveAttribute('data-status', 'done');

  await chair.getByRole('button', { name: '开始协商' }).click();
  for (const page of [chair, secretary]) {
    await expect(page.locator('[data-stage]').first()).toHaveAttribute('data-stage', 'consultation');
    await expect(step(page, 'interaction')).toHaveAttribute('data-status', 'open');
  }
  await expect(secretary.getByRole('heading', { name: '主要发现' })).toBeVisible();
});
