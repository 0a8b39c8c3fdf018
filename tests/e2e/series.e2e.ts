/**
 * Recurring reservations in the member portal, 375 px wide (issue #14 item 5), in a club of the
 * test's own (Chicago: the series crosses no DST change here, the API tests cover that): a member
 * picks the yacht and a time, chooses "Repeat: every week, 3 times, book the others", and sees
 * which dates were booked and which were skipped and why (the second week is taken: another
 * member books it first). In My reservations the occurrences are marked "Repeats"; cancelling
 * "this and following" from the first cancels the series' dates. axe-clean.
 */
import type { Page } from 'playwright-core';
import { beforeAll, afterAll, describe, expect, inject, it } from 'vitest';
import { addToOrganization, api, type ApiUser, createOrganization, signUpUser, suffix, useSession } from './api';
import { hasChromium, openBrowser } from './browser';
import { seriousViolations } from './support-axe';

const baseUrl = inject('baseUrl');
const run = hasChromium || process.env.CI === 'true' ? describe : describe.skip;

function ok(res: { status: number; json: unknown }, status: number, what: string) {
  if (res.status !== status) throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.json)}`);
}

run('recurring reservations in the member portal', () => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  let member: ApiUser;
  let other: ApiUser;
  const SLUG = `club-${suffix()}`;

  beforeAll(async () => {
    const owner = await signUpUser(baseUrl, 'Series Owner');
    await createOrganization(baseUrl, owner, SLUG, 'Series Club');
    member = await signUpUser(baseUrl, 'Series Member');
    other = await signUpUser(baseUrl, 'Other Member');
    await addToOrganization(baseUrl, SLUG, owner, member, 'member');
    await addToOrganization(baseUrl, SLUG, owner, other, 'member');
    const base = `/api/v1/orgs/${SLUG}`;
    const weekly = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, ranges: [{ start: '08:00', end: '18:00' }] }));
    ok(await api(baseUrl, `${base}/business-hours`, { method: 'PUT', cookie: owner.cookie, body: { weekly } }), 200, 'hours');
    const yacht = await api(baseUrl, `${base}/resources`, { cookie: owner.cookie, body: { kind: 'asset', name: 'Azimut 55 yacht', section: 'Watercraft' } });
    ok(yacht, 201, 'resource');
    ok(
      await api(baseUrl, `${base}/services`, {
        cookie: owner.cookie,
        body: { name: 'Yacht day charter', durationMinutes: 240, slotIntervalMinutes: 60, minNoticeMinutes: 0, cancellationNoticeMinutes: 0, maxAdvanceDays: 120, resourceIds: [yacht.json.id] },
      }),
      201,
      'service',
    );
    browser = await openBrowser({ viewport: { width: 375, height: 800 }, timezoneId: 'America/Chicago' });
    page = await browser.context.newPage();
    await useSession(browser.context, baseUrl, member);
  });

  afterAll(async () => {
    await browser?.close();
  });

  const narrow = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  it('a member books a weekly series, sees the skipped date and why, then cancels this and following', { timeout: 240_000 }, async () => {
    await page.goto(`${baseUrl}/dashboard/${SLUG}/book`);
    await page.getByRole('heading', { level: 1, name: 'Book' }).waitFor();

    await page.getByRole('button', { name: 'Book Yacht day charter: Azimut 55 yacht' }).click();
    await page.getByRole('heading', { name: 'Yacht day charter · Azimut 55 yacht' }).waitFor();
    const times = page.locator('[aria-label^="Times on"] button');
    await times.first().waitFor();
    const checking = page.waitForResponse((r) => r.url().includes('/bookings/check') && r.request().method() === 'POST');
    await times.first().click();
    // The chosen start, as the check asked about it: the same time a week later is taken first.
    const checked = await checking;
    await page.getByTestId('portal-verdict').waitFor();
    const start = JSON.parse(checked.request().postData() ?? '{}').start as string;
    const resourceId = JSON.parse(checked.request().postData() ?? '{}').resourceId as string;
    const serviceId = JSON.parse(checked.request().postData() ?? '{}').serviceId as string;
    const weekLater = new Date(Date.parse(start) + 7 * 86_400_000).toISOString();
    ok(await api(baseUrl, `/api/v1/orgs/${SLUG}/bookings`, { cookie: other.cookie, body: { serviceId, resourceId, start: weekLater } }), 201, 'the other member’s booking');

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
    expect(answer.bookings, JSON.stringify(answer)).toHaveLength(2);
    await page.getByRole('heading', { name: 'Your series is booked' }).waitFor();
    const skipped = page.getByTestId('series-skipped');
    await skipped.waitFor();
    expect(await skipped.locator('li').count()).toBe(1);
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
    // The row refreshes as cancelled: no cancel choices any more.
    await expect.poll(async () => first.getByTestId('series-cancel').count(), { timeout: 15_000 }).toBe(0);
    const series = await api(baseUrl, `/api/v1/orgs/${SLUG}/bookings/series/${answer.series.id}`, { cookie: member.cookie });
    expect(series.status).toBe(200);
    expect(series.json.occurrences.every((o: { status: string }) => o.status === 'cancelled')).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    expect(browser.errors).toEqual([]);
  });
});
