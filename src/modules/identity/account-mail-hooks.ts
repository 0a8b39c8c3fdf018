/**
 * Better Auth's mail callbacks, written to our outbox (docs/decisions/0009-account-mail.md):
 * `sendResetPassword` and `sendVerificationEmail` enqueue a row with no organization and the
 * user's id; the outbox worker sends it (modules/notifications account-mail.ts) over SMTP or
 * into the mail catcher, with retries. The link is sealed under the server secret in the row;
 * the token never reaches a log line.
 *
 * The links are rebuilt here from the token, so every email points at our pages whatever a
 * client passed as its callback: a reset link goes through Better Auth's check
 * (/api/auth/reset-password/<token>) to /reset-password?token=… (or ?error=INVALID_TOKEN); a
 * verification link through /api/auth/verify-email to /verify-email?status=verified (or &error=…).
 */
import type { Db } from '@/db/client';
import { fromAcceptLanguage, LOCALE_COOKIE, toLocale } from '@/i18n/locales';
import { seal } from '@/lib/sealed';
import { enqueueAccountMessage } from '@/modules/kernel';

/** The purpose the notifications module opens the links with (ACCOUNT_LINK_PURPOSE there). */
const LINK_PURPOSE = 'account-mail-link';

export const RESET_PASSWORD_PAGE = '/reset-password';
export const VERIFY_EMAIL_PAGE = '/verify-email?status=verified';

export interface AccountMailSettings {
  /** Seconds a password-reset link works (Better Auth's resetPasswordTokenExpiresIn). */
  resetPasswordSeconds: number;
  /** Seconds a verification link works (Better Auth's emailVerification.expiresIn). */
  verifyEmailSeconds: number;
}

export const DEFAULT_ACCOUNT_MAIL: AccountMailSettings = { resetPasswordSeconds: 60 * 60, verifyEmailSeconds: 24 * 60 * 60 };

/** The language of the request that asked: the switcher's cookie, else Accept-Language, else English. */
export function requestLocale(request: Request | undefined): 'en' | 'es' {
  const cookie = request?.headers.get('cookie') ?? '';
  const chosen = new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([^;]+)`).exec(cookie)?.[1];
  return toLocale(chosen) ?? fromAcceptLanguage(request?.headers.get('accept-language')) ?? 'en';
}

export function accountMailSenders(db: Db, baseURL: string, secret: string, settings: AccountMailSettings) {
  const base = baseURL.replace(/\/+$/, '');
  const enqueue = (topic: 'email.password_reset' | 'email.verify_email', userId: string, link: string, seconds: number, request: Request | undefined) =>
    enqueueAccountMessage(db, {
      userId,
      topic,
      payload: { link: seal(secret, LINK_PURPOSE, link, userId), locale: requestLocale(request), expiresInMinutes: Math.round(seconds / 60) },
    });
  return {
    async sendResetPassword({ user, token }: { user: { id: string }; token: string }, request?: Request) {
      const link = `${base}/api/auth/reset-password/${encodeURIComponent(token)}?callbackURL=${encodeURIComponent(RESET_PASSWORD_PAGE)}`;
      await enqueue('email.password_reset', user.id, link, settings.resetPasswordSeconds, request);
    },
    async sendVerificationEmail({ user, token }: { user: { id: string }; token: string }, request?: Request) {
      const link = `${base}/api/auth/verify-email?token=${encodeURIComponent(token)}&callbackURL=${encodeURIComponent(VERIFY_EMAIL_PAGE)}`;
      await enqueue('email.verify_email', user.id, link, settings.verifyEmailSeconds, request);
    },
  };
}
