/**
 * String inputs, one vocabulary for every schema: every string has a length limit; plain-text
 * fields (names, titles, labels) refuse markup; free text (messages, notes, descriptions) keeps
 * whatever was typed, markup included, and is escaped where it is shown (React text nodes; the
 * web app has no raw HTML sink, see tests/input-limits.test.ts).
 */
import sanitizeHtml from 'sanitize-html';
import { z } from 'zod';
import { isPhoneNumber, PHONE_MESSAGE } from './phone';

export { isPhoneNumber, PHONE_MESSAGE };

export const MARKUP_MESSAGE = 'must not contain HTML markup';
const CONTROL_MESSAGE = 'must not contain control characters';
const SINGLE_LINE_MESSAGE = 'must be a single line without control characters';

// C0 and C1 controls (newline and tab included: plain text is one line) and the bidirectional
// overrides and isolates that can make a name read differently from what it is.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
// Free text keeps tabs and line breaks; NUL and the other controls are never typed text
// (PostgreSQL refuses NUL in a text column outright).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const MULTI_LINE_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

const stripEverything: sanitizeHtml.IOptions = {
  allowedTags: [],
  allowedAttributes: {},
  // Keep entities as typed: only tags, comments and the like may make the output differ.
  parser: { decodeEntities: false },
};

/** How sanitize-html escapes text when entities are not decoded; what plain text turns into. */
function escapeAsSanitizer(s: string): string {
  return s
    .replace(/&(?![a-zA-Z0-9#]{1,20};)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * True when sanitizing the value with no tags allowed changes more than its escaping: a tag,
 * a comment, a doctype or a processing instruction was there. "Tom & Jerry", "O'Brien",
 * "5 < 6" and "I <3 it" are text.
 */
export function hasMarkup(value: string): boolean {
  if (!value.includes('<')) return false;
  return sanitizeHtml(value, stripEverything) !== escapeAsSanitizer(value);
}

const tooLong = (max: number) => `must be at most ${max} characters`;

/**
 * A one-line text where markup is never valid (person, customer, organization, service and
 * resource names, titles, labels, section names): trimmed, bounded, no control characters,
 * no tags.
 */
export function plainText(max: number) {
  return z
    .string({ message: 'must be text' })
    .trim()
    .max(max, tooLong(max))
    .refine((v) => !SINGLE_LINE_FORBIDDEN.test(v), SINGLE_LINE_MESSAGE)
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
    .refine((v) => !MULTI_LINE_FORBIDDEN.test(v), CONTROL_MESSAGE);
}

/** A search box: bounded, one line; matched as text, so markup is harmless here. */
export function searchText(max = 100) {
  return z
    .string({ message: 'must be text' })
    .trim()
    .max(max, tooLong(max))
    .refine((v) => !SINGLE_LINE_FORBIDDEN.test(v), SINGLE_LINE_MESSAGE);
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
