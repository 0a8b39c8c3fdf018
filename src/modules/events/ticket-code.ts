/**
 * Ticket codes: 20 random base32 characters (100 bits: never guessed, short enough to type at
 * the door), shown in groups of four. Stored as a SHA-256 (what check-in looks up) and sealed
 * with the server secret, bound to the ticket's id (what the order's status page and email show).
 */
import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import { sha256 } from '@/lib/crypto';
import { env } from '@/lib/env';
import { seal, unseal } from '@/lib/sealed';
import { resolveAuthSecret } from '@/lib/secrets';

const PURPOSE = 'ticket-code';
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 20;

/** A new code, normalised (no groups). 32 symbols from bytes % 32: each byte gives 5 uniform bits. */
export function newTicketCode(): string {
  return [...randomBytes(LENGTH)].map((b) => ALPHABET[b % 32]).join('');
}

/** "ABCD-EFGH-JKMN-PQRS-TVWX". */
export function groupCode(code: string): string {
  return code.match(/.{1,4}/g)!.join('-');
}

export const codeHash = (normalised: string) => sha256(`ticket:${normalised}`);

export function sealCode(code: string, ticketId: string): string {
  return seal(resolveAuthSecret(env()), PURPOSE, code, ticketId);
}

export function openCode(sealed: string, ticketId: string): string | null {
  return unseal(resolveAuthSecret(env()), PURPOSE, sealed, ticketId);
}

/** The code as an SVG QR image (what the status page shows). */
export function qrSvg(code: string): Promise<string> {
  return QRCode.toString(groupCode(code), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/** The code as a PNG QR image (what emails attach: many mail clients show no inline SVG). */
export function qrPng(code: string): Promise<Buffer> {
  return QRCode.toBuffer(groupCode(code), { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 240 });
}
