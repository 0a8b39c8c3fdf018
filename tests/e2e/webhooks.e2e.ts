/**
 * Webhooks in a browser, 375 px wide: an owner adds an endpoint pointing at a real HTTP
 * receiver on loopback started here, copies the secret shown once, sends a test event, and
 * sees it in the delivery log; the receiver's copy verifies with the standardwebhooks package.
 */
import type { Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Receiver, startReceiver } from '../support/webhook-receiver';
import { createOrganization, signUpUser, suffix, useSession } from './api';
import { hasChromium, openBrowser } from './browser';

const baseUrl = inject('baseUrl');
const run = hasChromium || process.env.CI === 'true' ? describe : describe.skip;

run('webhooks in a browser', () => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  let rx: Receiver;
  const slug = `hooks-${suffix()}`;

  beforeAll(async () => {
    rx = await startReceiver();
    const owner = await signUpUser(baseUrl, 'Hook Owner');
    await createOrganization(baseUrl, owner, slug, 'Hook House');
    browser = await openBrowser({ viewport: { width: 375, height: 800 } });
    await useSession(browser.context, baseUrl, owner);
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await rx?.close();
  });

  it('adds an endpoint, shows its secret once, sends a signed test event and logs it', { timeout: 120_000 }, async () => {
    await page.goto(`${baseUrl}/dashboard/${slug}/webhooks`);
    await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
    await page.getByTestId('webhooks-empty').waitFor();

    // Bad input is answered on the field.
    await page.getByLabel('Endpoint URL').fill('ftp://example.com/x');
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await page.getByText('Must start with https:// or http://').waitFor();

    await page.getByLabel('Endpoint URL').fill(rx.url);
    await page.getByLabel('Description (optional)').fill('Loopback receiver');
    await page.getByRole('group', { name: 'Events to send' }).getByLabel(/Customer created/).check();
    await page.getByRole('button', { name: 'Add endpoint' }).click();

    const panel = page.getByTestId('webhook-secret');
    await panel.waitFor();
    const secret = await panel.getByLabel('Signing secret').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await panel.getByRole('button', { name: 'I have saved it' }).click();
    await panel.waitFor({ state: 'detached' });

    const card = page.getByTestId('webhook-endpoint').filter({ hasText: rx.url });
    await card.getByText('Events: Booking created, Customer created').waitFor();
    await card.getByRole('button', { name: 'Send test event' }).click();
    const row = card.getByTestId('webhook-delivery').first();
    await row.waitFor();
    await expect.poll(() => row.innerText()).toMatch(/Test event[\s\S]*Delivered[\s\S]*HTTP 200/);

    expect(rx.received).toHaveLength(1);
    const event = new Webhook(secret).verify(rx.received[0]!.body, rx.received[0]!.headers) as { type: string };
    expect(event.type).toBe('webhook.test');

    // Turning it off shows on the card; nothing overflows the 375 px screen.
    await card.getByRole('button', { name: 'Disable' }).click();
    await card.getByText('Disabled', { exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(browser.errors).toEqual([]);
  });
});
