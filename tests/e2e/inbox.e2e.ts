/**
 * The notification centre's main story: a guest asks for a booking on the public page, the
 * owner's bell counts it, the owner reads it in the centre, marks everything read, and
 * chooses fewer emails — at a phone's width.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, createOrganization, signUpUser, suffix, useSession } from './api';
import { hasChromium, openBrowser } from './browser';

const baseUrl = inject('baseUrl');
const run = hasChromium || process.env.CI === 'true' ? describe : describe.skip;

run('notification centre', () => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  beforeAll(async () => {
    browser = await openBrowser({ viewport: { width: 375, height: 800 } });
  });
  afterAll(() => browser?.close());

  it('a guest request raises the bell; the owner reads it, marks all read and keeps fewer emails', async () => {
    const owner = await signUpUser(baseUrl, 'Inbox Owner');
    const slug = `inbox-${suffix()}`;
    await createOrganization(baseUrl, owner, slug, 'Inbox Studio');
    const v1 = `/api/v1/orgs/${slug}`;
    const everyDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, ranges: [{ start: '00:00', end: '24:00' }] }));
    expect((await api(baseUrl, `${v1}/business-hours`, { method: 'PUT', cookie: owner.cookie, body: { weekly: everyDay } })).status).toBe(200);
    const room = await api(baseUrl, `${v1}/resources`, { cookie: owner.cookie, body: { kind: 'room', name: 'Studio' } });
    const service = await api(baseUrl, `${v1}/services`, {
      cookie: owner.cookie,
      body: { name: 'Consultation', durationMinutes: 60, slotIntervalMinutes: 60, minNoticeMinutes: 0, requiresConfirmation: true, resourceIds: [room.json.id] },
    });
    const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const slots = await api(baseUrl, `/api/v1/public/orgs/${slug}/availability?serviceId=${service.json.id}&from=${day}&to=${day}`);
    const booked = await api(baseUrl, `/api/v1/public/orgs/${slug}/bookings`, {
      body: { serviceId: service.json.id, start: slots.json.slots[0].start, customer: { name: 'Nora Request', email: `nora-${suffix()}@example.com` } },
    });
    expect(booked.status).toBe(201);
    // The outbox worker turns the booking into notifications within a few seconds.
    for (let i = 0; i < 60; i++) {
      const count = await api(baseUrl, `${v1}/notifications/unread-count`, { cookie: owner.cookie });
      if (count.json.unread === 1) break;
      await new Promise((r) => setTimeout(r, 500));
    }

    await useSession(browser.context, baseUrl, owner);
    const page = await browser.context.newPage();
    await page.goto(`${baseUrl}/dashboard/${slug}/bookings`);
    // The sidebar folds away on a phone: open it, then follow the bell.
    const menu = page.getByRole('button', { name: /menu/i });
    if (await menu.isVisible()) await menu.click();
    const bell = page.getByRole('link', { name: 'Notifications 1 unread' });
    await bell.click();
    await page.waitForURL(`${baseUrl}/dashboard/${slug}/notifications`);
    await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    const list = page.getByRole('list', { name: 'Your notifications' });
    await list.getByText(/New request: Nora Request asks for Consultation on /).waitFor();
    await page.getByRole('button', { name: 'Mark all as read' }).click();
    await page.getByText('Nothing unread.').waitFor();
    expect(await list.getByText('New', { exact: true }).count()).toBe(0);

    await page.getByLabel('A booking is cancelled').uncheck();
    await page.getByRole('button', { name: 'Save email choices' }).click();
    await page.getByText('Your email choices are saved.').waitFor();
    expect((await api(baseUrl, `${v1}/notification-settings`, { cookie: owner.cookie })).json.emailCancellations).toBe(false);

    // Nothing is wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(browser.errors).toEqual([]);
    await page.close();
  });
});
