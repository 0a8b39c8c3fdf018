/**
 * The secret in a booking's manage link: 32 random bytes (base64url), rotatable, and valid
 * until MANAGE_LINK_DAYS_AFTER_END days after the booking ends. Stored twice: its SHA-256, the
 * only thing a lookup needs, and an AES-256-GCM ciphertext under a key derived (HKDF) from the
 * server secret, bound to its booking, so an idempotent replay and the outbox can hand out the
 * same link again without anyone storing it in the clear. A stolen database without the server
 * secret yields no working link; a changed server secret makes links unshowable, not invalid
 * (they are re-issued when one must be shown: manage-link.ts).
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { randomToken, sha256 } from '@/lib/crypto';
import { env } from '@/lib/env';
import { resolveAuthSecret } from '@/lib/secrets';

/** Links keep working this many days after the booking's end (then answer 410 "expired"). */
export const MANAGE_LINK_DAYS_AFTER_END = 30;

const VERSION = 'v1';
let key: Buffer | undefined;

function tokenKey(): Buffer {
  key ??= Buffer.from(hkdfSync('sha256', resolveAuthSecret(env()), '', 'bookline/booking-manage-token/v1', 32));
  return key;
}

const boundTo = (organizationId: string, bookingId: string) => Buffer.from(`${organizationId}/${bookingId}`);

export interface IssuedToken {
  token: string;
  hash: string;
  ciphertext: string;
}

export function issueToken(organizationId: string, bookingId: string): IssuedToken {
  const token = randomToken(32);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', tokenKey(), iv);
  cipher.setAAD(boundTo(organizationId, bookingId));
  const sealed = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  const ciphertext = `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url')}`;
  return { token, hash: manageTokenHash(token), ciphertext };
}

/** The token back from its ciphertext, or null when it cannot be read (another server secret, tampering, none kept). */
export function revealToken(ciphertext: string | null, organizationId: string, bookingId: string): string | null {
  if (!ciphertext?.startsWith(`${VERSION}.`)) return null;
  try {
    const raw = Buffer.from(ciphertext.slice(VERSION.length + 1), 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', tokenKey(), raw.subarray(0, 12));
    decipher.setAAD(boundTo(organizationId, bookingId));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

export function manageTokenHash(token: string): string {
  return sha256(token);
}

export function manageUrl(orgSlug: string, token: string): string {
  return `${env().BASE_URL}/${orgSlug}/bookings/manage?token=${token}`;
}

export function linkExpiresAt(bookingEndsAt: Date): Date {
  return new Date(bookingEndsAt.getTime() + MANAGE_LINK_DAYS_AFTER_END * 86_400_000);
}
