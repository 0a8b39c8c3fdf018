/**
 * Email through the built-in mail catcher (#12.1, #12.8): a guest books on a demo
 * organization's public page; within a delivery cycle the email the guest would get appears on
 * the owner's mail page, rendered, with its plain-text part, its raw source and the .ics; its
 * manage link opens the guest's booking.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hasChromium, openBrowser } from './browser';

const baseUrl = inject('baseUrl');
const run = hasChromium || process.env.CI === 'true' ? describe : describe.skip;
const slug = 'one-detail-at-a-time';
const guestEmail = `mail.${Date.now()}@example.com`;

async function signIn(page: Page, email: string, path: string) {
  await page.goto(`${baseUrl}${path}`);
  await page.waitForURL(/\/sign-in\?next=/);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('bookline-demo');
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.waitForURL(`${baseUrl}${path}`);
}

run('a guest’s email in the mail catcher', () => {
  let guest: Awaited<ReturnType<typeof openBrowser>>;
  let owner: Awaited<ReturnType<typeof openBrowser>>;
  beforeAll(async () => {
    guest = await openBrowser();
    owner = await openBrowser({ timezoneId: 'America/Chicago' });
  });
  afterAll(async () => {
    await guest?.close();
    await owner?.close();
  });

  it('the booking’s email appears on the owner’s mail page with a working manage link and an .ics', { timeout: 180_000 }, async () => {
    const page = await guest.context.newPage();
    await page.goto(`${baseUrl}/${slug}/services/interior-detail`);
    const day = page.getByRole('grid').getByRole('button', { name: /, free times$/ }).first();
    await day.waitFor();
    await day.click();
    const times = page.getByRole('list', { name: /^Times on / }).getByRole('button');
    await times.first().waitFor();
    await times.first().click();
    await page.getByLabel('Name', { exact: true }).fill('Mail Guest');
    await page.getByLabel('Email', { exact: true }).fill(guestEmail);
    await page.getByLabel('Vehicle type').selectOption('sedan');
    await page.getByRole('group', { name: 'Where should we come?' }).getByLabel('Street and number').fill('611 W Woodlawn Ave');
    await page.getByRole('group', { name: 'Where should we come?' }).getByLabel('City').fill('San Antonio');
    await page.getByRole('group', { name: 'Where should we come?' }).getByLabel('Postal code').fill('78212');
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByRole('heading', { name: 'Request received — the business will confirm' }).waitFor();
    await page.getByText(`We are emailing the details and this link to ${guestEmail}`).waitFor();
    const manageHref = (await page.getByRole('link', { name: 'Open your booking' }).getAttribute('href'))!;

    // The outbox delivers every few seconds: the owner reloads the mail page until it is there.
    const dash = await owner.context.newPage();
    await signIn(dash, `owner@${slug}.demo`, `/dashboard/${slug}/mail`);
    await dash.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Mail' }).waitFor();
    const row = dash.locator('tbody tr', { hasText: guestEmail });
    for (let i = 0; i < 30 && (await row.count()) === 0; i++) {
      await dash.waitForTimeout(1000);
      await dash.reload();
    }
    await row.first().getByRole('link', { name: /^Booking request received: Interior Detail/ }).click();
    await dash.waitForURL(new RegExp(`/dashboard/${slug}/mail/mail_`));
    expect(await dash.getByTestId('mail-to').textContent()).toContain(guestEmail);
    expect(await dash.getByTestId('mail-attachments').textContent()).toContain('booking.ics');

    // The HTML part, rendered in its sandboxed frame.
    const frame = dash.frameLocator('[data-testid="mail-html"]');
    await frame.getByRole('heading', { name: 'We received your request' }).waitFor();
    await frame.getByRole('link', { name: 'Manage your booking' }).waitFor();

    // The plain-text part and the raw source, behind their disclosures.
    await dash.getByText('Plain-text part').click();
    const text = (await dash.getByTestId('mail-text').textContent())!;
    expect(text).toContain('Hello Mail Guest,');
    const link = /https?:\/\/\S+\/bookings\/manage\?token=[A-Za-z0-9_-]+/.exec(text)?.[0];
    expect(link).toBe(manageHref.startsWith('http') ? manageHref : `${baseUrl}${manageHref}`);
    await dash.getByText('Raw source').click();
    const raw = (await dash.getByTestId('mail-raw').textContent())!;
    expect(raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/);
    expect(raw).toContain('filename=booking.ics');

    // The link in the email opens the guest's booking.
    await page.goto(link!);
    await page.getByRole('heading', { name: 'Status' }).waitFor();
    await page.getByText('Interior Detail').first().waitFor();

    // The delivery table has nothing stuck.
    await dash.goto(`${baseUrl}/dashboard/${slug}/mail`);
    await dash.getByTestId('deliveries-empty').waitFor();
  });
});
