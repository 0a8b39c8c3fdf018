/**
 * The secret in a booking's manage link. Derived (HMAC of the booking id under the server
 * secret) rather than stored, so an idempotent replay can hand back the same link; only its
 * SHA-256 is stored, for lookup.
 */
import { createHmac } from 'node:crypto';
import { sha256 } from '@/lib/crypto';
import { env } from '@/lib/env';
import { resolveAuthSecret } from '@/lib/secrets';

let secret: string | undefined;

export function manageTokenFor(bookingId: string): string {
  secret ??= resolveAuthSecret(env());
  return createHmac('sha256', secret).update(`booking-manage:${bookingId}`).digest('base64url');
}

export function manageTokenHash(token: string): string {
  return sha256(token);
}

export function manageUrl(orgSlug: string, token: string): string {
  return `${env().BASE_URL}/${orgSlug}/bookings/manage?token=${token}`;
}
