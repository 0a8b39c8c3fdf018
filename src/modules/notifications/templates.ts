/**
 * The emails' words and layout: each message has a plain-text part and an HTML part, in English
 * or Spanish (messages/notifications.{en,es}.json, the `emails` namespace). Pure functions:
 * what a message says is decided here from plain data; reading that data and sending are the
 * handlers' (email-handlers.ts). Every value put into HTML is escaped.
 */
// The catalogues sit with the app's other messages (outside src, so no @/ alias reaches them).
// eslint-disable-next-line no-restricted-imports
import en from '../../../messages/notifications.en.json';
// eslint-disable-next-line no-restricted-imports
import es from '../../../messages/notifications.es.json';
// eslint-disable-next-line no-restricted-imports
import waitlistEn from '../../../messages/waitlist.en.json';
// eslint-disable-next-line no-restricted-imports
import waitlistEs from '../../../messages/waitlist.es.json';

export type MailLocale = 'en' | 'es';
const catalogs = { en: en.emails, es: es.emails } as const;
type Catalog = typeof en.emails;

export function mailLocale(...candidates: (string | null | undefined)[]): MailLocale {
  for (const c of candidates) {
    const base = c?.slice(0, 2).toLowerCase();
    if (base === 'en' || base === 'es') return base;
  }
  return 'en';
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export interface OrgFacts {
  name: string;
  timezone: string;
  contact: { email?: string; phone?: string; website?: string; address?: Record<string, string | undefined> };
}

export interface BookingFacts {
  start: string | Date;
  end: string | Date;
  serviceName: string;
  resourceName?: string | null;
  guestName: string;
  guestEmail: string;
  reason?: string | null;
}

export type GuestMailKind = 'received' | 'confirmed' | 'rejected' | 'cancelled' | 'rescheduled' | 'rescheduledPending' | 'reminder';

export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** "Tuesday, March 10, 2026, 9:00 AM – 1:00 PM CDT", in the business's zone. */
export function formatWhen(start: string | Date, end: string | Date, timezone: string, locale: MailLocale): string {
  const s = new Date(start);
  const e = new Date(end);
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: timezone }).format(s);
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: timezone });
  const zone = new Intl.DateTimeFormat(locale, { timeZoneName: 'short', timeZone: timezone }).formatToParts(s).find((p) => p.type === 'timeZoneName')?.value ?? timezone;
  const sameDay = new Intl.DateTimeFormat('en-CA', { dateStyle: 'short', timeZone: timezone });
  const endText = sameDay.format(s) === sameDay.format(e) ? time.format(e) : `${new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: timezone }).format(e)} ${time.format(e)}`;
  return `${day}, ${time.format(s)} – ${endText} ${zone}`;
}

/** "Mar 10, 2026" for subject lines. */
export function formatShortDate(start: string | Date, timezone: string, locale: MailLocale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: timezone }).format(new Date(start));
}

export function contactText(contact: OrgFacts['contact']): string {
  const a = contact.address ?? {};
  const address = [a.line1, a.line2, [a.postalCode, a.city].filter(Boolean).join(' '), a.region, a.country].filter(Boolean).join(', ');
  return [contact.phone, contact.email, contact.website, address].filter(Boolean).join(' · ');
}

export interface Layout {
  heading: string;
  greeting?: string;
  paragraphs: string[];
  facts: [string, string][];
  action?: { label: string; url: string };
  footer: string[];
}

export function renderLayout(subject: string, l: Layout): RenderedMail {
  const text = [
    l.greeting,
    l.greeting ? '' : undefined,
    ...l.paragraphs.flatMap((p) => [p, '']),
    ...l.facts.map(([k, v]) => `${k}: ${v}`),
    l.facts.length ? '' : undefined,
    l.action ? `${l.action.label}: ${l.action.url}` : undefined,
    l.action ? '' : undefined,
    ...l.footer,
  ]
    .filter((line): line is string => line !== undefined)
    .join('\n');
  const p = (s: string) => `<p style="margin:0 0 16px">${escapeHtml(s)}</p>`;
  const html = `<!doctype html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:24px;background:#f8fafc;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#0f172a;line-height:1.5">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #e2e8f0;border-radius:8px;padding:24px">
<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(l.heading)}</h1>
${l.greeting ? p(l.greeting) : ''}${l.paragraphs.map(p).join('')}
${l.facts.length ? `<table role="presentation" style="border-collapse:collapse;margin:0 0 16px">${l.facts.map(([k, v]) => `<tr><th scope="row" style="text-align:left;padding:4px 12px 4px 0;vertical-align:top;color:#475569;font-weight:600">${escapeHtml(k)}</th><td style="padding:4px 0">${escapeHtml(v)}</td></tr>`).join('')}</table>` : ''}
${l.action ? `<p style="margin:0 0 16px"><a href="${escapeHtml(l.action.url)}" style="display:inline-block;background:#1d4ed8;color:#ffffff;text-decoration:none;padding:10px 16px;border-radius:6px">${escapeHtml(l.action.label)}</a></p><p style="margin:0 0 16px;font-size:13px;color:#475569;word-break:break-all">${escapeHtml(l.action.url)}</p>` : ''}
<hr style="border:none;border-top:1px solid #e2e8f0;margin:16px 0">
${l.footer.map((f) => `<p style="margin:0 0 8px;font-size:13px;color:#475569">${escapeHtml(f)}</p>`).join('')}
</div></body></html>
`;
  return { subject, text, html };
}

function footerFor(c: Catalog, org: OrgFacts): string[] {
  const contact = contactText(org.contact);
  return [...(contact ? [fill(c.contactLine, { org: org.name, contact })] : []), fill(c.automated, { org: org.name })];
}

/** An email to the guest about their booking. */
export function guestBookingMail(kind: GuestMailKind, locale: MailLocale, org: OrgFacts, b: BookingFacts, manageUrl: string | null): RenderedMail {
  const c = catalogs[locale];
  const section = kind === 'rescheduledPending' ? c.rescheduled : c[kind];
  const values = { org: org.name, service: b.serviceName, date: formatShortDate(b.start, org.timezone, locale) };
  const body = kind === 'rescheduledPending' ? c.rescheduled.pendingBody : section.body;
  const facts: [string, string][] = [
    [c.what, b.serviceName + (b.resourceName ? ` · ${b.resourceName}` : '')],
    [c.when, formatWhen(b.start, b.end, org.timezone, locale)],
  ];
  if (kind === 'cancelled' && b.reason) facts.push([c.reason, b.reason]);
  const withLink = manageUrl && kind !== 'rejected' && kind !== 'cancelled';
  return renderLayout(fill(section.subject, values), {
    heading: section.heading,
    greeting: fill(c.greeting, { name: b.guestName }),
    paragraphs: [fill(body, values), ...(kind !== 'rejected' ? [c.icsNote] : [])],
    facts,
    action: withLink ? { label: c.manageButton, url: manageUrl } : undefined,
    footer: footerFor(c, org),
  });
}

/** An alert to the organization's owners and admins. */
/** What a staff alert tells: a new booking, a request to answer, a move to confirm, a guest's cancellation or move. */
export type StaffMailKind = 'new' | 'newPending' | 'moved' | 'cancelled' | 'rescheduled';

export function staffBookingMail(kind: StaffMailKind, locale: MailLocale, org: OrgFacts, b: BookingFacts, dashboardUrl: string): RenderedMail {
  const c = catalogs[locale];
  const values = { org: org.name, service: b.serviceName, date: formatShortDate(b.start, org.timezone, locale), guest: b.guestName, email: b.guestEmail };
  const texts = {
    new: { subject: c.staffNew.subject, heading: c.staffNew.heading, body: c.staffNew.body },
    newPending: { subject: c.staffNew.subjectPending, heading: c.staffNew.headingPending, body: c.staffNew.bodyPending },
    moved: c.staffMoved,
    cancelled: c.staffCancelled,
    rescheduled: c.staffRescheduled,
  }[kind];
  const { subject, heading, body } = texts;
  return renderLayout(fill(subject, values), {
    heading,
    paragraphs: [fill(body, values)],
    facts: [
      [c.what, b.serviceName + (b.resourceName ? ` · ${b.resourceName}` : '')],
      [c.when, formatWhen(b.start, b.end, org.timezone, locale)],
      [c.who, `${b.guestName} <${b.guestEmail}>`],
    ],
    action: { label: c.staffNew.open, url: dashboardUrl },
    footer: [fill(c.automated, { org: org.name })],
  });
}

/** To the owners: an endpoint failed too often and was disabled (modules/webhooks deliver.ts). */
export function webhookDisabledMail(
  locale: MailLocale,
  org: OrgFacts,
  p: { url: string; failures: number; lastError: string | null; disabledAt: string; webhooksUrl: string },
): RenderedMail {
  const c = catalogs[locale];
  const values = { org: org.name, url: p.url, failures: String(p.failures) };
  const facts: [string, string][] = [[c.webhookDisabled.disabledAt, formatShortDate(p.disabledAt, org.timezone, locale)]];
  if (p.lastError) facts.push([c.webhookDisabled.lastError, p.lastError]);
  return renderLayout(fill(c.webhookDisabled.subject, values), {
    heading: c.webhookDisabled.heading,
    paragraphs: [fill(c.webhookDisabled.body, values)],
    facts,
    action: { label: c.webhookDisabled.open, url: p.webhooksUrl },
    footer: [fill(c.automated, { org: org.name })],
  });
}

export function invitationMail(locale: MailLocale, p: { orgName: string; inviter: string; role: string; acceptUrl: string; expiresAt: string; timezone?: string }): RenderedMail {
  const c = catalogs[locale];
  const role = c.roles[p.role as keyof Catalog['roles']] ?? p.role;
  const values = { org: p.orgName, inviter: p.inviter, role };
  const expires = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: p.timezone ?? 'UTC' }).format(new Date(p.expiresAt));
  return renderLayout(fill(c.invitation.subject, values), {
    heading: fill(c.invitation.heading, values),
    paragraphs: [fill(c.invitation.body, values), fill(c.invitation.expires, { date: expires })],
    facts: [],
    action: { label: c.invitation.accept, url: p.acceptUrl },
    footer: [fill(c.automated, { org: p.orgName })],
  });
}

const waitlistCatalogs = { en: waitlistEn.waitlist.emails, es: waitlistEs.waitlist.emails } as const;

/** To a member on the waitlist: a freed time is held for them until `holdExpiresAt`, or their hold expired. */
export function waitlistMail(kind: 'offered' | 'expired', locale: MailLocale, org: OrgFacts, b: BookingFacts, p: { holdExpiresAt: string | null; portalUrl: string }): RenderedMail {
  const c = catalogs[locale];
  const w = waitlistCatalogs[locale];
  const until = p.holdExpiresAt ? formatShortDate(p.holdExpiresAt, org.timezone, locale) : '';
  const values = { org: org.name, service: b.serviceName, date: formatShortDate(b.start, org.timezone, locale), until };
  const facts: [string, string][] = [
    [c.what, b.serviceName + (b.resourceName ? ` · ${b.resourceName}` : '')],
    [c.when, formatWhen(b.start, b.end, org.timezone, locale)],
  ];
  if (kind === 'offered' && until) facts.push([w.offered.holdUntil, until]);
  const section = w[kind];
  return renderLayout(fill(section.subject, values), {
    heading: section.heading,
    greeting: fill(c.greeting, { name: b.guestName }),
    paragraphs: [fill(section.body, values)],
    facts,
    action: kind === 'offered' ? { label: w.offered.button, url: p.portalUrl } : undefined,
    footer: footerFor(c, org),
  });
}
