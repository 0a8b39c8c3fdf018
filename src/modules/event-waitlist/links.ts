/** The entry's secret link: a random token, stored hashed (lookup) and sealed (emails rebuild the link). */
import { randomToken, sha256 } from '@/lib/crypto';
import { env } from '@/lib/env';
import { seal, unseal } from '@/lib/sealed';
import { resolveAuthSecret } from '@/lib/secrets';

const PURPOSE = 'event-waitlist-link';

export function issueEntryToken(entryId: string) {
  const token = randomToken(24);
  return { token, hash: sha256(token), sealed: seal(resolveAuthSecret(env()), PURPOSE, token, entryId) };
}

export function openEntryToken(sealed: string, entryId: string): string | null {
  return unseal(resolveAuthSecret(env()), PURPOSE, sealed, entryId);
}

export const entryTokenHash = (token: string) => sha256(token);

export function entryUrl(slug: string, token: string): string {
  return `${env().BASE_URL}/${slug}/events/waitlist/${token}`;
}
