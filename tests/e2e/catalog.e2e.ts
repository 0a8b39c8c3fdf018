/**
 * The catalog editor in a browser: the owner creates a service (price, one resource, a required
 * booking question) that then shows on the public page, and adds a lunch break to a weekday's
 * business hours, which the public page then shows as two ranges. The service form checks input
 * with the server's own schema before sending it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hasChromium, openBrowser } from './browser';

const baseUrl = inject('baseUrl');
const run = hasChromium || process.env.CI === 'true' ? describe : describe.skip;

const slug = 'one-detail-at-a-time';
const PASSWORD = 'bookline-demo';
const SERVICE = 'Headliner Cleaning';

async function signIn(page: Page, email: string, path: string) {
  await page.goto(`${baseUrl}${path}`);
  await page.waitForURL(/\/sign-in\?next=/);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.waitForURL(`${baseUrl}${path}`);
}

run('the catalog editor in a browser', () => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;

  beforeAll(async () => {
    browser = await openBrowser();
    page = await browser.context.newPage();
    await signIn(page, 'owner@one-detail-at-a-time.demo', `/dashboard/${slug}/catalog/services`);
  });
  afterAll(() => browser?.close());

  it('creates a service with a price, a resource and a required question, and the public page lists it', async () => {
    await page.getByRole('heading', { level: 1, name: 'Services' }).waitFor();
    await page.getByRole('link', { name: 'New service' }).first().click();
    await page.waitForURL(`${baseUrl}/dashboard/${slug}/catalog/services/new`);
    await page.getByRole('heading', { level: 1, name: 'New service' }).waitFor();

    await page.getByLabel('Name', { exact: true }).fill(SERVICE);
    await page.getByLabel('Description', { exact: true }).fill('A deep clean of the engine bay and headliner.');
    await page.getByLabel(/^Price \(/).fill('149.50');
    await page.getByLabel('Duration', { exact: true }).fill('90');

    const resources = page.getByRole('group', { name: 'Who or what can perform it' });
    await resources.getByRole('checkbox').first().check();

    await page.getByRole('button', { name: 'Add a question' }).click();
    const question = page.getByRole('group', { name: /^Question 1/ });
    await question.getByLabel('Key', { exact: true }).fill('vehicle_make');
    await question.getByLabel('Label', { exact: true }).fill('Vehicle make');
    await question.getByLabel('Required', { exact: true }).check();
    // A number question with bounds (#11.15): the public form and the API enforce them.
    await page.getByRole('button', { name: 'Add a question' }).click();
    const count = page.getByRole('group', { name: /^Question 2/ });
    await count.getByLabel('Key', { exact: true }).fill('seats_count');
    await count.getByLabel('Label', { exact: true }).fill('Child seats');
    await count.getByLabel('Type', { exact: true }).selectOption('number');
    await count.getByLabel('Smallest allowed', { exact: true }).fill('0');
    await count.getByLabel('Largest allowed', { exact: true }).fill('4');
    await count.getByLabel('Whole numbers only', { exact: true }).check();

    await page.getByRole('button', { name: 'Create service' }).click();
    await page.waitForURL(/\/catalog\/services\/svc_[0-9a-z]{26}$/);
    await page.getByRole('heading', { level: 1, name: SERVICE }).waitFor();
    // The saved copy came back with every part of the input.
    expect(await page.getByLabel(/^Price \(/).inputValue()).toBe('149.50');
    expect(await page.getByRole('group', { name: 'Who or what can perform it' }).getByRole('checkbox', { checked: true }).count()).toBe(1);
    expect(await page.getByRole('group', { name: /^Question 1/ }).getByLabel('Key', { exact: true }).inputValue()).toBe('vehicle_make');

    await page.goto(`${baseUrl}/dashboard/${slug}/catalog/services?q=headliner`);
    await page.getByRole('link', { name: SERVICE }).waitFor();

    const publicPage = await browser.context.newPage();
    await publicPage.goto(`${baseUrl}/${slug}`);
    await publicPage.getByText(SERVICE, { exact: true }).first().waitFor();
    await publicPage.close();

    const api = (await (await fetch(`${baseUrl}/api/v1/public/orgs/${slug}/services/headliner-cleaning`)).json()) as {
      priceMinor: number;
      customFields: { key: string; required: boolean; type: string; min?: number; max?: number; integer?: boolean }[];
    };
    expect(api.priceMinor).toBe(14950);
    expect(api.customFields).toEqual([
      expect.objectContaining({ key: 'vehicle_make', required: true }),
      expect.objectContaining({ key: 'seats_count', type: 'number', min: 0, max: 4, integer: true }),
    ]);
  });

  it("checks a service with the server's own rules before sending it: messages under their fields, input kept", async () => {
    let posted = 0;
    const count = (req: { method(): string; url(): string }) => {
      if (req.method() === 'POST' && req.url().endsWith(`/api/v1/orgs/${slug}/services`)) posted += 1;
    };
    page.on('request', count);
    await page.goto(`${baseUrl}/dashboard/${slug}/catalog/services/new`);
    await page.getByRole('heading', { level: 1, name: 'New service' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Rule Check');
    await page.getByLabel('Duration', { exact: true }).fill('2');
    await page.getByRole('button', { name: 'Add a question' }).click();
    const question = page.getByRole('group', { name: /^Question 1/ });
    await question.getByLabel('Key', { exact: true }).fill('1st');
    await question.getByLabel('Label', { exact: true }).fill('First');
    await page.getByRole('button', { name: 'Create service' }).click();

    // createServiceInput's bounds and formats (catalog/schemas.ts), in words, under each input.
    await page.getByText('Must be at least 5.').waitFor();
    await question.getByText('Start with a lowercase letter, then letters, digits or _ (at most 40).').waitFor();
    expect(await page.getByLabel('Duration', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Rule Check');
    expect(await question.getByLabel('Label', { exact: true }).inputValue()).toBe('First');
    expect(page.url()).toBe(`${baseUrl}/dashboard/${slug}/catalog/services/new`);
    expect(posted).toBe(0);
    page.off('request', count);
    expect(browser.errors).toEqual([]);
  });

  it('adds a lunch break to a weekday and the public hours show two ranges for it', async () => {
    await page.goto(`${baseUrl}/dashboard/${slug}/catalog/hours`);
    await page.getByRole('heading', { level: 1, name: 'Business hours' }).waitFor();
    const wednesday = page.locator('fieldset[data-weekday="3"]');
    const closeDay = wednesday.getByRole('button', { name: 'Closed all day on Wednesday' });
    if (await closeDay.count()) await closeDay.click();
    await wednesday.getByRole('button', { name: 'Add range to Wednesday' }).click();
    await wednesday.getByLabel('Opens (range 1)').fill('09:00');
    await wednesday.getByLabel('Closes (range 1)').fill('12:00');
    await wednesday.getByRole('button', { name: 'Add range to Wednesday' }).click();
    await wednesday.getByLabel('Opens (range 2)').fill('13:00');
    await wednesday.getByLabel('Closes (range 2)').fill('17:00');
    await page.getByRole('button', { name: 'Save hours' }).click();
    await page.getByText('Hours saved.').first().waitFor();

    const publicPage = await browser.context.newPage();
    await publicPage.goto(`${baseUrl}/${slug}`);
    const row = publicPage.locator('section[aria-labelledby="hours-title"] tr', { has: publicPage.getByRole('rowheader', { name: /Wednesday/ }) });
    await row.waitFor();
    expect(await row.locator('td span.block').count()).toBe(2);
    await publicPage.close();

    const hours = (await (await fetch(`${baseUrl}/api/v1/public/orgs/${slug}/hours`)).json()) as { weekly: { weekday: number; ranges: { start: string; end: string }[] }[] };
    expect(hours.weekly.find((d) => d.weekday === 3)?.ranges).toEqual([
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '17:00' },
    ]);
    expect(browser.errors).toEqual([]);
  });
});
