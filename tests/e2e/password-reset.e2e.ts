/**
 * Password reset end to end from the email's link (#12.3), at a phone's width: a person who
 * forgot their password asks on /forgot-password (linked from sign-in), the email arrives over
 * SMTP (the test server sends to a loopback SMTP server that spools each message; global-setup),
 * its link opens /reset-password, the new password is saved, and signing in with it works; the
 * old one and the spent link do not. Address verification from the account page: not confirmed,
 * "send a new link", the email's link lands on /verify-email, and the account page says
 * confirmed. Every page axe-clean (critical and serious).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, createOrganization, signUpUser, suffix, useSession } from './api';
import { hasChromium, openBrowser } from './browser';
import { seriousViolations } from './support-axe';

const baseUrl = inject('baseUrl');
const spool = inject('mailSpool');
const run = hasChromium || process.env.CI === 'true' ? describe : describe.skip;

/** The spooled messages to `address` with this topic, oldest first. */
async function mailTo(address: string, topic: string): Promise<ParsedMail[]> {
  const found: ParsedMail[] = [];
  for (const file of readdirSync(spool).sort()) {
    const parsed = await simpleParser(readFileSync(path.join(spool, file)));
    const to = parsed.to && !Array.isArray(parsed.to) ? parsed.to.value.map((v) => v.address) : [];
    if (to.includes(address) && parsed.headers.get('x-bookline-topic') === topic) found.push(parsed);
  }
  return found;
}

/** The outbox delivers every few seconds: waits for the count of such messages to grow past `before`. */
async function nextMail(page: Page, address: string, topic: string, before: number): Promise<ParsedMail> {
  for (let i = 0; i < 60; i++) {
    const mails = await mailTo(address, topic);
    if (mails.length > before) return mails.at(-1)!;
    await page.waitForTimeout(500);
  }
  throw new Error(`no ${topic} email to ${address} within 30 s`);
}

async function expectAxeClean(page: Page) {
  expect(await seriousViolations(page)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
}

run('password reset from the email’s link', () => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  beforeAll(async () => {
    browser = await openBrowser({ viewport: { width: 375, height: 800 } });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('asks for a link, follows it from the email, sets a new password and signs in with it', { timeout: 180_000 }, async () => {
    const user = await signUpUser(baseUrl, 'Reset Person');
    const page = await browser.context.newPage();

    await page.goto(`${baseUrl}/sign-in`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.waitForURL(`${baseUrl}/forgot-password`);
    await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
    await expectAxeClean(page);

    // Bad input stays in the form, with a message on the field.
    await page.getByLabel('Email').fill('not-an-address');
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByText('Enter an email address, like name@example.com.').waitFor();
    expect(await page.getByLabel('Email').inputValue()).toBe('not-an-address');

    const before = (await mailTo(user.email, 'email.password_reset')).length;
    await page.getByLabel('Email').fill(user.email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByText(`If an account exists for ${user.email}, we sent it a link`).waitFor();
    await expectAxeClean(page);

    // The email: both parts, the same link.
    const mail = await nextMail(page, user.email, 'email.password_reset', before);
    expect(mail.subject).toBe('Reset your Bookline password');
    const link = /https?:\/\/\S+\/api\/auth\/reset-password\/\S+/.exec(mail.text ?? '')?.[0];
    expect(link, 'a link in the plain-text part').toBeDefined();
    expect(mail.html).toContain(`href="${link!.replace(/&/g, '&amp;')}"`);
    expect(new URL(link!).origin).toBe(baseUrl);

    await page.goto(link!);
    await page.waitForURL(/\/reset-password\?token=/);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await expectAxeClean(page);

    // Mismatched passwords: told so, nothing sent, input kept.
    const newPassword = `a new horse ${suffix()}`;
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('New password again').fill(`${newPassword}!`);
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.getByText('The two passwords do not match.').waitFor();
    expect(await page.getByLabel('New password', { exact: true }).inputValue()).toBe(newPassword);

    await page.getByLabel('New password again').fill(newPassword);
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.getByTestId('reset-done').waitFor();
    await expectAxeClean(page);

    // The old password no longer works; the new one does, through the sign-in page.
    expect((await api(baseUrl, '/api/auth/sign-in/email', { body: { email: user.email, password: user.password } })).status).toBe(401);
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.waitForURL(`${baseUrl}/sign-in`);
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill(newPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${baseUrl}/dashboard`);

    // The link worked once.
    await page.goto(link!);
    await page.waitForURL(/\/reset-password\?error=INVALID_TOKEN/);
    await page.getByTestId('reset-invalid').waitFor();
    await page.getByRole('link', { name: 'Ask for a new link' }).waitFor();
    await expectAxeClean(page);
    expect(browser.errors).toEqual([]);
  });

  it('verifies the address from a link sent from the account page', { timeout: 120_000 }, async () => {
    const user = await signUpUser(baseUrl, 'Verify Person');
    const slug = `verify-${suffix()}`;
    await createOrganization(baseUrl, user, slug, 'Verify Studio');
    await useSession(browser.context, baseUrl, user);
    const page = await browser.context.newPage();
    await page.goto(`${baseUrl}/dashboard/${slug}/account`);
    const status = page.getByTestId('email-verification-status');
    await status.waitFor();
    expect(await status.textContent()).toBe('Not confirmed');
    await expectAxeClean(page);

    // The sign-up's email may still be on its way: the new one is the second.
    const before = Math.max((await mailTo(user.email, 'email.verify_email')).length, 1);
    await page.getByRole('button', { name: 'Send a new link' }).click();
    await page.getByText(`We sent a new confirmation link to ${user.email}.`).waitFor();
    const mail = await nextMail(page, user.email, 'email.verify_email', before);
    expect(mail.subject).toBe('Confirm your email address for Bookline');
    const link = /https?:\/\/\S+\/api\/auth\/verify-email\?\S+/.exec(mail.text ?? '')?.[0];
    expect(link, 'a link in the plain-text part').toBeDefined();
    expect(mail.html).toContain(`href="${link!.replace(/&/g, '&amp;')}"`);

    await page.goto(link!);
    await page.waitForURL(`${baseUrl}/verify-email?status=verified`);
    await page.getByRole('heading', { name: 'Your email address is confirmed' }).waitFor();
    await expectAxeClean(page);
    await page.goto(`${baseUrl}/dashboard/${slug}/account`);
    await status.waitFor();
    expect(await status.textContent()).toBe('Confirmed');
    await page.getByRole('button', { name: 'Send a new link' }).waitFor({ state: 'detached' });
    await browser.context.clearCookies();
  });

  it('answers in Spanish, with the same notice for an address that has no account', { timeout: 60_000 }, async () => {
    const page = await browser.context.newPage();
    await browser.context.addCookies([{ name: 'bookline-locale', value: 'es', url: baseUrl }]);
    await page.goto(`${baseUrl}/forgot-password`);
    await page.getByRole('heading', { name: 'Restablece tu contraseña' }).waitFor();
    const nobody = `nobody-${suffix()}@example.test`;
    await page.getByLabel('Correo electrónico').fill(nobody);
    await page.getByRole('button', { name: 'Enviar el enlace' }).click();
    await page.getByText(`Si existe una cuenta para ${nobody}, le enviamos un enlace`).waitFor();
    await expectAxeClean(page);
    await page.goto(`${baseUrl}/reset-password?error=INVALID_TOKEN`);
    await page.getByRole('heading', { name: 'Elige una nueva contraseña' }).waitFor();
    await page.getByRole('link', { name: 'Pedir un enlace nuevo' }).waitFor();
    await expectAxeClean(page);
    await browser.context.clearCookies();
  });
});
