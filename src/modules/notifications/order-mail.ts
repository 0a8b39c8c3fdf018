/**
 * The shop's emails to the buyer: order placed, paid, fulfilled (shipped or ready), cancelled,
 * in the language they checked out in (messages/orders.{en,es}.json, `orders.emails`). The
 * status link is rebuilt from the order's sealed token at delivery; the message carries ids only.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { orderLines, orders, organizations } from '@/db/schema';
import { orderTickets, qrPng } from '@/modules/events';
import type { OutboxHandler, OutboxSend } from '@/modules/kernel';
import { openStatusToken, statusUrl } from '@/modules/orders';
// eslint-disable-next-line no-restricted-imports
import en from '../../../messages/orders.en.json';
// eslint-disable-next-line no-restricted-imports
import es from '../../../messages/orders.es.json';
import type { Mailer } from './mailer';
import { fill, mailLocale, renderLayout } from './templates';

const catalogs = { en: en.orders, es: es.orders } as const;
type Kind = 'placed' | 'paid' | 'fulfilled' | 'cancelled';

const money = (minor: number, currency: string, locale: string) => new Intl.NumberFormat(locale, { style: 'currency', currency }).format(minor / 100);

async function orderMail(tx: Tx, mailer: Mailer, m: Parameters<OutboxHandler>[0], kind: Kind): Promise<OutboxSend | undefined> {
  const [row] = await tx
    .select({ order: orders, org: organizations })
    .from(orders)
    .innerJoin(organizations, eq(organizations.id, orders.organizationId))
    .where(and(eq(orders.organizationId, m.organizationId), eq(orders.id, String(m.payload.orderId))));
  if (!row) return undefined;
  const { order, org } = row;
  const locale = mailLocale(order.locale, org.locale);
  const c = catalogs[locale];
  const lines = await tx.select().from(orderLines).where(and(eq(orderLines.organizationId, order.organizationId), eq(orderLines.orderId, order.id))).orderBy(asc(orderLines.position));
  const token = openStatusToken(order.statusTokenSealed, order.id);
  const url = token ? statusUrl(org.slug, token) : null;
  const values = { number: order.number, org: org.name, name: order.name };
  const paragraphs = [fill(c.emails[kind].intro, values)];
  if (kind === 'placed' && order.paymentProvider === 'manual') paragraphs.push(c.emails.placed.manual);
  if (kind === 'cancelled' && order.cancelReason) paragraphs.push(order.cancelReason);
  // Event tickets (modules/events), issued when the order was paid: each code in the text and a
  // QR code PNG attached per ticket (many mail clients show no inline SVG, and data: URIs in
  // HTML are blocked by most; attachments show everywhere). Later emails do not repeat them.
  const tickets = kind === 'paid' ? ((await orderTickets(tx, order.organizationId, [order.id])).get(order.id) ?? []).filter((t) => t.status === 'valid') : [];
  if (tickets.length > 0) paragraphs.push(c.emails.tickets);
  const ticketFacts = tickets.map((t, i): [string, string] => [fill(c.emails.ticket, { n: String(i + 1), type: t.ticketType, event: t.event.title }), t.code]);
  const attachments = await Promise.all(tickets.map(async (t, i) => ({ filename: `ticket-${i + 1}-${t.code}.png`, content: (await qrPng(t.rawCode)).toString('base64'), contentType: 'image/png', encoding: 'base64' as const })));
  const rendered = renderLayout(fill(c.emails[kind].subject, values), {
    heading: fill(c.emails[kind].subject, values),
    paragraphs,
    facts: [
      ...lines.map((l): [string, string] => [`${l.quantity} × ${l.productTitle} (${l.variantTitle})`, money(l.lineTotalMinor, order.currency, locale)]),
      [c.statuses[order.status], fill(c.emails.total, { total: money(order.totalMinor, order.currency, locale) })],
      ...ticketFacts,
    ],
    action: url ? { label: fill(c.emails.status, { url: '' }).replace(/:\s*$/, ''), url } : undefined,
    footer: [fill(c.emails.footer, values)],
  });
  return async () => {
    await mailer.send({ organizationId: m.organizationId, outboxId: m.id, topic: m.topic, to: order.email, toName: order.name, ...rendered, attachments: attachments.length ? attachments : undefined, catchOnly: org.isDemo });
  };
}

export function createOrderEmailHandlers(mailer: Mailer): Record<string, OutboxHandler> {
  return {
    'order.placed': (m, tx) => orderMail(tx, mailer, m, 'placed'),
    'order.status_changed': async (m, tx) => {
      const to = String(m.payload.to);
      if (to !== 'paid' && to !== 'fulfilled' && to !== 'cancelled') return undefined; // delivered, refunded: no email yet
      return orderMail(tx, mailer, m, to);
    },
  };
}
