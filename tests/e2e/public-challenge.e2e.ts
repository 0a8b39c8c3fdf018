/**
 * Decision 0019 in the browser: an owner turns on the public-form challenge and a staff idle
 * timeout on the settings page (and the API then asks that organization's public forms for a
 * solved challenge); the sign-in page says why an idle session ended, in
 * English and Spanish (booking.e2e.ts books through a demo organization's form, which solves the
 * challenge on its own, and checks it says so). The idle timeout itself is proven at the API level with an injected clock
 * (tests/session-idle.test.ts): this server runs on the system clock, which a test cannot move.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, type ApiUser, createOrganization, signUpUser, suffix, useSession } from './api';
import { hasChromium, openBrowser } from './browser';
import { seriousViolations } from './support-axe';

const baseUrl = inject('baseUrl');
const run = hasChromium || process.env.CI === 'true' ? describe : describe.skip;

run('public-form challenge and staff idle timeout', () => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  let owner: ApiUser;
  const slug = `guard-${suffix()}`;

  beforeAll(async () => {
    browser = await openBrowser();
    page = await browser.context.newPage();
    owner = await signUpUser(baseUrl, 'Gina Guard');
    await createOrganization(baseUrl, owner, slug, `Guarded ${slug}`);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('lets the owner turn on the challenge and set an idle timeout; the API then asks for the challenge', async () => {
    const before = await api(baseUrl, `/api/v1/public/orgs/${slug}/bookings`, { body: {}, challenge: false });
    expect(before.status).toBe(400); // no challenge asked: the body's own validation answers
    await useSession(browser.context, baseUrl, owner);
    await page.goto(`${baseUrl}/dashboard/${slug}/settings`);
    const minutes = page.getByLabel('Sign staff out after this many idle minutes');
    await minutes.fill('3');
    await page.getByLabel('Check public forms for bots').check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    // Below the minimum: refused under the field, and what was typed stays.
    await page.getByText(/must be at least 5 minutes/).waitFor();
    expect(await minutes.inputValue()).toBe('3');
    await minutes.fill('30');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').getByText('Settings saved.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.reload();
    expect(await page.getByLabel('Sign staff out after this many idle minutes').inputValue()).toBe('30');
    expect(await page.getByLabel('Check public forms for bots').isChecked()).toBe(true);
    const org = await api(baseUrl, `/api/v1/orgs/${slug}`, { cookie: owner.cookie });
    expect(org.json.organization.settings).toMatchObject({ publicFormChallenge: true, staffIdleTimeoutMinutes: 30 });
    expect((await api(baseUrl, `/api/v1/public/orgs/${slug}`)).json.publicFormChallenge).toBe(true);
    const refused = await api(baseUrl, `/api/v1/public/orgs/${slug}/bookings`, { body: {}, challenge: false });
    expect(refused.status).toBe(403);
    expect(refused.json.error.details.reason).toBe('challenge_required');
  });

  it('says on the sign-in page why an idle session ended, in English and in Spanish, at 375 px', async () => {
    await page.context().clearCookies();
    await page.goto(`${baseUrl}/sign-in?next=${encodeURIComponent(`/dashboard/${slug}`)}&idle=30`);
    await page.getByRole('status').getByText('You were signed out after 30 minutes without activity. Sign in again to continue.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    const es = await openBrowser({ locale: 'es-ES', viewport: { width: 375, height: 800 } });
    try {
      const p = await es.context.newPage();
      await p.goto(`${baseUrl}/sign-in?idle=15`);
      await p.getByRole('status').getByText('Se cerró tu sesión tras 15 minutos sin actividad. Vuelve a iniciar sesión para continuar.').waitFor();
      expect(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      expect(await seriousViolations(p)).toEqual([]);
    } finally {
      await es.close();
    }
  });
});
