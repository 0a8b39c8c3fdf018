/**
 * The event waitlist's emails (modules/event-waitlist), in the language the visitor joined in
 * (messages/event-waitlist.{en,es}.json, `eventWaitlist.emails`): "you are on the waitlist" and
 * "tickets are held for you until …". The entry's link is rebuilt from its sealed token at
 * delivery; the message carries ids only.
 */
import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { eventWaitlistEntries, events, orders, organizations, productVariants } from '@/db/schema';
import { entryUrl, openEntryToken } from '@/modules/event-waitlist';
import type { OutboxHandler, OutboxSend } from '@/modules/kernel';
// eslint-disable-next-line no-restricted-imports
import en from '../../../messages/event-waitlist.en.json';
// eslint-disable-next-line no-restricted-imports
import es from '../../../messages/event-waitlist.es.json';
import type { Mailer } from './mailer';
import { fill, formatShortDate, formatWhen, mailLocale, renderLayout } from './templates';

const catalogs = { en: en.eventWaitlist.emails, es: es.eventWaitlist.emails } as const;
const money = (minor: number, currency: string, locale: string) => new Intl.NumberFormat(locale, { style: 'currency', currency }).format(minor / 100);

async function waitlistMail(tx: Tx, mailer: Mailer, m: Parameters<OutboxHandler>[0], kind: 'joined' | 'offered'): Promise<OutboxSend | undefined> {
  const [row] = await tx
    .select({ entry: eventWaitlistEntries, event: events, org: organizations, type: productVariants })
    .from(eventWaitlistEntries)
    .innerJoin(events, and(eq(events.organizationId, eventWaitlistEntries.organizationId), eq(events.id, eventWaitlistEntries.eventId)))
    .innerJoin(productVariants, and(eq(productVariants.organizationId, eventWaitlistEntries.organizationId), eq(productVariants.id, eventWaitlistEntries.variantId)))
    .innerJoin(organizations, eq(organizations.id, eventWaitlistEntries.organizationId))
    .where(and(eq(eventWaitlistEntries.organizationId, m.organizationId), eq(eventWaitlistEntries.id, String(m.payload.entryId))));
  if (!row) return undefined;
  const { entry, event, org, type } = row;
  const locale = mailLocale(entry.locale, org.locale);
  const c = catalogs[locale];
  const translate = locale !== mailLocale(org.locale);
  const eventTitle = (translate ? event.translations[locale]?.title : undefined) || event.title;
  const typeName = (translate ? type.translations[locale]?.title : undefined) || type.title;
  const token = openEntryToken(entry.tokenSealed, entry.id);
  const facts: [string, string][] = [[c.when, formatWhen(event.startsAt, event.endsAt, event.timezone, locale)]];
  let until = '';
  if (kind === 'offered') {
    const expires = String(m.payload.offerExpiresAt ?? '');
    until = expires ? formatShortDate(expires, event.timezone, locale) : '';
    const [order] = entry.orderId ? await tx.select().from(orders).where(and(eq(orders.organizationId, entry.organizationId), eq(orders.id, entry.orderId))) : [];
    if (until) facts.push([c.offered.until, until]);
    if (order) facts.push([c.offered.total, money(order.totalMinor, order.currency, locale)]);
  }
  const values = { event: eventTitle, type: typeName, quantity: String(entry.quantity), until, org: org.name };
  const section = c[kind];
  const rendered = renderLayout(fill(section.subject, values), {
    heading: section.heading,
    paragraphs: [fill(section.body, values)],
    facts: [[`${entry.quantity} ×`, typeName], ...facts],
    action: token ? { label: c.link, url: entryUrl(org.slug, token) } : undefined,
    footer: [fill(c.footer, values)],
  });
  return async () => {
    await mailer.send({ organizationId: m.organizationId, outboxId: m.id, topic: m.topic, to: entry.email, toName: entry.name, ...rendered, catchOnly: org.isDemo });
  };
}

export function createEventWaitlistEmailHandlers(mailer: Mailer): Record<string, OutboxHandler> {
  return {
    'event_waitlist.joined': (m, tx) => waitlistMail(tx, mailer, m, 'joined'),
    'event_waitlist.offered': (m, tx) => waitlistMail(tx, mailer, m, 'offered'),
  };
}
