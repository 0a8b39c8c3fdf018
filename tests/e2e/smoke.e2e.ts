import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hasChromium, openBrowser } from './browser';

const baseUrl = inject('baseUrl');
const run = hasChromium || process.env.CI === 'true' ? describe : describe.skip;

run('the web app in a browser', () => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(() => browser?.close());

  it('lists the demo organizations and opens one', async () => {
    const page = await browser.context.newPage();
    await page.goto(baseUrl);
    await expect(page.getByRole('link', { name: /One Detail At A Time/ }).first().isVisible()).resolves.toBe(true);
    await page.getByRole('link', { name: /One Detail At A Time/ }).first().click();
    await page.waitForURL(`${baseUrl}/one-detail-at-a-time`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('One Detail At A Time');
    expect(browser.errors).toEqual([]);
  });

  it('signs a demo owner in and reaches the dashboard', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${baseUrl}/dashboard/one-detail-at-a-time/team`);
    await page.waitForURL(/\/sign-in\?next=/);
    await page.getByLabel('Email').fill('owner@one-detail-at-a-time.demo');
    await page.getByLabel('Password', { exact: true }).fill('bookline-demo');
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.waitForURL(`${baseUrl}/dashboard/one-detail-at-a-time/team`);
    // The team list streams in after its loading state: wait for the owner's row.
    await page.getByRole('cell', { name: 'owner@one-detail-at-a-time.demo' }).first().waitFor();
    expect(browser.errors).toEqual([]);
  });
});
