/**
 * Sealing a secret (a link with a token in it) for a while it must sit in the database, e.g. an
 * outbox row waiting for delivery: AES-256-GCM under a key derived (HKDF) from the server secret
 * and a purpose, bound to a context string (the row's owner). A stolen database without the
 * server secret yields nothing usable; a changed server secret makes sealed values unreadable.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const keys = new Map<string, Buffer>();

function keyFor(secret: string, purpose: string): Buffer {
  const id = `${purpose}\n${secret}`;
  let key = keys.get(id);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secret, '', `bookline/${purpose}/v1`, 32));
    keys.set(id, key);
  }
  return key;
}

export function seal(secret: string, purpose: string, plaintext: string, boundTo: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(secret, purpose), iv);
  cipher.setAAD(Buffer.from(boundTo));
  const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url')}`;
}

/** The plaintext back, or null (another secret, another context, tampered, not sealed). */
export function unseal(secret: string, purpose: string, value: unknown, boundTo: string): string | null {
  if (typeof value !== 'string' || !value.startsWith(`${VERSION}.`)) return null;
  try {
    const raw = Buffer.from(value.slice(VERSION.length + 1), 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', keyFor(secret, purpose), raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(boundTo));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
