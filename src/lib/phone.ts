/**
 * The phone rule, on its own so the public booking form can check it in the browser without
 * bundling the server's text helpers (lib/text.ts).
 */

export const PHONE_MESSAGE = 'must be a phone number: 7 to 15 digits, optionally starting with + and a country code; spaces, dots, dashes and brackets allowed';

/**
 * True for an E.164 number or a national one as people write them: "+1 210-555-0171",
 * "(210) 555 0171", "+34 612 555 101". E.164 caps a number at 15 digits; 7 is the shortest
 * subscriber number worth calling.
 */
export function isPhoneNumber(value: string): boolean {
  if (!/^\+?(?:\(\d{1,5}\)|\d)[\d ().-]*\d$/.test(value)) return false;
  const digits = value.replace(/\D/g, '').length;
  return digits >= 7 && digits <= 15;
}
