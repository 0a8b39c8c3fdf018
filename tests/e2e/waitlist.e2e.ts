/**
 * The waitlist in a browser, 375 px wide (issue #14 item 6): ReservePTY's demo member picks a
 * yacht time; the club's manager takes that time for a guest (through the API) before the member
 * sends the request, so it comes back taken and the portal offers "Join the waitlist for this
 * time"; the member joins and sees the entry under My waitlist. The manager cancels the guest's
 * charter: the yacht is held for the member, who sees the hold's deadline and books it. The
 * seed's own waitlist (an entry and a live hold) shows on the same list. axe-clean.
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

function ok(res: { status: number; json: unknown }, status: number, what: string) {
  if (res.status !== status) throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.json)}`);
}

run('the waitlist in a browser', () => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  let manager: string;
  let claimedId: string | null = null;
  let member: string;
  const cleanup: { bookingId?: string; entryId?: string } = {};

  beforeAll(async () => {
    const signIn = await api(baseUrl, '/api/auth/sign-in/email', { body: { email: `manager@${SLUG}.demo`, password: DEMO_PASSWORD } });
    ok(signIn, 200, 'manager sign-in');
    manager = cookieOf(signIn.headers);
    const memberIn = await api(baseUrl, '/api/auth/sign-in/email', { body: { email: `member@${SLUG}.demo`, password: DEMO_PASSWORD } });
    ok(memberIn, 200, 'member sign-in');
    member = cookieOf(memberIn.headers);
    browser = await openBrowser({ viewport: { width: 375, height: 800 }, timezoneId: 'America/Panama' });
    page = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    // The member's booking made here is cancelled again, so later files see the seed's yacht.
    if (claimedId) await api(baseUrl, `/api/v1/orgs/${SLUG}/bookings/${claimedId}/cancel`, { cookie: manager, body: { reason: 'end of the browser test' } });
    // The stay test's entry leaves first (nothing to hold), then the guest's stay is cancelled.
    if (cleanup.entryId) await api(baseUrl, `/api/v1/orgs/${SLUG}/waitlist/${cleanup.entryId}`, { method: 'DELETE', cookie: member });
    if (cleanup.bookingId) await api(baseUrl, `/api/v1/orgs/${SLUG}/bookings/${cleanup.bookingId}/cancel`, { cookie: manager, body: { reason: 'end of the browser test' } });
  });

  const narrow = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  it('a member joins the waitlist for a time that was taken, the time frees up, and the member books the hold', { timeout: 180_000 }, async () => {
    await page.goto(`${baseUrl}/sign-in?next=%2Fdashboard%2F${SLUG}%2Fbook`);
    await page.getByLabel('Email').fill(`member@${SLUG}.demo`);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.waitForURL(`${baseUrl}/dashboard/${SLUG}/book`);

    // The seed's waitlist: the member waits for a residence and holds the yacht.
    const list = page.getByTestId('my-waitlist');
    await list.waitFor();
    await page.getByRole('heading', { name: 'My waitlist' }).waitFor();
    expect(await page.getByTestId('waitlist-entry').filter({ hasText: 'Held for you until' }).count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('waitlist-entry').filter({ hasText: 'Number 1 in line' }).count()).toBeGreaterThanOrEqual(1);
    expect(await seriousViolations(page)).toEqual([]);
    await narrow();

    // The member picks a yacht time; the check request tells us which.
    await page.getByRole('button', { name: 'Book Yacht day charter: Azimut 55 yacht' }).click();
    await page.getByRole('heading', { name: 'Yacht day charter · Azimut 55 yacht' }).waitFor();
    // A day well past the club's 48 hours' notice for watercraft, so the manager may book it too.
    const day = page.getByRole('grid').getByRole('button', { name: /, free times$/ }).nth(4);
    await day.waitFor();
    await day.click();
    const times = page.locator('[aria-label^="Times on"] button');
    await times.first().waitFor();
    const checked = page.waitForRequest((r) => r.url().includes(`/api/v1/orgs/${SLUG}/bookings/check`) && r.method() === 'POST');
    await times.first().click();
    const chosen = (await checked).postDataJSON() as { serviceId: string; resourceId: string; start: string; end?: string };
    await page.getByLabel('Guests').fill('4');

    // Meanwhile the manager takes that very time for a guest.
    const taken = await api(baseUrl, `/api/v1/orgs/${SLUG}/bookings`, {
      cookie: manager,
      body: { serviceId: chosen.serviceId, resourceId: chosen.resourceId, start: chosen.start, customer: { name: 'Walk-in Guest', email: 'walkin.guest@example.com' }, fields: { guests: 6 } },
    });
    ok(taken, 201, 'manager booking');

    // The request comes back taken, with the way onto the waitlist.
    await page.getByRole('button', { name: 'Book', exact: true }).click();
    await page.getByText('Someone else just took this time').waitFor();
    const join = page.getByRole('button', { name: 'Join the waitlist for this time' });
    await join.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await join.click();
    await page.getByText(/You are number \d+ on the waitlist/).waitFor();
    const entries = page.getByTestId('waitlist-entry');
    await expect.poll(() => entries.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
    await narrow();

    // The guest's charter is cancelled: in that same transaction the yacht is held for the member.
    ok(await api(baseUrl, `/api/v1/orgs/${SLUG}/bookings/${taken.json.booking.id}/cancel`, { cookie: manager, body: { reason: 'The guest changed plans.' } }), 200, 'cancel');
    const mine = await api(baseUrl, `/api/v1/orgs/${SLUG}/waitlist?resourceId=${chosen.resourceId}&status=offered`, { cookie: manager });
    ok(mine, 200, 'waitlist');
    const offered = (mine.json.data as { id: string; start: string; bookingId: string }[]).find((e) => Date.parse(e.start) === Date.parse(chosen.start));
    expect(offered).toBeTruthy();

    await page.reload();
    await page.getByTestId('my-waitlist').waitFor();
    const held = page.getByTestId('waitlist-entry').filter({ hasText: 'Held for you until' });
    await expect.poll(() => held.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    expect(await seriousViolations(page)).toEqual([]);
    await narrow();
    // The newest hold is the one just offered: book it.
    const before = await held.count();
    const bookIt = page.getByTestId('waitlist-entry').filter({ hasText: 'Held for you until' }).getByRole('button', { name: /^Book it now/ });
    // Entries are listed newest first: the first hold on the list is the one just offered.
    await bookIt.first().click();
    await page.getByText(/^(Booked: your reservation of Azimut 55 yacht is confirmed\.|Requested: your reservation of Azimut 55 yacht waits for approval\.)$/).waitFor();
    await expect.poll(() => held.count(), { timeout: 15_000 }).toBe(before - 1);
    claimedId = offered!.bookingId;
    const booking = await api(baseUrl, `/api/v1/orgs/${SLUG}/bookings/${claimedId}`, { cookie: manager });
    ok(booking, 200, 'booking');
    expect(['confirmed', 'pending']).toContain(booking.json.status);
    expect(await seriousViolations(page)).toEqual([]);
    expect(browser.errors).toEqual([]);
  });

  it('a member names a taken stay under the calendar and joins its waitlist; a free stay is said to be free', { timeout: 120_000 }, async () => {
    const menu = await api(baseUrl, `/api/v1/public/orgs/${SLUG}/services`);
    const stay = (menu.json.data as { id: string; slug: string; resources: { id: string; name: string; checkInTime: string; checkOutTime: string }[] }[]).find((x) => x.slug === 'residence-stay')!;
    const lodge = stay.resources.find((r) => r.name === 'Boquete mountain lodge')!;
    // Panama keeps UTC−5 all year. Days ~100 ahead: outside the peak season and the lodge's maintenance.
    const day = (n: number) => new Date(Date.now() - 5 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);
    const guest = await api(baseUrl, `/api/v1/orgs/${SLUG}/bookings`, {
      cookie: manager,
      body: {
        serviceId: stay.id,
        resourceId: lodge.id,
        start: `${day(100)}T${lodge.checkInTime}:00-05:00`,
        end: `${day(102)}T${lodge.checkOutTime}:00-05:00`,
        customer: { name: 'Lodge Guest', email: 'lodge.guest@example.com' },
        fields: { guests: 2 },
      },
    });
    ok(guest, 201, 'guest stay');
    cleanup.bookingId = guest.json.booking.id;

    await page.goto(`${baseUrl}/dashboard/${SLUG}/book`);
    await page.getByRole('button', { name: 'Book Residence stay: Boquete mountain lodge' }).click();
    await page.getByRole('heading', { name: 'Residence stay · Boquete mountain lodge' }).waitFor();
    const toggle = page.getByRole('button', { name: 'Is the time you want taken? Join its waitlist' });
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const form = page.getByTestId('waitlist-taken-form');
    expect(await form.textContent()).toContain(`check-in from ${lodge.checkInTime}, check-out by ${lodge.checkOutTime}`);

    // Nothing chosen: said on the fields, nothing sent.
    await form.getByRole('button', { name: 'Join the waitlist' }).click();
    await form.getByText('Choose the check-in date.').waitFor();
    await form.getByText('Choose the check-out date.').waitFor();
    // Nights that are free: book them instead (the dates stay in the form).
    await form.getByLabel('Check-in date').fill(day(110));
    await form.getByLabel('Check-out date').fill(day(112));
    await form.getByRole('button', { name: 'Join the waitlist' }).click();
    await form.getByText('This time is free again: choose it on the calendar and book it.').waitFor();
    expect(await form.getByLabel('Check-in date').inputValue()).toBe(day(110));

    // The guest's nights: the member joins their waitlist.
    await form.getByLabel('Check-in date').fill(day(100));
    await form.getByLabel('Check-out date').fill(day(102));
    await form.getByRole('button', { name: 'Join the waitlist' }).click();
    await form.getByText('You are number 1 on the waitlist. If this time frees up, it is held for you and you are told.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await narrow();
    const entries = await api(baseUrl, `/api/v1/orgs/${SLUG}/waitlist?resourceId=${lodge.id}&status=waiting`, { cookie: member });
    ok(entries, 200, 'member waitlist');
    const entry = (entries.json.data as { id: string; start: string }[]).find((e) => e.start.slice(0, 10) === day(100));
    expect(entry).toBeTruthy();
    cleanup.entryId = entry!.id;
    expect(browser.errors).toEqual([]);
  });
});
