import { expect, test } from './fixtures.js';

/** On a phone, the pages fit the screen: nothing scrolls sideways. @phone */
test.use({ locale: 'en-US' });

test('setup and administration fit a phone screen @phone', async ({ page, yishi }) => {
  const fitsWidth = () =>
    page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Create the first administrator' })).toBeVisible();
  expect(await fitsWidth()).toBe(true);

  await page.getByLabel('Display name').fill('Admin');
  await page.getByLabel('Login').fill('admin');
  await page.getByLabel('Password', { exact: true }).fill('phone-password-1');
  await page.getByLabel('Confirm password').fill('phone-password-1');
  await page.getByLabel('Setup code').fill(yishi.setupCode);
  await page.getByRole('button', { name: 'Create administrator' }).click();
  await expect(page).toHaveURL(/\/admin/);

  await page.getByLabel('Name').fill('Riverside County Committee');
  await page.getByLabel('Level').selectOption({ label: 'County' });
  await page.getByRole('button', { name: 'Create organisation' }).click();
  await expect(page.getByRole('link', { name: /Riverside County Committee/ })).toBeVisible();
  expect(await fitsWidth()).toBe(true);
});
