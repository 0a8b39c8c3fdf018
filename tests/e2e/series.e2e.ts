/**
 * Recurring reservations in the member portal, 375 px wide (issue #14 item 5): ReservePTY's
 * demo member picks the yacht and a time, chooses "Repeat: every week, 3 times, book the others",
 * and sees which dates were booked and which were skipped and why (the second week is taken:
 * the test books it first through the API as the same member, or the seed's Friday series
 * already holds it). In My reservations the occurrences are marked "Repeats"; cancelling
 * "this and following" from the first cancels the series' dates. axe-clean.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, cookieOf } from './api';
import { hasChromium, openBrowser } from './browser';
import { seriousViolations } from './support-axe';

const baseUrl = inject('baseUrl');
const run = hasChromium || process.env.CI === 'true' ? describe : describe.skip;

const SLUG = 'reservepty';
const DEMO_PASSWORD = 'bookline-demo';

run('recurring reservations in the member portal', () => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  let memberCookie: string;
  let blockerId: string | null = null;

  beforeAll(async () => {
    const signIn = await api(baseUrl, '/api/auth/sign-in/email', { body: { email: `member@${SLUG}.demo`, password: DEMO_PASSWORD } });
    if (signIn.status !== 200) throw new Error(`member sign-in: ${signIn.status}`);
    memberCookie = cookieOf(signIn.headers);
    browser = await openBrowser({ viewport: { width: 375, height: 800 }, timezoneId: 'America/Panama' });
    page = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    if (blockerId) await api(baseUrl, `/api/v1/orgs/${SLUG}/bookings/${blockerId}/cancel`, { cookie: memberCookie, body: { reason: 'test cleanup' } });
  });

  const narrow = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  it('a member books a weekly series, sees the skipped date and why, then cancels this and following', { timeout: 240_000 }, async () => {
    await page.goto(`${baseUrl}/sign-in?next=%2Fdashboard%2F${SLUG}%2Fbook`);
    await page.getByLabel('Email').fill(`member@${SLUG}.demo`);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.waitForURL(`${baseUrl}/dashboard/${SLUG}/book`);

    await page.getByRole('button', { name: 'Book Yacht day charter: Azimut 55 yacht' }).click();
    await page.getByRole('heading', { name: 'Yacht day charter · Azimut 55 yacht' }).waitFor();
    const times = page.locator('[aria-label^="Times on"] button');
    await times.first().waitFor();
    await times.first().click();
    await page.getByTestId('portal-verdict').waitFor();

    // The chosen start, as the check asked about it: the same time a week later is taken first.
    const checked = await page.waitForResponse((r) => r.url().includes('/bookings/check') && r.request().method() === 'POST');
    const start = JSON.parse(checked.request().postData() ?? '{}').start as string;
    const resourceId = JSON.parse(checked.request().postData() ?? '{}').resourceId as string;
    const serviceId = JSON.parse(checked.request().postData() ?? '{}').serviceId as string;
    const weekLater = new Date(Date.parse(start) + 7 * 86_400_000).toISOString();
    const blocker = await api(baseUrl, `/api/v1/orgs/${SLUG}/bookings`, { cookie: memberCookie, body: { serviceId, resourceId, start: weekLater, fields: { guests: 2 } } });
    if (blocker.status === 201) blockerId = blocker.json.booking.id;
    else expect(blocker.status, JSON.stringify(blocker.json)).toBe(409); // the seed's Friday series holds it already

    await page.getByLabel('Guests').fill('6');
    const repeat = page.getByTestId('repeat-fields');
    await repeat.waitFor();
    await page.getByLabel('Repeats').selectOption('weekly');
    // The chosen date's weekday is ticked.
    expect(await repeat.locator('input[type="checkbox"]:checked').count()).toBe(1);
    await page.getByLabel('Times (at most 52)').fill('3');
    await page.getByLabel('If some dates cannot be booked').selectOption('skip_conflicts');
    expect(await seriousViolations(page)).toEqual([]);
    await narrow();

    const created = page.waitForResponse((r) => r.url().endsWith('/bookings/series') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Request the series' }).click();
    const answer = await (await created).json();
    expect(answer.bookings.length).toBeGreaterThanOrEqual(1);
    await page.getByRole('heading', { name: 'Your series is booked' }).waitFor();
    const skipped = page.getByTestId('series-skipped');
    await skipped.waitFor();
    expect(await skipped.textContent()).toContain('already taken');
    expect(await page.getByTestId('series-booked').locator('li').count()).toBe(answer.bookings.length);
    expect(await seriousViolations(page)).toEqual([]);
    await narrow();

    // My reservations marks the occurrences; cancel this and following from the first.
    const first = page.locator(`[data-booking-id="${answer.bookings[0].id}"]`);
    await expect.poll(() => first.count(), { timeout: 15_000 }).toBe(1);
    expect(await first.textContent()).toContain('Repeats');
    await first.getByText('Cancel…').click();
    await first.getByLabel('Why are you cancelling?').fill('Boat in the yard');
    await first.getByRole('button', { name: 'This and following' }).click();
    await expect.poll(async () => first.getByTestId('series-cancel').count(), { timeout: 15_000 }).toBe(0);
    const series = await api(baseUrl, `/api/v1/orgs/${SLUG}/bookings/series/${answer.series.id}`, { cookie: memberCookie });
    expect(series.status).toBe(200);
    expect(series.json.occurrences.every((o: { status: string }) => o.status === 'cancelled')).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    expect(browser.errors).toEqual([]);
  });
});
