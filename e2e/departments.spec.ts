import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { apiCaller, expect, password, signedIn, test } from './fixtures.js';

/**
 * The departments (承办单位) on the administration page: the administrator adds two, enrols an
 * official in one through the add-member form, renames the other, merges the first into it, and
 * the official then answers for the second; a duplicate name is refused beside its field, and a
 * member made an official in the table must be given a department. It all fits a phone too.
 */
test.use({ locale: 'zh-CN' });

/** The WCAG 2.1 AA violations axe finds on the page as it is, one line each. */
async function violations(page: Page): Promise<string[]> {
  const { violations: found } = await new AxeBuilder({ page })
    .options({ resultTypes: ['violations'] })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return found.flatMap((v) => v.nodes.map((node) => `${v.id}: ${v.help} at ${node.target.join(' ')}`));
}

/** Nothing scrolls sideways. */
const fitsWidth = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

test('the administrator adds, renames and merges departments, and enrols officials in them', async ({
  browser,
  request,
  yishi,
  consoleErrors,
}) => {
  const { call } = apiCaller(request);
  await call('/api/setup', { login: 'admin', password, displayName: '管理员', setupCode: yishi.setupCode });
  const org = (await call('/api/orgs', { name: '江城市政协', level: 'city' })).org;
  await call(`/api/orgs/${org.id}/members`, { login: 'yang', password, displayName: '杨晓燕', role: 'member' });

  const page = await signedIn(browser, yishi.url, 'admin', consoleErrors);
  await page.goto(`/admin?org=${org.id}`);
  const panel = page.getByRole('region', { name: '承办单位' });
  const items = panel.getByRole('list', { name: '承办单位' }).getByRole('listitem');
  const item = (name: string) => items.filter({ has: page.getByText(name, { exact: true }) });
  await expect(panel.getByText('本组织还没有承办单位。')).toBeVisible();
  // Until there is one, the add-member form says where to add it when an official is chosen.
  const form = page.getByRole('form', { name: '添加成员' });
  await form.getByLabel('角色').selectOption({ label: '部门代表' });
  await expect(form.getByText('本组织还没有承办单位：请先在本页“承办单位”部分添加，再登记部门代表。')).toBeVisible();

  // Two departments; the same name again is refused beside the field, which takes the focus.
  for (const name of ['市住建局', '市城管局']) {
    await panel.getByLabel('新承办单位').fill(name);
    await panel.getByRole('button', { name: '添加承办单位' }).click();
    await expect(panel.getByRole('status')).toHaveText(`已添加承办单位“${name}”。`);
  }
  // By name, as the server orders them.
  await expect(items).toHaveText([/市住建局/, /市城管局/]);
  await panel.getByLabel('新承办单位').fill('市住建局');
  await panel.getByRole('button', { name: '添加承办单位' }).click();
  await expect(panel.getByLabel('新承办单位')).toBeFocused();
  await expect(panel.getByLabel('新承办单位')).toHaveAccessibleDescription(/本组织已有同名的承办单位，请换一个名称。/);
  await expect(items).toHaveCount(2);

  // An official is enrolled in one through the add-member form, which asks for the department.
  await form.getByLabel('姓名', { exact: true }).fill('赵卫东');
  await form.getByLabel('登录名', { exact: true }).fill('zhao');
  await form.getByLabel('初始密码').fill(password);
  await form.getByLabel('角色').selectOption({ label: '部门代表' });
  await form.getByRole('button', { name: '添加成员' }).click();
  await expect(form.getByText('部门代表须属于一个承办单位，请选择。').last()).toBeVisible();
  await form.getByRole('combobox', { name: '承办单位' }).selectOption({ label: '市住建局' });
  await form.getByRole('button', { name: '添加成员' }).click();
  await expect(form.getByRole('status')).toHaveText('已添加成员“赵卫东”。');
  const zhao = page.getByRole('row', { name: /赵卫东/ });
  await expect(zhao).toContainText('部门代表');
  await expect(zhao).toContainText('市住建局');
  await expect(item('市住建局')).toContainText('1 名部门代表');
  await expect(item('市城管局')).toContainText('0 名部门代表');
  // A department with an official is not deleted: the button says why.
  const deleteBusy = panel.getByRole('button', { name: '删除：市住建局' });
  await expect(deleteBusy).toHaveAttribute('aria-disabled', 'true');
  await expect(deleteBusy).toHaveAccessibleDescription('有部门代表的承办单位不能删除，可将其合并到另一个承办单位。');

  // Renamed inline; the focus returns to the rename button.
  await panel.getByRole('button', { name: '重命名：市城管局' }).click();
  await expect(panel.getByLabel('“市城管局”的新名称')).toBeFocused();
  await panel.getByLabel('“市城管局”的新名称').fill('市住建局');
  await panel.getByRole('button', { name: '保存' }).click();
  await expect(panel.getByLabel('“市城管局”的新名称')).toHaveAccessibleDescription(/本组织已有同名的承办单位/);
  await panel.getByLabel('“市城管局”的新名称').fill('市城市管理局');
  await panel.getByRole('button', { name: '保存' }).click();
  await expect(panel.getByRole('status')).toHaveText('已将“市城管局”更名为“市城市管理局”。');
  await expect(panel.getByRole('button', { name: '重命名：市城市管理局' })).toBeFocused();

  await page.screenshot({ path: test.info().outputPath('departments-desktop.png'), fullPage: true });

  // Merged after a confirmation: the official now answers for the second department.
  await panel.getByRole('button', { name: '合并：市住建局' }).click();
  await panel.getByLabel('将“市住建局”合并到').selectOption({ label: '市城市管理局' });
  await panel.getByRole('button', { name: '合并…' }).click();
  const dialog = page.getByRole('alertdialog', { name: '将“市住建局”合并到“市城市管理局”？' });
  await expect(dialog).toContainText('其 1 名部门代表及交给它办理的成果将改属“市城市管理局”');
  await dialog.getByRole('button', { name: '合并' }).click();
  await expect(panel.getByRole('status')).toHaveText('已将“市住建局”合并到“市城市管理局”。');
  await expect(items).toHaveCount(1);
  await expect(item('市城市管理局')).toContainText('1 名部门代表');
  await expect(zhao).toContainText('市城市管理局');

  // A member made an official in the table is given a department in the same change.
  await page.getByRole('button', { name: '修改角色：杨晓燕' }).click();
  const editor = page.getByRole('form', { name: '修改角色：杨晓燕' });
  await expect(editor.getByLabel('角色')).toBeFocused();
  await editor.getByLabel('角色').selectOption({ label: '部门代表' });
  await editor.getByRole('button', { name: '保存' }).click();
  await expect(editor.getByText('部门代表须属于一个承办单位，请选择。')).toBeVisible();
  await page.getByRole('table').screenshot({ path: test.info().outputPath('members-desktop-editing.png') });
  // Scanned with the row's editor, a merge form and a delete refused in view.
  await panel.getByRole('button', { name: '合并：市城市管理局' }).click();
  expect(await violations(page)).toEqual([]);
  await panel.getByRole('button', { name: '合并：市城市管理局' }).click();
  await editor.getByRole('combobox', { name: '承办单位' }).selectOption({ label: '市城市管理局' });
  await editor.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('已修改 杨晓燕 的角色。')).toBeVisible();
  const yang = page.getByRole('row', { name: /杨晓燕/ });
  await expect(yang).toContainText('部门代表');
  await expect(yang).toContainText('市城市管理局');
  await expect(page.getByRole('button', { name: '修改角色：杨晓燕' })).toBeFocused();
  await expect(item('市城市管理局')).toContainText('2 名部门代表');

  // An empty department is deleted after a confirmation.
  await panel.getByLabel('新承办单位').fill('市临时办');
  await panel.getByRole('button', { name: '添加承办单位' }).click();
  await panel.getByRole('button', { name: '删除：市临时办' }).click();
  await page.getByRole('alertdialog', { name: '删除“市临时办”？' }).getByRole('button', { name: '删除' }).click();
  await expect(panel.getByRole('status')).toHaveText('已删除承办单位“市临时办”。');
  await expect(items).toHaveCount(1);

  expect(await fitsWidth(page)).toBe(true);
  await page.setViewportSize({ width: 412, height: 915 });
  expect(await fitsWidth(page)).toBe(true);
  await page.screenshot({ path: test.info().outputPath('departments-phone.png'), fullPage: true });
  await panel.getByRole('button', { name: '合并：市城市管理局' }).click();
  await expect(panel.getByText('没有可以并入的其他承办单位。')).toBeVisible();
  await page.getByRole('button', { name: '修改角色：赵卫东' }).click();
  expect(await fitsWidth(page)).toBe(true);
  await page.screenshot({ path: test.info().outputPath('departments-phone-editing.png'), fullPage: true });
  // The two panels at a readable scale.
  const members = page.getByRole('region', { name: '江城市政协 · 成员' });
  await members.getByRole('table').screenshot({ path: test.info().outputPath('members-phone-editing.png') });
  await panel.screenshot({ path: test.info().outputPath('departments-panel-phone.png') });
});
