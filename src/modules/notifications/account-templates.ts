/**
 * Account emails: a password-reset link and an address-verification link, each with a
 * plain-text and an HTML part, in English or Spanish (messages/account.{en,es}.json, the
 * `accountEmails` namespace). They come from Bookline itself, not from an organization.
 */
// The catalogues sit with the app's other messages (outside src, so no @/ alias reaches them).
// eslint-disable-next-line no-restricted-imports
import en from '../../../messages/account.en.json';
// eslint-disable-next-line no-restricted-imports
import es from '../../../messages/account.es.json';
import { fill, type MailLocale, type RenderedMail, renderLayout } from './templates';

const catalogs = { en: en.accountEmails, es: es.accountEmails } as const;

export type AccountMailKind = 'passwordReset' | 'verifyEmail';

export function accountMail(kind: AccountMailKind, locale: MailLocale, p: { name: string; email: string; url: string; expiresInMinutes: number }): RenderedMail {
  const c = catalogs[locale];
  const s = c[kind];
  const values = { name: p.name, email: p.email, minutes: String(p.expiresInMinutes) };
  return renderLayout(s.subject, {
    heading: s.heading,
    greeting: fill(s.greeting, values),
    paragraphs: [fill(s.body, values), fill(s.expires, values), s.ignore],
    facts: [],
    action: { label: s.button, url: p.url },
    footer: [c.automated],
  });
}
