/**
 * Live pages (issue #13), two browsers at a phone's width: (a) the owner's bookings list and
 * overview show a guest's new booking or request without a reload — a toast with a link, the
 * filters being typed and the scroll kept; (b) the public page drops a time another visitor
 * just booked, and tells a visitor whose chosen time was taken before they send, offering the
 * nearest free ones; (c) the "Live" pill says reconnecting while the network is gone and live
 * again after. axe on each page as it changed.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, type ApiUser, createOrganization, signUpUser, suffix, useSession } from './api';
import { hasChromium, openBrowser } from './browser';
import { seriousViolations } from './support-axe';

const baseUrl = inject('baseUrl');
const run = hasChromium || process.env.CI === 'true' ? describe : describe.skip;
const PHONE = { width: 375, height: 800 };
const ZONE = 'America/Chicago';

interface Slot {
  start: string;
  end: string;
}

/** The org's first day with free times from today on (what the booking page opens on), and its times. */
/** The free times of the first day (in ZONE) that has at least `min` of them. */
async function firstFreeDay(slug: string, serviceId: string, min = 1): Promise<Slot[]> {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const to = new Date(Date.parse(`${today}T12:00:00Z`) + 3 * 86_400_000).toISOString().slice(0, 10);
  const res = await api(baseUrl, `/api/v1/public/orgs/${slug}/availability?serviceId=${serviceId}&from=${today}&to=${to}&timezone=${ZONE}`);
  expect(res.status).toBe(200);
  const slots = res.json.slots as Slot[];
  const dayOf = (s: Slot) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(s.start));
  const byDay = new Map<string, Slot[]>();
  for (const slot of slots) byDay.set(dayOf(slot), [...(byDay.get(dayOf(slot)) ?? []), slot]);
  return [...byDay.values()].find((day) => day.length >= min) ?? [];
}

async function book(slug: string, serviceId: string, start: string, name: string) {
  const res = await api(baseUrl, `/api/v1/public/orgs/${slug}/bookings`, {
    body: { serviceId, start, customer: { name, email: `${name.toLowerCase().replace(/[^a-z]+/g, '-')}-${suffix()}@example.com` } },
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json;
}

async function liveState(page: Page) {
  return page.getByTestId('live-indicator').getAttribute('data-state');
}

async function waitLive(page: Page) {
  await page.locator('[data-testid="live-indicator"][data-state="live"]').waitFor({ timeout: 15_000 });
}

async function expectPhoneWideAndClean(page: Page, label: string) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${label}: wider than the phone`).toBeLessThanOrEqual(PHONE.width);
  expect(await seriousViolations(page), label).toEqual([]);
}

run('live pages', () => {
  let owner: ApiUser;
  let slug: string;
  let instant: { id: string; slug: string };
  let request: { id: string; slug: string };
  let ownerBrowser: Awaited<ReturnType<typeof openBrowser>>;
  let visitorBrowser: Awaited<ReturnType<typeof openBrowser>>;

  beforeAll(async () => {
    owner = await signUpUser(baseUrl, 'Live Owner');
    slug = `live-${suffix()}`;
    await createOrganization(baseUrl, owner, slug, 'Live Studio');
    const v1 = `/api/v1/orgs/${slug}`;
    const everyDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, ranges: [{ start: '00:00', end: '24:00' }] }));
    expect((await api(baseUrl, `${v1}/business-hours`, { method: 'PUT', cookie: owner.cookie, body: { weekly: everyDay } })).status).toBe(200);
    const room = await api(baseUrl, `${v1}/resources`, { cookie: owner.cookie, body: { kind: 'room', name: 'Studio' } });
    const common = { durationMinutes: 60, slotIntervalMinutes: 60, minNoticeMinutes: 0, resourceIds: [room.json.id] };
    instant = (await api(baseUrl, `${v1}/services`, { cookie: owner.cookie, body: { name: 'Session', ...common } })).json;
    // A second room keeps requests from taking the instant service's times.
    const room2 = await api(baseUrl, `${v1}/resources`, { cookie: owner.cookie, body: { kind: 'room', name: 'Annex' } });
    request = (await api(baseUrl, `${v1}/services`, { cookie: owner.cookie, body: { name: 'Consultation', ...common, resourceIds: [room2.json.id], requiresConfirmation: true } })).json;
    ownerBrowser = await openBrowser({ viewport: PHONE, timezoneId: ZONE });
    visitorBrowser = await openBrowser({ viewport: PHONE, timezoneId: ZONE });
    await useSession(ownerBrowser.context, baseUrl, owner);
  });
  afterAll(async () => {
    await ownerBrowser?.close();
    await visitorBrowser?.close();
  });

  it('(a) the bookings list and the overview show a guest’s booking live, with a toast; filters and scroll stay', async () => {
    // Enough bookings for the list to scroll on a phone, days ahead (the first free day stays free).
    const later = (await api(baseUrl, `/api/v1/public/orgs/${slug}/availability?serviceId=${instant.id}&from=${new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10)}&to=${new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10)}&timezone=${ZONE}`)).json.slots as Slot[];
    for (const [i, s] of later.slice(0, 8).entries()) await book(slug, instant.id, s.start, `Earlier Guest ${'abcdefgh'[i]}`);

    const page = await ownerBrowser.context.newPage();
    await page.goto(`${baseUrl}/dashboard/${slug}/bookings?status=confirmed`);
    await page.getByRole('heading', { level: 1, name: 'Bookings' }).waitFor();
    await waitLive(page);
    // A search being typed, not yet applied; the page scrolled down.
    await page.getByLabel('Search').fill('half-typed');
    await page.evaluate(() => window.scrollTo(0, 400));
    const scrolled = await page.evaluate(() => window.scrollY);
    expect(scrolled).toBeGreaterThan(100);
    // A reload would lose this (a soft refresh keeps the document).
    await page.evaluate(() => ((window as unknown as { liveMarker: number }).liveMarker = 1));
    // The refresh: one RSC request for the page (not the link prefetches), timed.
    const refreshes: { url: string; at: number; ms?: number; bytes?: number }[] = [];
    page.on('request', (req) => {
      const h = req.headers();
      if (h.rsc === '1' && !h['next-router-prefetch'] && req.url().includes('/bookings?status=confirmed')) refreshes.push({ url: req.url(), at: Date.now() });
    });
    page.on('requestfinished', (req) => {
      const r = refreshes.find((x) => x.url === req.url() && x.ms === undefined);
      if (!r) return;
      r.ms = Date.now() - r.at;
      void req.sizes().then(
        (sizes) => (r.bytes = sizes.responseBodySize),
        () => undefined,
      );
    });

    const slots = await firstFreeDay(slug, instant.id);
    const ac = new AbortController();
    const sse = await fetch(`${baseUrl}/api/v1/orgs/${slug}/events`, { headers: { cookie: owner.cookie, accept: 'text/event-stream' }, signal: ac.signal });
    const reader = sse.body!.getReader();
    let eventAt = 0;
    const t0 = Date.now();
    // The same event on a stream of the test's own, to tell the event's latency from the page's.
    void (async () => {
      let text = '';
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
        if (done) return;
        text += new TextDecoder().decode(value);
        if (text.includes('booking.created')) {
          eventAt = Date.now() - t0;
          return;
        }
      }
    })();
    const booked = await book(slug, instant.id, slots[0]!.start, 'Walk In Live');
    const answered = Date.now() - t0;
    await page.getByText('Walk In Live').first().waitFor({ timeout: 10_000 });
    const shown = Date.now() - t0;
    const toast = page.getByTestId('toast');
    await toast.getByText(/^New booking: Session, /).waitFor();
    expect(await toast.getByRole('link', { name: 'View booking' }).getAttribute('href')).toBe(`/dashboard/${slug}/bookings/${booked.booking.id}`);
    // The toast sits in the polite status region.
    expect(await page.locator('[role="status"][aria-live="polite"]').filter({ has: toast }).count()).toBe(1);
    expect(await page.getByLabel('Search').inputValue()).toBe('half-typed');
    expect(Math.abs((await page.evaluate(() => window.scrollY)) - scrolled)).toBeLessThanOrEqual(2);
    expect(page.url()).toBe(`${baseUrl}/dashboard/${slug}/bookings?status=confirmed`);
    expect(await page.evaluate(() => (window as unknown as { liveMarker?: number }).liveMarker)).toBe(1); // no reload
    ac.abort();
    expect(refreshes.length).toBeGreaterThanOrEqual(1);
    console.log(
      `bookings list: booking answered in ${answered} ms, event received at ${eventAt} ms, row shown at ${shown} ms; refreshes ${JSON.stringify(refreshes.map((r) => ({ startedAt: r.at - t0, ms: r.ms, bytes: r.bytes })))}`,
    );
    await expectPhoneWideAndClean(page, 'bookings list with a toast');

    // The overview: a guest's request appears among those to confirm, with its toast. First the
    // delivery worker catches up with the nine bookings so far (one notification each).
    await expect
      .poll(async () => (await api(baseUrl, `/api/v1/orgs/${slug}/notifications/unread-count`, { cookie: owner.cookie })).json.unread, { timeout: 30_000 })
      .toBe(9);
    await page.goto(`${baseUrl}/dashboard/${slug}`);
    await page.getByRole('heading', { name: 'Requests to confirm' }).waitFor();
    await waitLive(page);
    const pendingCard = page.locator('section', { has: page.getByRole('heading', { name: 'Requests to confirm' }) });
    expect(await pendingCard.getByText('Asking Live').count()).toBe(0);
    const unread = async () => Number((await page.getByTestId('notification-bell').textContent())?.match(/(\d+)/)?.[1] ?? 0);
    const unreadBefore = await unread();
    expect(unreadBefore).toBe(9);
    // Two times of one day (late in the evening, today may have one left).
    const asked = await firstFreeDay(slug, request.id, 2);
    const req = await book(slug, request.id, asked[1]!.start, 'Asking Live');
    await pendingCard.getByText(/Asking Live/).first().waitFor({ timeout: 10_000 });
    await page.getByTestId('toast').getByText(/^New request: Consultation, /).waitFor();
    expect(await page.getByTestId('toast').getByRole('link', { name: 'Review request' }).getAttribute('href')).toBe(`/dashboard/${slug}/bookings/${req.booking.id}`);
    // The bell counts it without its minute's poll (the sidebar folds away on a phone).
    await expect.poll(unread, { timeout: 20_000 }).toBe(unreadBefore + 1);
    const menu = page.getByRole('button', { name: /menu/i });
    if (await menu.isVisible()) await menu.click();
    await page.getByRole('link', { name: `Notifications ${unreadBefore + 1} unread` }).waitFor();
    await expectPhoneWideAndClean(page, 'overview with a request toast');
    expect(ownerBrowser.errors).toEqual([]);
    await page.close();
  });

  it('(b) the public page drops a time another visitor booked, and tells a visitor whose chosen time went', async () => {
    // The page opens on the first day with a free time and the story needs two there: late in
    // the evening in Chicago today may have one left (CI failed at 03:00 UTC): take it first.
    for (let first = await firstFreeDay(slug, instant.id); first.length === 1; first = await firstFreeDay(slug, instant.id)) {
      await book(slug, instant.id, first[0]!.start, 'Early Bird');
    }
    const page = await visitorBrowser.context.newPage();
    await page.goto(`${baseUrl}/${slug}/services/${instant.slug}`);
    const times = page.getByRole('list', { name: /^Times on / }).getByRole('button');
    await times.first().waitFor();
    const slots = await firstFreeDay(slug, instant.id);
    expect(await times.count()).toBe(slots.length);
    const labels = await times.allTextContents();

    // Another visitor books the last time of the day shown: it disappears without a reload.
    const t0 = Date.now();
    await book(slug, instant.id, slots.at(-1)!.start, 'Other Visitor');
    await page.waitForFunction((n) => document.querySelectorAll('ul[aria-label^="Times on"] button').length === n, slots.length - 1, { timeout: 5_000 });
    const gone = Date.now() - t0;
    expect(await times.allTextContents()).toEqual(labels.slice(0, -1));

    // This visitor chooses the (new) last time and starts on the details.
    await times.last().click();
    expect(await times.last().getAttribute('aria-pressed')).toBe('true');
    await page.getByLabel('Name', { exact: true }).fill('Slow Visitor');
    // Someone else takes it first.
    await book(slug, instant.id, slots.at(-2)!.start, 'Fast Visitor');
    const notice = page.getByTestId('slot-taken-notice');
    await notice.getByText('Your time was just taken').waitFor({ timeout: 5_000 });
    await page.getByText(/was just booked by someone else\. Choose another time before sending\./).waitFor();
    expect(await page.locator('[aria-live]').filter({ hasText: 'was just booked by someone else' }).count()).toBeGreaterThan(0);
    expect(await times.count()).toBe(slots.length - 2);
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Slow Visitor');
    await expectPhoneWideAndClean(page, 'public page with the taken notice');

    // Sending now asks for a time instead of booking the taken one.
    await page.getByLabel('Email', { exact: true }).fill(`slow-${suffix()}@example.com`);
    await page.getByRole('button', { name: 'Book now' }).click();
    // The flow's own answer to "no time chosen" takes focus.
    await page.waitForFunction(() => document.activeElement?.textContent?.includes('Choose a date and time first.'));
    expect(await page.getByRole('heading', { name: 'Confirmed' }).count()).toBe(0);
    // An alternative selects a free time; then the booking goes through.
    const alternatives = notice.getByRole('list', { name: 'Other free times' }).getByRole('button');
    expect(await alternatives.count()).toBeGreaterThan(0);
    await alternatives.first().click();
    expect(await notice.count()).toBe(0);
    await page.getByRole('button', { name: 'Book now' }).click();
    await page.getByRole('heading', { name: 'Confirmed' }).waitFor();
    expect(visitorBrowser.errors).toEqual([]);
    await page.close();
    console.log(`a booked time left the other visitor's page ${gone} ms after the booking was answered`);
  });

  it('(c) in Spanish, the live pill says reconnecting while offline and live again after; the calendar follows', async () => {
    await ownerBrowser.context.addCookies([{ name: 'bookline-locale', value: 'es', url: baseUrl }]);
    const page = await ownerBrowser.context.newPage();
    const slots = await firstFreeDay(slug, instant.id);
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(slots[0]!.start));
    await page.goto(`${baseUrl}/dashboard/${slug}/calendar?view=day&date=${day}`);
    await waitLive(page);
    expect(await page.getByTestId('live-indicator').textContent()).toContain('En directo');
    await ownerBrowser.context.setOffline(true);
    await page.locator('[data-testid="live-indicator"][data-state="reconnecting"]').waitFor();
    expect(await page.getByTestId('live-indicator').textContent()).toContain('Reconectando…');
    expect(await page.getByTestId('live-indicator').locator('[role="status"]').textContent()).toMatch(/en pausa: reconectando/);
    await expectPhoneWideAndClean(page, 'calendar while reconnecting');
    await ownerBrowser.context.setOffline(false);
    await waitLive(page);
    // Back live, the stream still carries events: the day's calendar shows the new booking.
    expect(await page.getByText('After Reconnect').count()).toBe(0);
    await book(slug, instant.id, slots[0]!.start, 'After Reconnect');
    await page.getByText(/After Reconnect/).first().waitFor({ timeout: 10_000 });
    // The state change was said once, politely.
    expect(await page.getByTestId('live-indicator').locator('[role="status"]').textContent()).toMatch(/Actualizaciones en directo activas/);
    expect(await liveState(page)).toBe('live');
    await page.close();
  });
});
