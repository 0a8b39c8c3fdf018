/** The secret status link: a random token, stored hashed and sealed (emails and replays rebuild the link). */
import { randomBytes } from 'node:crypto';
import { randomToken, sha256 } from '@/lib/crypto';
import { env } from '@/lib/env';
import { seal, unseal } from '@/lib/sealed';
import { resolveAuthSecret } from '@/lib/secrets';

const PURPOSE = 'order-status-link';

export function issueStatusToken(orderId: string) {
  const token = randomToken(24);
  return { token, hash: sha256(token), sealed: seal(resolveAuthSecret(env()), PURPOSE, token, orderId) };
}

export function openStatusToken(sealed: string, orderId: string): string | null {
  return unseal(resolveAuthSecret(env()), PURPOSE, sealed, orderId);
}

export function statusUrl(slug: string, token: string): string {
  return `${env().BASE_URL}/${slug}/orders/${token}`;
}

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** "BL-7K2M9Q4X": short enough to read on the phone, random enough never to be guessed in order. */
export function orderNumber(): string {
  const bytes = randomBytes(8);
  return `BL-${[...bytes].map((b) => ALPHABET[b % 32]).join('')}`;
}
