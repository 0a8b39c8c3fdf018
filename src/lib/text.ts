/**
 * String inputs, one vocabulary for every schema: every string has a length limit; plain-text
 * fields (names, titles, labels) refuse markup; free text (messages, notes, descriptions) keeps
 * whatever was typed, markup included, and is escaped where it is shown (React text nodes; the
 * web app has no raw HTML sink, see tests/input-limits.test.ts).
 */
import { Parser } from 'htmlparser2';
import { z } from 'zod';
import { isPhoneNumber, PHONE_MESSAGE } from './phone';

export { isPhoneNumber, PHONE_MESSAGE };

export const MARKUP_MESSAGE = 'must not contain HTML markup';
export const CONTROL_MESSAGE = 'must not contain control characters';
export const SINGLE_LINE_MESSAGE = 'must be a single line without control characters';
export const VISIBLE_MESSAGE = 'must contain a visible letter, number or symbol';
export const UNSTORABLE_MESSAGE = 'must not contain NUL characters or unpaired UTF-16 surrogates';

// C0 and C1 controls (newline and tab included: plain text is one line) and the bidirectional
// overrides and isolates that can make a name read differently from what it is.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
// Free text keeps tabs and line breaks; NUL and the other controls are never typed text
// (PostgreSQL refuses NUL in a text column outright).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const MULTI_LINE_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

// NUL and unpaired surrogates cannot be stored: PostgreSQL refuses NUL in text outright, and a
// lone surrogate has no UTF-8 form (the driver's encoding fails). No keyboard types either.
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when a string, or any string key or value inside arrays and objects, holds NUL or a lone surrogate. */
export function hasUnstorableText(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return UNSTORABLE.test(value);
  if (!value || typeof value !== 'object' || depth > 64) return false;
  if (Array.isArray(value)) return value.some((v) => hasUnstorableText(v, depth + 1));
  return Object.entries(value).some(([k, v]) => UNSTORABLE.test(k) || hasUnstorableText(v, depth + 1));
}

// What renders: a letter, number, symbol or punctuation mark, minus the code points that are
// in those classes but draw nothing (Default_Ignorable: Hangul fillers U+115F/U+1160/U+3164/
// U+FFA0, zero-width characters, joiners, variation selectors, tag characters…) and the
// braille blank U+2800 (a symbol that is an empty cell). Spaces, marks and format characters
// alone render as nothing (or as a mark on nothing) and make a name no one can read or find.
const VISIBLE = /(?![\p{Default_Ignorable_Code_Point}\u2800])[\p{L}\p{N}\p{S}\p{P}]/u;

/** True when the text shows at least one letter, number, symbol or punctuation mark. */
export function hasVisibleText(value: string): boolean {
  return VISIBLE.test(value);
}

/**
 * True when an HTML parser reads more than text in the value: a tag (matched or not), a
 * comment, a doctype or a processing instruction. "Tom & Jerry", "O'Brien", "5 < 6" and
 * "I <3 it" are text. htmlparser2 (what sanitize-html parses with) is small enough for the
 * browser, so forms check names with the very rule the server applies.
 */
export function hasMarkup(value: string): boolean {
  if (!value.includes('<')) return false;
  let text = '';
  let other = false;
  const parser = new Parser(
    {
      ontext: (data) => {
        text += data;
      },
      onopentagname: () => {
        other = true;
      },
      oncomment: () => {
        other = true;
      },
      onprocessinginstruction: () => {
        other = true;
      },
    },
    { decodeEntities: false },
  );
  parser.write(value);
  parser.end();
  // An unmatched closing tag raises no event: it only goes missing from the text.
  return other || text !== value;
}

const tooLong = (max: number) => `must be at most ${max} characters`;

/**
 * A one-line text where markup is never valid (person, customer, organization, service and
 * resource names, titles, labels, section names): trimmed, bounded, no control characters,
 * no tags, and when not empty something visible (a name of zero-width spaces or Hangul
 * fillers looks blank in every list and cannot be searched for).
 */
export function plainText(max: number) {
  return z
    .string({ message: 'must be text' })
    .trim()
    .max(max, tooLong(max))
    .refine((v) => !SINGLE_LINE_FORBIDDEN.test(v) && !UNSTORABLE.test(v), SINGLE_LINE_MESSAGE)
    .refine((v) => v === '' || hasVisibleText(v), VISIBLE_MESSAGE)
    .refine((v) => !hasMarkup(v), MARKUP_MESSAGE);
}

/**
 * Text people write to each other (a booking message, notes, descriptions): any characters a
 * keyboard types, markup included (it is stored as typed and escaped on output), bounded.
 */
export function freeText(max: number) {
  return z
    .string({ message: 'must be text' })
    .trim()
    .max(max, tooLong(max))
    .refine((v) => !MULTI_LINE_FORBIDDEN.test(v) && !UNSTORABLE.test(v), CONTROL_MESSAGE);
}

/** A search box: bounded, one line; matched as text, so markup is harmless here. */
export function searchText(max = 100) {
  return z
    .string({ message: 'must be text' })
    .trim()
    .max(max, tooLong(max))
    .refine((v) => !SINGLE_LINE_FORBIDDEN.test(v) && !UNSTORABLE.test(v), SINGLE_LINE_MESSAGE);
}

export const MAX_EMAIL = 254;

/** An email address, lower-cased (one customer per address whatever its case), RFC 5321's 254 at most. */
export function emailAddress() {
  return z
    .string({ message: 'must be an email address' })
    .trim()
    .max(MAX_EMAIL, tooLong(MAX_EMAIL))
    .pipe(z.email('must be an email address such as name@example.com'))
    .transform((v) => v.toLowerCase());
}

export function phoneNumber() {
  return z
    .string({ message: 'must be a phone number' })
    .trim()
    .max(40, tooLong(40))
    .refine(isPhoneNumber, PHONE_MESSAGE);
}
