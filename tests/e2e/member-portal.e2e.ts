/**
 * The member portal in a browser, 375 px wide (issue #14 items 1 and 8): ReservePTY's public
 * pages say it takes reservations from members and offer sign-in instead of a booking form;
 * the demo member signs in from there and lands on Book; picks the Boquete lodge, a stay, sees
 * the rules judged ("needs approval", with every rule in the Why? panel), requests it and finds
 * it pending approval in My reservations; on the yacht's calendar the times a deny rule forbids
 * are crossed out with the rule's reason and cannot be chosen; a time closed by a rule made after
 * it was chosen is refused with that rule's reason, and the choice and answers stay. The rules are made here through the API
 * as ReservePTY's owner (who must enrol in two-factor first: the club requires it of owners),
 * and removed afterwards with everything else the test changed. axe-clean; Spanish too.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, type ApiUser, cookieOf, enrolTotp, suffix } from './api';
import { hasChromium, openBrowser } from './browser';
import { seriousViolations } from './support-axe';

const baseUrl = inject('baseUrl');
const run = hasChromium || process.env.CI === 'true' ? describe : describe.skip;

const SLUG = 'reservepty';
const DEMO_PASSWORD = 'bookline-demo';

function ok(res: { status: number; json: unknown }, status: number, what: string) {
  if (res.status !== status) throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.json)}`);
}

run('the member portal in a browser', () => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  let owner: ApiUser;
  const ruleIds: string[] = [];
  let yachtId = '';
  let accessBefore: { bookingAccess: string; bookingTierIds: string[] } | null = null;
  const sfx = suffix();
  const approvalRule = `Lodge: one night without approval ${sfx}`;
  const approvalRuleEs = `Lodge: una noche sin aprobación ${sfx}`;
  const denyRule = `Yacht: 30 days’ notice ${sfx}`;

  beforeAll(async () => {
    const signIn = await api(baseUrl, '/api/auth/sign-in/email', { body: { email: `owner@${SLUG}.demo`, password: DEMO_PASSWORD } });
    ok(signIn, 200, 'owner sign-in');
    if (signIn.json?.twoFactorRedirect) throw new Error('the demo owner already has two-factor on: this test enrols it itself');
    owner = { email: `owner@${SLUG}.demo`, password: DEMO_PASSWORD, name: 'Alejandro Arias', cookie: cookieOf(signIn.headers) };
    // ReservePTY requires two-factor of owners and admins before they manage anything.
    await enrolTotp(baseUrl, owner);

    const menu = await api(baseUrl, `/api/v1/public/orgs/${SLUG}/services`);
    ok(menu, 200, 'services');
    const resources = (menu.json.data as { resources: { id: string; name: string }[] }[]).flatMap((s) => s.resources);
    const lodge = resources.find((r) => r.name === 'Boquete mountain lodge')!.id;
    const yacht = resources.find((r) => r.name === 'Azimut 55 yacht')!.id;
    yachtId = yacht;

    const approval = await api(baseUrl, `/api/v1/orgs/${SLUG}/rules`, {
      cookie: owner.cookie,
      body: {
        name: approvalRule,
        translations: { es: { name: approvalRuleEs } },
        kind: 'max_consecutive',
        params: { max: 1, unit: 'nights' },
        scope: 'resource',
        resourceId: lodge,
        outcome: 'approval',
      },
    });
    ok(approval, 201, 'approval rule');
    ruleIds.push(approval.json.id);
    const deny = await api(baseUrl, `/api/v1/orgs/${SLUG}/rules`, {
      cookie: owner.cookie,
      body: { name: denyRule, kind: 'lead_time', params: { action: 'create', minHours: 24 * 30 }, scope: 'resource', resourceId: yacht, outcome: 'deny' },
    });
    ok(deny, 201, 'deny rule');
    ruleIds.push(deny.json.id);

    // The demo club takes members only; if this database's seed says otherwise, say so for the test.
    const access = await api(baseUrl, `/api/v1/orgs/${SLUG}/booking-access`, { cookie: owner.cookie });
    ok(access, 200, 'booking access');
    if (access.json.bookingAccess === 'anyone') {
      accessBefore = { bookingAccess: access.json.bookingAccess, bookingTierIds: access.json.bookingTierIds };
      ok(await api(baseUrl, `/api/v1/orgs/${SLUG}/booking-access`, { method: 'PUT', cookie: owner.cookie, body: { bookingAccess: 'members' } }), 200, 'members only');
    }

    browser = await openBrowser({ viewport: { width: 375, height: 800 }, timezoneId: 'America/Panama' });
    page = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    if (!owner) return;
    // Back to the seed's state for the files after this one: no test rules, the seed's access, no two-factor.
    for (const id of ruleIds) ok(await api(baseUrl, `/api/v1/orgs/${SLUG}/rules/${id}`, { method: 'DELETE', cookie: owner.cookie }), 204, 'delete rule');
    if (accessBefore) ok(await api(baseUrl, `/api/v1/orgs/${SLUG}/booking-access`, { method: 'PUT', cookie: owner.cookie, body: accessBefore }), 200, 'restore access');
    ok(await api(baseUrl, '/api/auth/two-factor/disable', { cookie: owner.cookie, body: { password: owner.password } }), 200, 'two-factor off');
  });

  const narrow = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  const verdict = () => page.getByTestId('portal-verdict');
  const ruleRow = (name: string) => page.getByTestId('portal-rule').filter({ hasText: name });

  it('a member signs in from the public page, requests a stay the rules send for approval and finds it in My reservations', { timeout: 180_000 }, async () => {
    // The public page: no booking form, a way in for members.
    await page.goto(`${baseUrl}/${SLUG}`);
    const notice = page.getByTestId('members-only-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('ReservePTY takes reservations from its members. Sign in to book.');
    expect(await seriousViolations(page)).toEqual([]);
    await narrow();
    await page.goto(`${baseUrl}/${SLUG}/services/residence-stay`);
    await page.getByTestId('members-only-notice').waitFor();
    expect(await page.locator('#booking-title').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Sign in to book' }).click();
    await page.waitForURL(/\/sign-in\?next=%2Fdashboard%2Freservepty%2Fbook/);
    await page.getByLabel('Email').fill(`member@${SLUG}.demo`);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.waitForURL(`${baseUrl}/dashboard/${SLUG}/book`);
    await page.getByRole('heading', { level: 1, name: 'Book' }).waitFor();

    // Assets by section, each with its services.
    await page.getByRole('heading', { name: /^Residences/ }).waitFor();
    await page.getByRole('heading', { name: /^Watercraft/ }).waitFor();
    await page.getByRole('heading', { name: /^Planes/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await narrow();

    await page.getByRole('button', { name: 'Book Residence stay: Boquete mountain lodge' }).click();
    await page.getByRole('heading', { name: 'Residence stay · Boquete mountain lodge' }).waitFor();
    const checkOuts = page.getByRole('list', { name: 'Choose your check-out' }).getByRole('button');
    await checkOuts.first().waitFor();
    await checkOuts.first().click();

    // The total before booking, priced by the server: the first check-out is the two-night minimum.
    await page.getByTestId('price-quote').getByText(/^2 nights × \$[\d,.]+ = \$[\d,.]+$/).waitFor();
    // The rules, judged as soon as the stay is chosen: the lodge's rule asks for approval.
    await verdict().waitFor();
    expect(await verdict().getAttribute('data-verdict')).toBe('approval');
    await page.getByText('This needs approval by ReservePTY').waitFor();
    // The Why? panel opens by itself and lists every rule, the yacht's as not applying here.
    const why = page.getByRole('button', { name: 'Why?' });
    expect(await why.getAttribute('aria-expanded')).toBe('true');
    expect(await ruleRow(approvalRule).getAttribute('data-state')).toBe('failed');
    expect(await ruleRow(approvalRule).textContent()).toContain('needs approval');
    expect(await ruleRow(approvalRule).textContent()).toContain('for at most 1 night; you asked for');
    expect(await ruleRow(denyRule).getAttribute('data-state')).toBe('notApplicable');
    expect(await seriousViolations(page)).toEqual([]);
    await narrow();
    await why.click();
    expect(await page.locator('#portal-why').isHidden()).toBe(true);
    await why.click();
    await page.locator('#portal-why').waitFor();

    // A missing answer is caught on the field, with nothing sent.
    await page.getByRole('button', { name: 'Request' }).click();
    await page.locator('#portal-fields-guests-error').waitFor();
    await page.getByLabel('Guests').fill('4');
    await page.getByLabel('Message to the club (optional)').fill('Arriving after dark.');
    await page.getByRole('button', { name: 'Request' }).click();

    const done = page.getByTestId('portal-done');
    await done.waitFor();
    expect(await done.getAttribute('data-status')).toBe('pending');
    await page.getByRole('heading', { name: 'Requested: waiting for approval' }).waitFor();
    expect(await done.textContent()).toContain(approvalRule);
    expect(await seriousViolations(page)).toEqual([]);

    // My reservations lists it, pending approval.
    const mine = page.getByTestId('reservation').filter({ hasText: 'Boquete mountain lodge' }).filter({ hasText: 'Pending approval' });
    await expect.poll(() => mine.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    expect(browser.errors).toEqual([]);
  });

  it('the calendar crosses out the times a deny rule forbids, with the reason; a rule made after the choice is refused and the choice and answers stay', { timeout: 150_000 }, async () => {
    // The demo member already has a yacht charter of their own (the seed's).
    const yachtBefore = await page.getByTestId('reservation').filter({ hasText: 'Azimut 55 yacht' }).count();
    await page.getByRole('button', { name: 'Book something else' }).click();
    await page.getByRole('button', { name: 'Book Yacht day charter: Azimut 55 yacht' }).click();
    await page.getByRole('heading', { name: 'Yacht day charter · Azimut 55 yacht' }).waitFor();
    const times = page.locator('[aria-label^="Times on"] button');
    await times.first().waitFor();
    // The calendar opens on the first day the member may book: past the rule's 30 days' notice.
    const firstOpen = (await page.locator('[role="gridcell"][aria-selected="true"] button').getAttribute('data-date'))!;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Panama' }).format(new Date());
    expect(Date.parse(firstOpen) - Date.parse(today)).toBeGreaterThanOrEqual(29 * 86_400_000);

    // An earlier day with free times: shown, crossed out, not selectable, and the reason said once.
    const menu = await api(baseUrl, `/api/v1/public/orgs/${SLUG}/services`);
    const service = (menu.json.data as { id: string; slug: string }[]).find((x) => x.slug === 'yacht-day-charter')!;
    const from = new Date(Date.parse(today) + 3 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.parse(today) + 25 * 86_400_000).toISOString().slice(0, 10);
    const free = await api(baseUrl, `/api/v1/public/orgs/${SLUG}/availability?serviceId=${service.id}&from=${from}&to=${to}`);
    ok(free, 200, 'availability');
    const early = (free.json.slots as { start: string }[])[0]!.start.slice(0, 10);
    const dayButton = (date: string) => page.locator(`button[data-date="${date}"]`);
    const show = async (date: string) => {
      for (let i = 0; i < 3 && !(await dayButton(date).isVisible()); i++) {
        await page.getByRole('button', { name: date < firstOpen ? 'Previous month' : 'Next month' }).click();
      }
      await dayButton(date).click();
    };
    await show(early);
    await page.locator(`[aria-label^="Times on"]`).waitFor();
    const crossed = times.first();
    expect(await crossed.getAttribute('aria-disabled')).toBe('true');
    const note = page.locator(`#${(await crossed.getAttribute('aria-describedby'))!}`);
    // One note per rule (each time's own figures are in its title), named as the club named it.
    expect(await note.textContent()).toMatch(/^Not open to you under the rule “(Watercraft: 48 hours’ notice|Yacht: 30 days’ notice .+)”$/);
    expect(await crossed.getAttribute('title')).toMatch(/^Azimut 55 yacht must be booked at least (48|720) hours ahead/);
    expect(await page.locator('[id^="portal-rule-note-"]').count()).toBeLessThanOrEqual(2);
    expect(await crossed.textContent()).toContain('not open to you under the club’s rules');
    // Reachable by keyboard (the reason is read with it), but choosing it does nothing.
    await crossed.focus();
    await page.keyboard.press('Enter');
    expect(await crossed.getAttribute('aria-pressed')).toBe('false');
    expect(await verdict().count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await narrow();

    // A time the member may book; then the club closes that day (a rule made after the choice).
    // The first open day's earliest times may still be inside the 30 days' notice (it counts
    // hours from now), so the first time not crossed out.
    await show(firstOpen);
    await page.locator('[aria-label^="Times on"] button:not([aria-disabled="true"])').first().click();
    await verdict().waitFor();
    expect(await verdict().getAttribute('data-verdict')).not.toBe('deny');
    const blackout = await api(baseUrl, `/api/v1/orgs/${SLUG}/rules`, {
      cookie: owner.cookie,
      body: { name: `Yacht: hull inspection ${sfx}`, kind: 'blackout', params: { from: firstOpen, to: firstOpen, reason: 'Hull inspection' }, scope: 'resource', resourceId: yachtId, outcome: 'deny' },
    });
    ok(blackout, 201, 'blackout rule');
    ruleIds.push(blackout.json.id);
    const chosen = await page.getByTestId('portal-choice').textContent();

    // Sent: the API judges it again and refuses it (422) with the new rule's reason.
    await page.getByLabel('Guests').fill('6');
    await page.getByRole('button', { name: /^(Book|Request)$/ }).click();
    const outcome = page.getByTestId('portal-outcome');
    await outcome.waitFor();
    expect(await outcome.textContent()).toContain('Hull inspection');
    expect(await outcome.textContent()).toContain('Your choice is kept');
    expect(await page.getByTestId('portal-choice').textContent()).toBe(chosen);
    expect(await page.locator('[aria-label^="Times on"] button[aria-pressed="true"]').count()).toBe(1);
    expect(await page.getByLabel('Guests').inputValue()).toBe('6');
    expect(await seriousViolations(page)).toEqual([]);
    await narrow();
    // Nothing was booked on the yacht.
    expect(await page.getByTestId('reservation').filter({ hasText: 'Azimut 55 yacht' }).count()).toBe(yachtBefore);
    expect(browser.errors).toEqual([]);
  });

  it('speaks Spanish, the club’s own names and the rule’s reasons included', { timeout: 120_000 }, async () => {
    await page.goto(`${baseUrl}/dashboard/${SLUG}/book?lang=es`);
    await page.getByRole('heading', { level: 1, name: 'Reservar' }).waitFor();
    await page.getByRole('heading', { name: /^Residencias/ }).waitFor();
    await page.getByRole('heading', { name: 'Mis reservas' }).waitFor();
    await page.getByTestId('reservation').filter({ hasText: 'Lodge de montaña en Boquete' }).filter({ hasText: 'Pendiente de aprobación' }).first().waitFor();
    await page.getByRole('button', { name: 'Reservar Estancia en residencia: Lodge de montaña en Boquete' }).click();
    const checkOuts = page.getByRole('list', { name: 'Elige tu salida' }).getByRole('button');
    await checkOuts.first().waitFor();
    await checkOuts.first().click();
    await page.getByText('Necesita la aprobación de ReservePTY').waitFor();
    expect(await ruleRow(approvalRuleEs).textContent()).toContain('por un máximo de 1 noche');
    expect(await seriousViolations(page)).toEqual([]);
    await narrow();

    await page.goto(`${baseUrl}/${SLUG}?lang=es`);
    expect(await page.getByTestId('members-only-notice').textContent()).toContain('ReservePTY acepta reservas de sus socios.');
    // Signed in as a member: straight to the portal, no sign-in.
    expect(await page.getByRole('link', { name: 'Abrir el portal de socios' }).getAttribute('href')).toBe(`/dashboard/${SLUG}/book`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${baseUrl}/dashboard/${SLUG}/book?lang=en`);
    expect(browser.errors).toEqual([]);
  });
});
