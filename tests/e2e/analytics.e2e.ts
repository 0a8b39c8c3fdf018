/**
 * Booking-funnel analytics in a browser: a guest opens a service on the public page, chooses a
 * time and books it; the owner's analytics page (375 px, reached through the navigation) then
 * shows the steps counted — service viewed, time chosen, details submitted, booked — once the
 * server's counts are flushed (every 5 s), with the service's conversion in the table. The page
 * is axe-clean empty and filled, keeps the range in the URL, and speaks Spanish.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, type ApiUser, createOrganization, signUpUser, suffix, useSession } from './api';
import { hasChromium, openBrowser } from './browser';
import { seriousViolations } from './support-axe';

const baseUrl = inject('baseUrl');
const run = hasChromium || process.env.CI === 'true' ? describe : describe.skip;

run('booking-funnel analytics in a browser', () => {
  let ownerBrowser: Awaited<ReturnType<typeof openBrowser>>;
  let guestBrowser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  let owner: ApiUser;
  let serviceSlug: string;
  const slug = `funnel-${suffix()}`;

  beforeAll(async () => {
    owner = await signUpUser(baseUrl, 'Funnel Owner');
    await createOrganization(baseUrl, owner, slug, 'Funnel Studio');
    const v1 = `/api/v1/orgs/${slug}`;
    const everyDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, ranges: [{ start: '00:00', end: '24:00' }] }));
    expect((await api(baseUrl, `${v1}/business-hours`, { method: 'PUT', cookie: owner.cookie, body: { weekly: everyDay } })).status).toBe(200);
    const room = await api(baseUrl, `${v1}/resources`, { cookie: owner.cookie, body: { kind: 'room', name: 'Studio A' } });
    const service = await api(baseUrl, `${v1}/services`, {
      cookie: owner.cookie,
      body: { name: 'Portrait Session', durationMinutes: 60, slotIntervalMinutes: 60, minNoticeMinutes: 0, requiresConfirmation: false, resourceIds: [room.json.id] },
    });
    expect(service.status, JSON.stringify(service.json)).toBe(201);
    serviceSlug = service.json.slug;
    ownerBrowser = await openBrowser({ viewport: { width: 375, height: 800 } });
    await useSession(ownerBrowser.context, baseUrl, owner);
    page = await ownerBrowser.context.newPage();
    guestBrowser = await openBrowser();
  });
  afterAll(async () => {
    await ownerBrowser?.close();
    await guestBrowser?.close();
  });

  it('counts a guest’s way from the service page to a booking, and the owner sees each step', { timeout: 150_000 }, async () => {
    // Nothing counted yet: the empty state, reached through the folded navigation.
    await page.goto(`${baseUrl}/dashboard/${slug}`);
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Analytics' }).click();
    await page.waitForURL(`${baseUrl}/dashboard/${slug}/analytics`);
    await page.getByRole('heading', { level: 1, name: 'Booking funnel' }).waitFor();
    await page.getByRole('heading', { name: 'Nothing counted in this period yet' }).waitFor();
    expect(await page.getByRole('link', { name: 'Last 30 days' }).getAttribute('aria-current')).toBe('page');
    expect(await seriousViolations(page)).toEqual([]);

    // The guest: service page → a day → a time → details → booked.
    const guest = await guestBrowser.context.newPage();
    await guest.goto(`${baseUrl}/${slug}/services/${serviceSlug}`);
    await guest.getByRole('heading', { level: 1, name: 'Portrait Session' }).waitFor();
    const day = guest.getByRole('grid').getByRole('button', { name: /, free times$/ }).first();
    await day.waitFor();
    await day.click();
    const time = guest.getByRole('list', { name: /^Times on / }).getByRole('button').first();
    await time.waitFor();
    await time.click();
    await guest.getByLabel('Name', { exact: true }).fill('Funnel Guest');
    await guest.getByLabel('Email', { exact: true }).fill(`funnel-guest-${suffix()}@example.com`);
    await guest.getByRole('button', { name: 'Book now' }).click();
    await guest.getByText('You’re booked.', { exact: false }).waitFor();

    // The owner: the counts arrive with the server's next flush (every 5 s).
    const booked = page.getByTestId('count-booked');
    const deadline = Date.now() + 30_000;
    for (;;) {
      await page.goto(`${baseUrl}/dashboard/${slug}/analytics?days=7`);
      await page.getByRole('heading', { level: 1, name: 'Booking funnel' }).waitFor();
      if ((await booked.count()) > 0 && (await booked.textContent()) === '1') break;
      if (Date.now() > deadline) throw new Error('the booking was not counted within 30 s');
      await page.waitForTimeout(1_000);
    }
    expect(await page.getByRole('link', { name: 'Last 7 days' }).getAttribute('aria-current')).toBe('page');
    const chart = page.getByTestId('funnel-chart');
    for (const step of ['service_viewed', 'time_chosen', 'details_submitted', 'booked']) {
      expect(await chart.getByTestId(`count-${step}`).textContent(), step).toBe('1');
    }
    expect(await chart.getByText('Service viewed').count()).toBe(1);
    expect(await page.getByTestId('count-conflict').textContent()).toBe('0');
    await page.getByTestId('funnel-conversion').getByText('Conversion: 100% of views ended in a booking').waitFor();
    const row = page.getByTestId('funnel-by-service').getByRole('row', { name: /Portrait Session/ });
    expect(await row.getByRole('cell').last().textContent()).toBe('100%');
    expect(await seriousViolations(page)).toEqual([]);

    // The page fits 375 px: nothing but the table's own scroller is wider than the viewport.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(overflow).toBeLessThanOrEqual(375);

    // In Spanish.
    await page.goto(`${baseUrl}/dashboard/${slug}/analytics?days=7&lang=es`);
    await page.getByRole('heading', { level: 1, name: 'Embudo de reservas' }).waitFor();
    await page.getByText('Conversión: 100 % de las visitas terminaron en una reserva').or(page.getByText('Conversión: 100% de las visitas terminaron en una reserva')).waitFor();
    expect(await page.getByRole('link', { name: 'Últimos 7 días' }).getAttribute('aria-current')).toBe('page');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
