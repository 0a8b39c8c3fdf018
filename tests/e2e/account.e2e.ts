/**
 * A new owner secures their account in the browser: sign up, create an organization, turn on
 * two-factor with the secret shown on the page (codes computed here by an independent RFC 6238
 * implementation), sign in again with a code and once with a backup code, which then no longer
 * works. The same owner invites a viewer and changes the organization's time zone.
 */
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { totp } from '../support/totp';
import { hasChromium, openBrowser } from './browser';

const baseUrl = inject('baseUrl');
const run = hasChromium || process.env.CI === 'true' ? describe : describe.skip;

const suffix = randomBytes(4).toString('hex');
const email = `owner-${suffix}@example.test`;
const password = `correct horse ${suffix}`;
const slug = `acct-${suffix}`;

/**
 * Clicks `button` until `done` shows. Better Auth allows 3 sign-in (and 3 two-factor) requests per
 * 10 s per path, in one bucket shared by every test here (no client IP behind the test server):
 * a "too many" refusal waits out the window and tries again.
 */
async function submit(page: Page, button: string, done: () => Promise<unknown>) {
  for (let attempt = 0; ; attempt++) {
    await page.getByRole('button', { name: button }).click();
    const alert = page.getByRole('alert').filter({ hasText: /too many/i });
    const outcome = await Promise.race([done().then(() => 'done'), alert.waitFor().then(() => 'limited')]);
    if (outcome === 'done') return;
    if (attempt >= 2) throw new Error(`still rate-limited after ${attempt + 1} tries: ${button}`);
    await page.waitForTimeout(10_500);
  }
}

async function signInWithPassword(page: Page) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await submit(page, 'Sign in', () => page.getByLabel('Authentication code').waitFor());
}

async function verifyAndReachDashboard(page: Page, code: () => string) {
  for (let attempt = 0; ; attempt++) {
    await page.getByLabel(/^(Authentication code|Backup code)$/).fill(code());
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    const limited = page.getByRole('alert').filter({ hasText: /too many/i });
    const outcome = await Promise.race([
      page.waitForURL(new RegExp(`/dashboard/${slug}$`)).then(() => 'done'),
      limited.waitFor().then(() => 'limited'),
    ]);
    if (outcome === 'done') return;
    if (attempt >= 2) throw new Error('two-factor verification still rate-limited');
    await page.waitForTimeout(10_500);
  }
}

async function signOut(page: Page) {
  await page.goto(`${baseUrl}/dashboard/${slug}`);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(`${baseUrl}/`);
}

run('account security, team invitations and settings', () => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  let secret = '';
  let backupCodes: string[] = [];

  beforeAll(async () => {
    browser = await openBrowser();
    page = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('checks the TOTP implementation against the RFC 6238 test vector', () => {
    // Secret "12345678901234567890" (ASCII) at 59 s → 94287082 (8 digits); the last 6 are 287082.
    expect(totp('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59_000)).toBe('287082');
  });

  it('signs up and creates an organization', async () => {
    await page.goto(`${baseUrl}/sign-up`);
    await page.getByLabel('Your name').fill('Ada Account');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(/\/dashboard/);
    await page.locator('#org-name').fill(`Account Test ${suffix}`);
    await page.locator('#org-slug').fill(slug);
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.waitForURL(`${baseUrl}/dashboard/${slug}`);
  });

  it('turns on two-factor authentication and shows the backup codes once', async () => {
    await page.goto(`${baseUrl}/dashboard/${slug}/account`);
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
    await page.locator('#two-factor-password').fill(password);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
    secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]+=*$/);
    await page.getByLabel('6-digit code').fill(totp(secret));
    await page.getByRole('button', { name: 'Verify and turn on' }).click();
    await page.getByText('Save your backup codes now').waitFor();
    backupCodes = (await page.getByTestId('backup-codes').getByRole('listitem').allInnerTexts()).map((c) => c.trim());
    expect(backupCodes.length).toBeGreaterThanOrEqual(5);
    // The status says On as soon as the code is accepted, while the codes are still shown.
    await page.locator('section[aria-labelledby="two-factor-title"]').getByText('On', { exact: true }).waitFor({ timeout: 5_000 });
    await page.getByRole('button', { name: 'I have saved them' }).click();
    await page.getByRole('button', { name: 'Turn off' }).waitFor();
    expect(await page.getByTestId('backup-codes').count()).toBe(0);
  });

  it('asks for a code at sign-in and accepts a fresh one', async () => {
    await signOut(page);
    await signInWithPassword(page);
    await verifyAndReachDashboard(page, () => totp(secret));
  });

  it('accepts a backup code once', { timeout: 150_000 }, async () => {
    const code = backupCodes[0]!;
    await signOut(page);
    await signInWithPassword(page);
    await page.getByRole('button', { name: 'Use a backup code instead' }).click();
    await page.getByLabel('Backup code').waitFor();
    await verifyAndReachDashboard(page, () => code);

    await signOut(page);
    await signInWithPassword(page);
    await page.getByRole('button', { name: 'Use a backup code instead' }).click();
    await page.getByLabel('Backup code').fill(code);
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    const refusal = page.getByRole('alert');
    await refusal.waitFor();
    if (/too many/i.test(await refusal.innerText())) {
      await page.waitForTimeout(10_500);
      await page.getByRole('button', { name: 'Verify and sign in' }).click();
      await page.getByRole('alert').filter({ hasNotText: /too many/i }).waitFor();
    }
    expect(page.url()).toContain('/sign-in');

    // Back in with the app, for the rest of the file.
    await page.getByRole('button', { name: 'Use your authenticator app instead' }).click();
    await verifyAndReachDashboard(page, () => totp(secret));
  });

  it('invites a viewer and lists the invitation', async () => {
    await page.goto(`${baseUrl}/dashboard/${slug}/team`);
    await page.locator('#invite-email').fill('someone@example.test');
    await page.locator('#invite-role').selectOption('viewer');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByTestId('accept-link').waitFor();
    expect(await page.locator('#invite-link').inputValue()).toContain('/invitations/accept?token=');
    const item = page.getByTestId('invitation-list').getByRole('listitem').filter({ hasText: 'someone@example.test' });
    await item.waitFor();
    expect(await item.innerText()).toContain('Viewer');
  });

  it('changes the time zone in settings and shows it on the overview', async () => {
    await page.goto(`${baseUrl}/dashboard/${slug}/settings`);
    await page.locator('#org-timezone').selectOption('Asia/Tokyo');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').getByText('Settings saved.').waitFor();
    await page.goto(`${baseUrl}/dashboard/${slug}`);
    await page.getByText('Asia/Tokyo').first().waitFor();
    expect(browser.errors).toEqual([]);
  });
});
