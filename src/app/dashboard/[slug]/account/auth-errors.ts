import type { ApiFailure } from '@/app/_lib/api';

type Translate = (key: 'errors.wrongPassword' | 'errors.wrongCode' | 'errors.notEnabled' | 'errors.rateLimited') => string;

/** Better Auth's own refusals, said in the person's language; null when there is nothing specific to say. */
export function authFailure(result: ApiFailure, t: Translate): string | null {
  const authCode = (result.error.details as { authCode?: unknown } | undefined)?.authCode;
  const code = `${result.error.code} ${typeof authCode === 'string' ? authCode : ''}`.toUpperCase();
  const message = result.error.message.toLowerCase();
  if (result.status === 429) return t('errors.rateLimited');
  if (code.includes('NOT_ENABLED') || message.includes('not enabled')) return t('errors.notEnabled');
  if (code.includes('PASSWORD') || message.includes('password')) return t('errors.wrongPassword');
  if (code.includes('OTP') || code.includes('TOTP') || code.includes('CODE') || message.includes('code')) return t('errors.wrongCode');
  return null;
}
