/**
 * The organization's "require two-factor for owners and admins" policy in the browser: the
 * owner cannot turn it on before having two-factor (the settings page says why), can once they
 * have it; an admin without two-factor who opens any dashboard page is sent to the account
 * page with an explanation, enrols there with codes from an independent RFC 6238
 * implementation, and then reaches the dashboard.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { totp } from '../support/totp';
import { addToOrganization, api, type ApiUser, createOrganization, enrolTotp, signUpUser, suffix, useSession } from './api';
import { hasChromium, openBrowser } from './browser';

const baseUrl = inject('baseUrl');
const run = hasChromium || process.env.CI === 'true' ? describe : describe.skip;

run('two-factor required for owners and admins', () => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  let owner: ApiUser;
  let admin: ApiUser;
  const slug = `mfa-${suffix()}`;
  const orgName = `MFA Policy ${slug}`;

  beforeAll(async () => {
    browser = await openBrowser();
    page = await browser.context.newPage();
    owner = await signUpUser(baseUrl, 'Olga Owner');
    admin = await signUpUser(baseUrl, 'Ada Admin');
    await createOrganization(baseUrl, owner, slug, orgName);
    await addToOrganization(baseUrl, slug, owner, admin, 'admin');
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function saveRequireTwoFactor() {
    await page.goto(`${baseUrl}/dashboard/${slug}/settings`);
    const toggle = page.getByLabel('Require two-factor authentication for owners and admins');
    await toggle.check();
    await page.getByRole('button', { name: 'Save changes' }).click();
  }

  it('does not let an owner without two-factor turn the policy on, and says why', async () => {
    await useSession(browser.context, baseUrl, owner);
    await page.goto(`${baseUrl}/dashboard/${slug}/settings`);
    await page.getByTestId('two-factor-needed').waitFor();
    await saveRequireTwoFactor();
    await page.getByText(/Turn on two-factor authentication for your own account before requiring it/).waitFor();
    const org = await api(baseUrl, `/api/v1/orgs/${slug}`, { cookie: owner.cookie });
    expect(org.json.organization.settings.requireTwoFactorForAdmins).not.toBe(true);
  });

  it('lets the owner turn it on once they have two-factor', async () => {
    await enrolTotp(baseUrl, owner);
    await useSession(browser.context, baseUrl, owner);
    await saveRequireTwoFactor();
    await page.getByRole('status').getByText('Settings saved.').waitFor();
    const org = await api(baseUrl, `/api/v1/orgs/${slug}`, { cookie: owner.cookie });
    expect(org.json.organization.settings.requireTwoFactorForAdmins).toBe(true);
  });

  it('sends an admin without two-factor to enrol before any dashboard page opens', async () => {
    await useSession(browser.context, baseUrl, admin);
    for (const path of ['', '/bookings', '/settings', '/customers', '/catalog']) {
      await page.goto(`${baseUrl}/dashboard/${slug}${path}`);
      await page.waitForURL(`${baseUrl}/dashboard/${slug}/account?twoFactor=required`);
    }
    await page.getByText(`${orgName} requires two-factor authentication`).waitFor();
    await page.getByTestId('two-factor-required').waitFor();
    // No way around it from the shell: the sections are not offered until they enrol.
    expect(await page.getByRole('navigation', { name: 'Dashboard' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Bookings' }).count()).toBe(0);
    await page.getByTestId('two-factor-required-nav').waitFor();
    // The API says the same.
    const refused = await api(baseUrl, `/api/v1/orgs/${slug}/bookings`, { cookie: admin.cookie });
    expect(refused.status).toBe(403);
    expect(refused.json.error.details).toEqual({ reason: 'two_factor_required' });
  });

  it('enrols on the account page and then reaches the dashboard', async () => {
    await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
    await page.locator('#two-factor-password').fill(admin.password);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
    const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
    await page.getByLabel('6-digit code').fill(totp(secret));
    await page.getByRole('button', { name: 'Verify and turn on' }).click();
    await page.getByText('Save your backup codes now').waitFor();
    await page.getByRole('button', { name: 'I have saved them' }).click();

    await page.getByRole('link', { name: `Continue to the ${orgName} dashboard` }).click();
    await page.waitForURL(`${baseUrl}/dashboard/${slug}`);
    await page.goto(`${baseUrl}/dashboard/${slug}/bookings`);
    await page.waitForURL(`${baseUrl}/dashboard/${slug}/bookings`);
    await page.getByRole('heading', { level: 1, name: 'Bookings' }).waitFor();
    expect(browser.errors).toEqual([]);
  });
});
