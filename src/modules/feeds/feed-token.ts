/**
 * A feed's secret: 32 random bytes (base64url, 43 characters) in its URL, stored only as its
 * SHA-256. Unlike a manage link it is never shown again, so nothing else is kept: a lost URL is
 * revoked and replaced.
 */
import { randomToken, sha256 } from '@/lib/crypto';
import { env } from '@/lib/env';

const FEED_FILE = /^([A-Za-z0-9_-]{43})\.ics$/;

export function issueFeedToken(): { token: string; hash: string } {
  const token = randomToken(32);
  return { token, hash: sha256(token) };
}

/** The token's hash from the URL's last segment, or null when it cannot be a feed's. */
export function feedTokenHash(feedFile: string): string | null {
  const match = FEED_FILE.exec(feedFile);
  return match ? sha256(match[1]!) : null;
}

/** The feed's address, and the same address as webcal:// (which opens the calendar app to subscribe). */
export function feedUrls(token: string): { url: string; webcalUrl: string } {
  const url = `${env().BASE_URL}/api/v1/feeds/${token}.ics`;
  return { url, webcalUrl: url.replace(/^https?:/, 'webcal:') };
}
