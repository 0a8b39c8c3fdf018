/**
 * The booking rules editor in a browser, 375 px wide: an owner reaches it from the folded
 * navigation, sees the empty state, is told by field what a rule lacks (input kept), creates a
 * notice rule for one asset that sends requests for approval, sees it listed in words,
 * previews it against the bookings already made, edits it to a section and a tier, turns it off,
 * deletes it after a confirmation, and sets who may book (members of a tier, a 48-hour approval
 * expiry). A manager is shown the page is not theirs. Axe-clean at each step; speaks Spanish.
 */
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addToOrganization, api, type ApiUser, createOrganization, signUpUser, suffix, useSession } from './api';
import { hasChromium, openBrowser } from './browser';
import { seriousViolations } from './support-axe';

const baseUrl = inject('baseUrl');
const run = hasChromium || process.env.CI === 'true' ? describe : describe.skip;

run('booking rules editor in a browser', () => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  let owner: ApiUser;
  let manager: ApiUser;
  let goldId: string;
  let silverId: string;
  const slug = `rules-${suffix()}`;
  const v1 = `/api/v1/orgs/${slug}`;

  beforeAll(async () => {
    owner = await signUpUser(baseUrl, 'Rules Owner');
    manager = await signUpUser(baseUrl, 'Rules Manager');
    await createOrganization(baseUrl, owner, slug, 'Rules Club');
    await addToOrganization(baseUrl, slug, owner, manager, 'manager');
    const everyDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, ranges: [{ start: '00:00', end: '24:00' }] }));
    expect((await api(baseUrl, `${v1}/business-hours`, { method: 'PUT', cookie: owner.cookie, body: { weekly: everyDay } })).status).toBe(200);
    const jet = await api(baseUrl, `${v1}/resources`, { cookie: owner.cookie, body: { kind: 'asset', name: 'Gulfstream', section: 'Aircraft' } });
    expect(jet.status, JSON.stringify(jet.json)).toBe(201);
    await api(baseUrl, `${v1}/resources`, { cookie: owner.cookie, body: { kind: 'asset', name: 'Sunseeker', section: 'Watercraft' } });
    const service = await api(baseUrl, `${v1}/services`, { cookie: owner.cookie, body: { name: 'Flight', durationMinutes: 120, slotIntervalMinutes: 60, minNoticeMinutes: 0, resourceIds: [jet.json.id] } });
    expect(service.status, JSON.stringify(service.json)).toBe(201);
    const gold = await api(baseUrl, `${v1}/tiers`, { cookie: owner.cookie, body: { name: 'Gold' } });
    expect(gold.status, JSON.stringify(gold.json)).toBe(201);
    goldId = gold.json.id;
    silverId = (await api(baseUrl, `${v1}/tiers`, { cookie: owner.cookie, body: { name: 'Silver' } })).json.id;
    // Two bookings made today: one two days ahead (short notice), one ten days ahead.
    // 10:00 in the club's zone: a two-hour flight that ends before midnight whatever the hour the
    // test runs (one starting at 23:00 would cross into the next day, which is not offered).
    const at = (days: number) => DateTime.now().setZone('America/Chicago').plus({ days }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 }).toISO()!;
    for (const [days, name] of [
      [2, 'Short Notice'],
      [10, 'Planned Ahead'],
    ] as const) {
      const booked = await api(baseUrl, `${v1}/bookings`, {
        cookie: owner.cookie,
        body: { serviceId: service.json.id, resourceId: jet.json.id, start: at(days), customer: { name, email: `${name.toLowerCase().replace(/\W+/g, '-')}-${suffix()}@example.test` } },
      });
      expect(booked.status, JSON.stringify(booked.json)).toBe(201);
    }
    browser = await openBrowser({ viewport: { width: 375, height: 800 } });
    await useSession(browser.context, baseUrl, owner);
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const rows = () => page.getByTestId('rule-row');
  const narrow = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  const settled = () => page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  const clean = async () => {
    await settled();
    expect(await seriousViolations(page)).toEqual([]);
    await narrow();
  };

  it('creates, lists, previews, edits, turns off and deletes a rule', { timeout: 180_000 }, async () => {
    await page.goto(`${baseUrl}/dashboard/${slug}`);
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Booking rules' }).click();
    await page.waitForURL(`${baseUrl}/dashboard/${slug}/rules`);
    await page.getByRole('heading', { level: 1, name: 'Booking rules' }).waitFor();
    await page.getByRole('heading', { name: 'No rules yet' }).waitFor();
    await clean();

    // A new rule: what it lacks is said on its fields, and what was typed stays.
    await page.getByRole('button', { name: 'New rule' }).click();
    const form = page.getByRole('dialog', { name: 'New rule' });
    await form.getByLabel('Kind of rule').selectOption('lead_time');
    await form.getByLabel('Name in Spanish (optional)').fill('Aviso del Gulfstream');
    await form.getByRole('button', { name: 'Create rule' }).click();
    await form.locator('#rule-name-error').getByText('Fill this in.').waitFor();
    await form.locator('#rule-min-hours-error').getByText('Enter a minimum notice, a furthest-ahead limit, or both.').waitFor();
    expect(await form.getByLabel('Name in Spanish (optional)').inputValue()).toBe('Aviso del Gulfstream');
    // Focus went to the first field with a problem.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('rule-name');
    await clean();

    await form.getByLabel('Name', { exact: true }).fill('Gulfstream notice');
    await form.getByLabel('Minimum notice (hours)').fill('168');
    await form.getByLabel('One asset').check();
    await form.getByLabel('Asset', { exact: true }).selectOption({ label: 'Gulfstream (Aircraft)' });
    await form.getByLabel('When the rule is broken').selectOption('approval');
    await form.getByRole('group', { name: 'Who approves' }).getByLabel('Manager', { exact: true }).check();
    await clean();
    await form.getByRole('button', { name: 'Create rule' }).click();
    await page.getByText('Rule “Gulfstream notice” created.').waitFor();
    await expect.poll(() => rows().count()).toBe(1);
    const row = rows().first();
    await row.getByText('Needs approval').waitFor();
    expect(await row.getByTestId('rule-scope').textContent()).toBe('Asset Gulfstream');
    await row.getByText('Aviso del Gulfstream').waitFor();
    await row.getByText('Everyone', { exact: true }).waitFor();

    // The API holds what the form said.
    const listed = await api(baseUrl, `${v1}/rules`, { cookie: owner.cookie });
    expect(listed.status).toBe(200);
    const rule = listed.json.data[0];
    expect(rule).toMatchObject({
      name: 'Gulfstream notice',
      kind: 'lead_time',
      params: { action: 'create', minHours: 168 },
      scope: 'resource',
      tierId: null,
      outcome: 'approval',
      adminsExempt: true,
      active: true,
      translations: { es: { name: 'Aviso del Gulfstream' } },
    });
    expect(rule.approvers.roles.sort()).toEqual(['admin', 'manager', 'owner']);
    expect((await row.getByTestId('rule-summary').textContent())?.trim()).toBe(rule.summary);
    await clean();

    // Preview: of the two bookings made today, the one two days ahead had too little notice.
    await row.getByRole('button', { name: 'Preview Gulfstream notice' }).click();
    const preview = page.getByRole('dialog', { name: 'What “Gulfstream notice” would have done' });
    const summary = preview.getByTestId('rule-preview-summary');
    await summary.waitFor();
    const counted = await api(baseUrl, `${v1}/rules/${rule.id}/preview?days=30`, { cookie: owner.cookie });
    expect(counted.status).toBe(200);
    const { affected, evaluated } = counted.json as { affected: number; evaluated: number };
    expect({ affected, evaluated }).toEqual({ affected: 1, evaluated: 2 });
    expect(await summary.textContent()).toBe('This rule would have affected 1 of the last 30 days’ 2 bookings.');
    await preview.getByRole('heading', { name: 'For example' }).waitFor();
    await preview.getByRole('listitem').filter({ hasText: 'Short Notice' }).waitFor();
    expect(await preview.getByRole('listitem').count()).toBe(1);
    await clean();
    await preview.getByRole('button', { name: 'Close' }).click();

    // Edit: 24 hours' notice, for Gold members, on the whole Aircraft section.
    await row.getByRole('button', { name: 'Edit Gulfstream notice' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Gulfstream notice' });
    expect(await edit.getByLabel('Minimum notice (hours)').inputValue()).toBe('168');
    await edit.getByLabel('Minimum notice (hours)').fill('24');
    await edit.getByLabel('One section').check();
    await edit.getByLabel('Section', { exact: true }).selectOption('Aircraft');
    // A tier deleted since the page loaded: the server's 400 lands on the tier field, the rest kept.
    await edit.getByLabel('Tier', { exact: true }).selectOption({ label: 'Silver' });
    expect((await api(baseUrl, `${v1}/tiers/${silverId}`, { method: 'DELETE', cookie: owner.cookie })).status).toBe(204);
    await edit.getByRole('button', { name: 'Save rule' }).click();
    await edit.locator('#rule-tier-error').getByText('is not a tier of this organization', { exact: false }).waitFor();
    expect(await edit.getByLabel('Minimum notice (hours)').inputValue()).toBe('24');
    expect(await edit.getByLabel('Section', { exact: true }).inputValue()).toBe('Aircraft');
    await clean();
    await edit.getByLabel('Tier', { exact: true }).selectOption({ label: 'Gold' });
    await edit.getByRole('button', { name: 'Save rule' }).click();
    await page.getByText('Rule “Gulfstream notice” saved.').waitFor();
    await expect.poll(async () => row.getByTestId('rule-scope').textContent()).toBe('Section Aircraft');
    await row.getByText('Gold', { exact: true }).waitFor();
    expect((await api(baseUrl, `${v1}/rules`, { cookie: owner.cookie })).json.data[0]).toMatchObject({ params: { minHours: 24 }, scope: 'section', section: 'Aircraft', resourceId: null, tierId: goldId });

    // Off, then deleted after its confirmation.
    await row.getByRole('button', { name: 'Turn off Gulfstream notice' }).click();
    await page.getByText('“Gulfstream notice” is off', { exact: false }).waitFor();
    await row.getByRole('button', { name: 'Turn on Gulfstream notice' }).waitFor();
    expect((await api(baseUrl, `${v1}/rules`, { cookie: owner.cookie })).json.data[0].active).toBe(false);
    await clean();
    await row.getByRole('button', { name: 'Delete Gulfstream notice' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete Gulfstream notice?' });
    await clean();
    await confirm.getByRole('button', { name: 'Delete rule' }).click();
    await page.getByText('Rule “Gulfstream notice” deleted.').waitFor();
    await page.getByRole('heading', { name: 'No rules yet' }).waitFor();
    expect((await api(baseUrl, `${v1}/rules`, { cookie: owner.cookie })).json.data).toEqual([]);
    expect(browser.errors).toEqual([]);
  });

  it('sets who may book and how long approvals wait', { timeout: 90_000 }, async () => {
    await page.goto(`${baseUrl}/dashboard/${slug}/rules`);
    const access = page.getByRole('region', { name: 'Who may book' });
    await access.getByLabel('Anyone').waitFor();
    expect(await access.getByLabel('Anyone').isChecked()).toBe(true);
    await access.getByLabel('Members of some tiers').check();
    await access.getByLabel('Approval expiry (hours)').fill('48');
    await access.getByRole('button', { name: 'Save who may book' }).click();
    await access.getByText('Choose at least one tier.').waitFor();
    expect(await access.getByLabel('Approval expiry (hours)').inputValue()).toBe('48');
    await clean();
    await access.getByLabel('Gold').check();
    // How long a waitlist hold lasts: kept with the rest, checked on the field.
    await access.getByLabel('Waitlist hold (minutes)').fill('2');
    await access.getByRole('button', { name: 'Save who may book' }).click();
    await access.getByText('Enter 5 or more.').waitFor();
    await access.getByLabel('Waitlist hold (minutes)').fill('90');
    await access.getByRole('button', { name: 'Save who may book' }).click();
    await page.getByText('Who may book saved.').waitFor();
    expect((await api(baseUrl, `${v1}/booking-access`, { cookie: owner.cookie })).json).toEqual({ bookingAccess: 'tiers', bookingTierIds: [goldId], approvalExpiryHours: 48, waitlistHoldMinutes: 90 });

    await page.reload();
    await page.getByRole('region', { name: 'Who may book' }).getByLabel('Gold').waitFor();
    expect(await page.getByLabel('Members of some tiers').isChecked()).toBe(true);
    expect(await page.getByLabel('Gold').isChecked()).toBe(true);
    await page.getByLabel('Members only').check();
    await page.getByRole('button', { name: 'Save who may book' }).click();
    await page.getByText('Who may book saved.').waitFor();
    expect((await api(baseUrl, `${v1}/booking-access`, { cookie: owner.cookie })).json).toMatchObject({ bookingAccess: 'members', approvalExpiryHours: 48 });
    await clean();
    expect(browser.errors).toEqual([]);
  });

  it('is not a manager’s page, and speaks Spanish', { timeout: 90_000 }, async () => {
    const other = await openBrowser({ viewport: { width: 375, height: 800 } });
    try {
      await useSession(other.context, baseUrl, manager);
      const managerPage = await other.context.newPage();
      await managerPage.goto(`${baseUrl}/dashboard/${slug}/rules`);
      await managerPage.getByText('Booking rules are for owners and admins').waitFor();
      expect(await managerPage.getByRole('button', { name: 'New rule' }).count()).toBe(0);
      expect(await seriousViolations(managerPage)).toEqual([]);
    } finally {
      await other.close();
    }

    await page.goto(`${baseUrl}/dashboard/${slug}/rules?lang=es`);
    await page.getByRole('heading', { level: 1, name: 'Reglas de reserva' }).waitFor();
    await page.getByRole('heading', { name: 'Aún no hay reglas' }).waitFor();
    await page.getByRole('region', { name: 'Quién puede reservar' }).getByLabel('Solo socios').waitFor();
    await page.getByRole('button', { name: 'Nueva regla' }).click();
    const form = page.getByRole('dialog', { name: 'Nueva regla' });
    await form.getByLabel('Tipo de regla').selectOption('quota');
    await form.getByRole('button', { name: 'Añadir una temporada' }).click();
    await form.getByLabel('Temporada 1 desde').fill('12-15');
    await form.getByLabel('Temporada 1 hasta').fill('1-10');
    await form.getByLabel('Sábado').check();
    await form.getByRole('button', { name: 'Crear regla' }).click();
    await form.locator('#rule-limit-error').getByText('Completa este campo.').waitFor();
    await form.locator('#rule-peak-0-to-error').getByText('Introduce mes y día como MM-DD, p. ej. 12-15.').waitFor();
    // The longest form fits the dialog at 375 px: nothing scrolls sideways inside it.
    expect(await form.evaluate((d) => d.scrollWidth <= d.clientWidth)).toBe(true);
    await clean();
    await form.getByRole('button', { name: 'Cancelar' }).click();
    await page.goto(`${baseUrl}/dashboard/${slug}/rules?lang=en`);
    expect(browser.errors).toEqual([]);
  });
});
