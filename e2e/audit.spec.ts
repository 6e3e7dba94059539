import type { APIRequestContext } from '@playwright/test';
import { apiCaller, expect, password, signedIn, test } from './fixtures.js';

/**
 * The audit log in the browser: after a topic is proposed and vetted, the secretary opens the log
 * from the navigation, reads the entries in Chinese, filters them by an action and verifies the chain.
 */
test.use({ locale: 'zh-CN' });

const title = '关于规范老旧小区停车管理的建议';

async function seed(request: APIRequestContext, setupCode: string) {
  const { call, as } = apiCaller(request);
  await call('/api/setup', { login: 'admin', password, displayName: '管理员', setupCode });
  const org = (await call('/api/orgs', { name: '江城市政协', level: 'city' })).org;
  for (const [login, displayName, role] of [
    ['mi', '秘书处小米', 'secretariat'],
    ['yang', '杨晓燕', 'member'],
  ] as const) {
    await call(`/api/orgs/${org.id}/members`, { login, password, displayName, role, sector: null });
  }
  await as('yang');
  const id = (await call('/api/topics', { orgId: org.id, title, summary: '停车难。', tags: [] })).topic.id;
  await as('mi');
  await call(`/api/topics/${id}/advance`, { to: 'vetting' });
  const yes = { answer: true, reason: '群众关心' };
  await call(`/api/topics/${id}/vetting`, { relevance: yes, remit: yes }, 'put');
  await call(`/api/topics/${id}/advance`, { to: 'preparation' });
  await call(`/api/orgs/${org.id}/settings`, { minResearchReports: 2 }, 'put');
}

test('the secretary reads, filters and verifies the audit log', async ({ browser, request, yishi, consoleErrors }) => {
  await seed(request, yishi.setupCode);
  const page = await signedIn(browser, yishi.url, 'mi', consoleErrors);

  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '审计日志' }).click();
  await expect(page.getByRole('heading', { name: '江城市政协 · 审计日志' })).toBeVisible();
  const table = page.getByRole('table', { name: '江城市政协的审计记录，最新的在前' });
  const proposed = table.getByRole('row', { name: /提出议题/ });
  await expect(proposed).toContainText('杨晓燕');
  await expect(proposed.getByRole('link', { name: title })).toHaveAttribute('href', /\/topics\//);
  await expect(table.getByRole('row', { name: /作出审议意见/ })).toContainText('问一：相关性（是）');
  await expect(table.getByRole('row', { name: /修改程序门槛/ })).toContainText('所需调研报告数：2');

  // By action: only the stage changes, and the filter is in the address.
  await page.getByLabel('操作', { exact: true }).selectOption({ label: '变更阶段' });
  await page.getByRole('button', { name: '筛选' }).click();
  await expect(page).toHaveURL(/action=topic\.stage/);
  await expect(table.getByRole('row', { name: /提出议题/ })).toHaveCount(0);
  await expect(table.getByRole('row', { name: /变更阶段/ })).toHaveCount(2);
  await expect(table.getByRole('row', { name: /审议中 → 准备中/ })).toContainText('秘书处小米');

  await page.getByRole('button', { name: '校验链条' }).click();
  await expect(page.getByRole('status').filter({ hasText: '条记录完好' })).toHaveText(/全部 \d+ 条记录完好。/);
  await page.screenshot({ path: test.info().outputPath('audit-zh-CN.png'), fullPage: true });

  await page.getByLabel('语言').selectOption({ label: 'English' });
  await expect(page.getByRole('row', { name: /Vetting → Preparation/ })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('audit-en.png'), fullPage: true });
});
