/**
 * Calendar feeds in a browser, 375 px wide: an owner creates a resource's feed, sees its
 * address once (with the webcal:// subscribe link), the address serves the booking as
 * text/calendar, then the owner revokes the feed after a confirmation and the address answers
 * 404. The page is axe-clean in its empty, new-feed and listed states, and speaks Spanish.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, type ApiUser, createOrganization, signUpUser, suffix, useSession } from './api';
import { hasChromium, openBrowser } from './browser';
import { seriousViolations } from './support-axe';

const baseUrl = inject('baseUrl');
const run = hasChromium || process.env.CI === 'true' ? describe : describe.skip;

run('calendar feeds in a browser', () => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  let owner: ApiUser;
  let bookingId: string;
  const slug = `feeds-${suffix()}`;
  const guestName = `Feed Guest ${suffix()}`;

  beforeAll(async () => {
    owner = await signUpUser(baseUrl, 'Feed Owner');
    await createOrganization(baseUrl, owner, slug, 'Feed Studio');
    const v1 = `/api/v1/orgs/${slug}`;
    const everyDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, ranges: [{ start: '00:00', end: '24:00' }] }));
    expect((await api(baseUrl, `${v1}/business-hours`, { method: 'PUT', cookie: owner.cookie, body: { weekly: everyDay } })).status).toBe(200);
    const room = await api(baseUrl, `${v1}/resources`, { cookie: owner.cookie, body: { kind: 'room', name: 'Studio A' } });
    const service = await api(baseUrl, `${v1}/services`, { cookie: owner.cookie, body: { name: 'Session', durationMinutes: 60, slotIntervalMinutes: 60, minNoticeMinutes: 0, resourceIds: [room.json.id] } });
    const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const slots = await api(baseUrl, `/api/v1/public/orgs/${slug}/availability?serviceId=${service.json.id}&from=${day}&to=${day}`);
    const booked = await api(baseUrl, `/api/v1/public/orgs/${slug}/bookings`, {
      body: { serviceId: service.json.id, start: slots.json.slots[0].start, customer: { name: guestName, email: `feed-guest-${suffix()}@example.test` } },
    });
    expect(booked.status).toBe(201);
    bookingId = booked.json.booking.id;
    browser = await openBrowser({ viewport: { width: 375, height: 800 } });
    await useSession(browser.context, baseUrl, owner);
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('creates a resource feed, serves the booking at its address, revokes it, and the address then 404s', { timeout: 120_000 }, async () => {
    // At 375 px the navigation folds behind the Menu button.
    await page.goto(`${baseUrl}/dashboard/${slug}`);
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Calendar feeds' }).click();
    await page.waitForURL(`${baseUrl}/dashboard/${slug}/feeds`);
    await page.getByRole('heading', { level: 1, name: 'Calendar feeds' }).waitFor();
    await page.getByTestId('feeds-empty').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // No resource chosen: said on the field.
    await page.getByRole('button', { name: 'Create feed' }).click();
    await page.getByText('Choose a resource first.').waitFor();

    await page.getByLabel('Resource', { exact: true }).selectOption({ label: 'Studio A' });
    await page.getByRole('button', { name: 'Create feed' }).click();
    const panel = page.getByTestId('feed-created');
    await panel.waitFor();
    await panel.getByRole('heading', { name: 'Your new feed: Studio A (resource)' }).waitFor();
    const url = await panel.getByLabel('Feed address').inputValue();
    expect(url).toMatch(new RegExp(`^${baseUrl}/api/v1/feeds/[A-Za-z0-9_-]{43}\\.ics$`));
    expect(await panel.getByRole('link', { name: 'Subscribe in my calendar app' }).getAttribute('href')).toBe(url.replace(/^https?:/, 'webcal:'));
    expect(await seriousViolations(page)).toEqual([]);

    // The address is the calendar, with the booking in it.
    const feed = await fetch(url);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const text = (await feed.text()).replace(/\r\n[ \t]/g, '');
    expect(text).toContain(`UID:${bookingId}@bookline`);
    expect(text).toContain(`SUMMARY:Session · ${guestName}`);
    expect(text).toContain('BEGIN:VTIMEZONE');

    await panel.getByRole('button', { name: 'I have saved it' }).click();
    await panel.waitFor({ state: 'detached' });
    const card = page.getByTestId('feed').filter({ hasText: 'Studio A (resource)' });
    await card.getByText(/^Created .+ by Feed Owner$/).waitFor();
    // The address is never shown again.
    expect(await page.content()).not.toContain(url);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // Revoking asks first; keeping it changes nothing.
    await card.getByRole('button', { name: 'Revoke' }).click();
    await card.getByText('Revoke this feed? Calendars subscribed to it stop updating.').waitFor();
    await card.getByRole('button', { name: 'Keep it' }).click();
    expect((await fetch(url)).status).toBe(200);
    await card.getByRole('button', { name: 'Revoke' }).click();
    await card.getByRole('button', { name: 'Yes, revoke' }).click();
    await page.getByText('Feed revoked: its address no longer works.').waitFor();
    await page.getByTestId('feeds-empty').waitFor();

    const gone = await fetch(url);
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    expect(browser.errors).toEqual([]);
  });

  it('speaks Spanish', { timeout: 60_000 }, async () => {
    await page.goto(`${baseUrl}/dashboard/${slug}/feeds?lang=es`);
    await page.getByRole('heading', { level: 1, name: 'Calendarios suscribibles' }).waitFor();
    await page.getByRole('button', { name: 'Crear mi calendario' }).click();
    await page.getByTestId('feed-created').getByRole('heading', { name: 'Tu nuevo calendario: Tus reservas' }).waitFor();
    await page.getByTestId('feed').filter({ hasText: 'Tus reservas' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // Back to English for whoever runs next in this browser.
    await page.goto(`${baseUrl}/dashboard/${slug}/feeds?lang=en`);
    expect(browser.errors).toEqual([]);
  });
});
