/**
 * The approval queue in a browser, 375 px wide. Two members' requests trip two approval rules
 * each (short notice, long flight) and are created pending. A manager sees them but may decide
 * none ("mine" shows nothing). The owner approves the first request's two approvals — after the
 * first the booking still waits, after the last it is confirmed — and rejects the second with
 * a comment (required). The decided tabs show who decided and the comment; the API agrees on
 * every booking's status. Axe-clean throughout; speaks Spanish.
 */
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addToOrganization, api, type ApiUser, createOrganization, signUpUser, suffix, useSession } from './api';
import { hasChromium, openBrowser } from './browser';
import { seriousViolations } from './support-axe';

const baseUrl = inject('baseUrl');
const run = hasChromium || process.env.CI === 'true' ? describe : describe.skip;

run('approval queue in a browser', () => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  let owner: ApiUser;
  let manager: ApiUser;
  let alice: ApiUser;
  let bruno: ApiUser;
  const bookingIds: Record<string, string> = {};
  const slug = `approvals-${suffix()}`;
  const v1 = `/api/v1/orgs/${slug}`;

  beforeAll(async () => {
    owner = await signUpUser(baseUrl, 'Queue Owner');
    manager = await signUpUser(baseUrl, 'Queue Manager');
    alice = await signUpUser(baseUrl, 'Alice Member');
    bruno = await signUpUser(baseUrl, 'Bruno Member');
    await createOrganization(baseUrl, owner, slug, 'Queue Club');
    await addToOrganization(baseUrl, slug, owner, manager, 'manager');
    await addToOrganization(baseUrl, slug, owner, alice, 'member');
    await addToOrganization(baseUrl, slug, owner, bruno, 'member');
    const everyDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, ranges: [{ start: '00:00', end: '24:00' }] }));
    expect((await api(baseUrl, `${v1}/business-hours`, { method: 'PUT', cookie: owner.cookie, body: { weekly: everyDay } })).status).toBe(200);
    const jet = await api(baseUrl, `${v1}/resources`, { cookie: owner.cookie, body: { kind: 'asset', name: 'Gulfstream', section: 'Aircraft' } });
    expect(jet.status, JSON.stringify(jet.json)).toBe(201);
    const service = await api(baseUrl, `${v1}/services`, { cookie: owner.cookie, body: { name: 'Flight', durationMinutes: 180, slotIntervalMinutes: 60, minNoticeMinutes: 0, resourceIds: [jet.json.id] } });
    expect(service.status, JSON.stringify(service.json)).toBe(201);
    for (const body of [
      { name: 'Two weeks’ notice', kind: 'lead_time', params: { action: 'create', minHours: 336 }, outcome: 'approval' },
      { name: 'Long flights', kind: 'duration', params: { maxMinutes: 120 }, outcome: 'approval' },
    ]) {
      const rule = await api(baseUrl, `${v1}/rules`, { cookie: owner.cookie, body });
      expect(rule.status, JSON.stringify(rule.json)).toBe(201);
    }
    // Each member asks for a three-hour flight a few days ahead: both rules ask for approval.
    // At 10:00 in the club's zone, so the flight ends the same day whatever the hour the test runs.
    const daysAhead = (days: number) => DateTime.now().setZone('America/Chicago').plus({ days }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 }).toISO()!;
    for (const [who, days] of [
      [alice, 3],
      [bruno, 4],
    ] as const) {
      const booked = await api(baseUrl, `${v1}/bookings`, { cookie: who.cookie, body: { serviceId: service.json.id, resourceId: jet.json.id, start: daysAhead(days) } });
      expect(booked.status, JSON.stringify(booked.json)).toBe(201);
      expect(booked.json.booking.status).toBe('pending');
      expect(booked.json.rules).toHaveLength(2);
      bookingIds[who.name] = booked.json.booking.id;
    }
    browser = await openBrowser({ viewport: { width: 375, height: 800 } });
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const cards = () => page.getByTestId('approval-booking');
  const card = (name: string) => cards().filter({ has: page.getByRole('heading', { name }) });
  const narrow = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  const clean = async () => {
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    expect(await seriousViolations(page)).toEqual([]);
    await narrow();
  };
  const statusOf = async (id: string) => (await api(baseUrl, `${v1}/bookings/${id}`, { cookie: owner.cookie })).json.status as string;

  it('shows a manager the queue without decisions to make', { timeout: 90_000 }, async () => {
    await useSession(browser.context, baseUrl, manager);
    await page.goto(`${baseUrl}/dashboard/${slug}`);
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Approvals' }).click();
    await page.waitForURL(`${baseUrl}/dashboard/${slug}/approvals`);
    await page.getByRole('heading', { level: 1, name: 'Approvals' }).waitFor();
    await expect.poll(() => cards().count()).toBe(2);
    expect(await page.getByTestId('approval-row').count()).toBe(4);
    expect(await page.getByRole('button', { name: 'Approve', exact: true }).count()).toBe(0);
    expect(await page.getByText('waiting for its approvers (not you)', { exact: false }).count()).toBe(4);
    // The default approvers, by role, in words.
    expect((await page.getByTestId('approval-approvers').allTextContents()).map((x) => x.trim())).toEqual(Array(4).fill('Approvers: Owner, Admin'));
    await clean();
    await page.getByLabel('Only the ones I may decide').check();
    await page.getByRole('heading', { name: 'Nothing waiting for approval' }).waitFor();
    await clean();
  });

  it('approves one request in two steps and rejects another with a comment', { timeout: 180_000 }, async () => {
    await useSession(browser.context, baseUrl, owner);
    await page.goto(`${baseUrl}/dashboard/${slug}/approvals`);
    await page.getByRole('heading', { level: 1, name: 'Approvals' }).waitFor();
    await expect.poll(() => cards().count()).toBe(2);
    const aliceCard = card('Alice Member');
    await aliceCard.getByText('Gulfstream').first().waitFor();
    await aliceCard.getByText('Rule: Two weeks’ notice').waitFor();
    await aliceCard.getByText('Rule: Long flights').waitFor();
    // Each rule's reason, in the viewer's language.
    const reasons = await aliceCard.getByTestId('approval-reason').allTextContents();
    expect(reasons).toHaveLength(2);
    for (const reason of reasons) expect(reason.trim().length).toBeGreaterThan(10);
    await clean();

    // First approval: the booking still waits for the other.
    await aliceCard.getByRole('button', { name: 'Approve Two weeks’ notice for Alice Member' }).click();
    const approve = page.getByRole('dialog', { name: 'Approve Alice Member’s request' });
    await approve.getByLabel('Comment (optional)').fill('Fine by me');
    await clean();
    await approve.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('Approved. Alice Member’s booking still waits for other approvals.').waitFor();
    expect(await aliceCard.getByTestId('approval-booking-status').textContent()).toBe('Pending');
    expect(await statusOf(bookingIds['Alice Member']!)).toBe('pending');

    // The last one: confirmed.
    await aliceCard.getByRole('button', { name: 'Approve Long flights for Alice Member' }).click();
    await page.getByRole('dialog', { name: 'Approve Alice Member’s request' }).getByRole('button', { name: 'Approve' }).click();
    await page.getByText('Approved: Alice Member’s booking is confirmed.').waitFor();
    await expect.poll(() => aliceCard.getByTestId('approval-booking-status').textContent()).toBe('Confirmed');
    expect(await aliceCard.getByRole('button', { name: /^Approve / }).count()).toBe(0);
    expect(await statusOf(bookingIds['Alice Member']!)).toBe('confirmed');
    await clean();

    // Rejecting needs a reason; the reason rejects the booking.
    const brunoCard = card('Bruno Member');
    await brunoCard.getByRole('button', { name: 'Reject Long flights for Bruno Member' }).click();
    const reject = page.getByRole('dialog', { name: 'Reject Bruno Member’s request' });
    await reject.getByRole('button', { name: 'Reject request' }).click();
    await reject.getByText('Say why the request is rejected.').waitFor();
    await clean();
    await reject.getByLabel('Why is it rejected?').fill('The Gulfstream is in maintenance that week');
    await reject.getByRole('button', { name: 'Reject request' }).click();
    await page.getByText('Rejected: Bruno Member’s booking is rejected and they are told why.').waitFor();
    await expect.poll(() => brunoCard.getByTestId('approval-booking-status').textContent()).toBe('Rejected');
    expect(await statusOf(bookingIds['Bruno Member']!)).toBe('rejected');

    // Nothing left waiting; the decided tabs tell who decided, and why.
    await page.reload();
    await page.getByRole('heading', { name: 'Nothing waiting for approval' }).waitFor();
    await page.getByRole('group', { name: 'Show requests' }).getByRole('button', { name: 'Approved' }).click();
    await expect.poll(() => page.getByTestId('approval-row').count()).toBe(2);
    await card('Alice Member').getByText('Fine by me').waitFor();
    await card('Alice Member').getByText('Approved by Queue Owner', { exact: false }).first().waitFor();
    await clean();
    await page.getByRole('group', { name: 'Show requests' }).getByRole('button', { name: 'Rejected' }).click();
    await card('Bruno Member').getByText('The Gulfstream is in maintenance that week').waitFor();
    await card('Bruno Member').getByText('Rejected by Queue Owner', { exact: false }).waitFor();
    expect(await page.getByRole('group', { name: 'Show requests' }).getByRole('button', { name: 'Rejected' }).getAttribute('aria-pressed')).toBe('true');
    await clean();
    expect(browser.errors).toEqual([]);
  });

  it('speaks Spanish', { timeout: 60_000 }, async () => {
    await page.goto(`${baseUrl}/dashboard/${slug}/approvals?lang=es`);
    await page.getByRole('heading', { level: 1, name: 'Aprobaciones' }).waitFor();
    await page.getByRole('heading', { name: 'Nada espera aprobación' }).waitFor();
    await page.getByRole('group', { name: 'Mostrar solicitudes' }).getByRole('button', { name: 'Aprobadas' }).click();
    await card('Alice Member').getByText('Aprobada por Queue Owner', { exact: false }).first().waitFor();
    // The rules' reasons in the page's language (the browser itself asks for English).
    const reasonsIn = async (language: string) => {
      const res = await fetch(`${baseUrl}${v1}/approvals?status=approved`, { headers: { cookie: owner.cookie, accept: 'application/json', 'accept-language': language } });
      return ((await res.json()) as { data: { reason: string }[] }).data.map((a) => a.reason).sort();
    };
    const [es, en] = [await reasonsIn('es'), await reasonsIn('en')];
    expect(es).not.toEqual(en);
    expect((await page.getByTestId('approval-reason').allTextContents()).map((r) => r.trim()).sort()).toEqual(es);
    await clean();
    await page.goto(`${baseUrl}/dashboard/${slug}/approvals?lang=en`);
    expect(browser.errors).toEqual([]);
  });
});
