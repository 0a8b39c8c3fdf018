/** Reading entries: by link, their place in line, and the public view of one entry. */
import { and, asc, count, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Executor, Tx } from '@/db/client';
import { eventWaitlistEntries, events, orders, productVariants } from '@/db/schema';
import { iso } from '@/lib/dto';
import { notFound } from '@/lib/errors';
import type { Tenant } from '@/modules/kernel';
import { openStatusToken, statusUrl } from '@/modules/orders';
import { entryTokenHash } from './links';
import type { PublicEventWaitlistEntryDto } from './schemas';

export type EntryRow = typeof eventWaitlistEntries.$inferSelect;
export const LIVE = ['waiting', 'offered'] as const;

/** The entry a link opens (404 for an unknown link or another organization's), optionally row-locked. */
export async function entryByToken(tx: Tx, orgId: string, token: string, lock = false): Promise<EntryRow> {
  const q = tx.select().from(eventWaitlistEntries).where(and(eq(eventWaitlistEntries.organizationId, orgId), eq(eventWaitlistEntries.tokenHash, entryTokenHash(token))));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound('Waitlist entry');
  return row;
}

/** Place among the event's live entries (oldest first), or null once the entry is closed. */
export async function positionOf(db: Executor, e: EntryRow): Promise<number | null> {
  if (!(LIVE as readonly string[]).includes(e.status)) return null;
  const [ahead] = await db
    .select({ n: count() })
    .from(eventWaitlistEntries)
    .where(
      and(
        eq(eventWaitlistEntries.organizationId, e.organizationId),
        eq(eventWaitlistEntries.eventId, e.eventId),
        inArray(eventWaitlistEntries.status, [...LIVE]),
        or(lt(eventWaitlistEntries.createdAt, e.createdAt), and(eq(eventWaitlistEntries.createdAt, e.createdAt), lt(eventWaitlistEntries.id, e.id))),
      ),
    );
  return (ahead?.n ?? 0) + 1;
}

const baseLocale = (l: string) => (l.toLowerCase().startsWith('es') ? 'es' : 'en');

export async function presentPublicEntry(db: Executor, tenant: Tenant, e: EntryRow): Promise<PublicEventWaitlistEntryDto> {
  const [ev] = await db.select().from(events).where(and(eq(events.organizationId, e.organizationId), eq(events.id, e.eventId)));
  const [variant] = await db.select().from(productVariants).where(and(eq(productVariants.organizationId, e.organizationId), eq(productVariants.id, e.variantId)));
  const translate = e.locale !== baseLocale(tenant.locale);
  const order = e.orderId && (e.status === 'offered' || e.status === 'purchased') ? (await db.select().from(orders).where(and(eq(orders.organizationId, e.organizationId), eq(orders.id, e.orderId))))[0] : undefined;
  const orderToken = order ? (openStatusToken(order.statusTokenSealed, order.id) ?? '') : '';
  return {
    status: e.status,
    position: await positionOf(db, e),
    name: e.name,
    quantity: e.quantity,
    ticketType: {
      id: e.variantId,
      name: (translate ? variant?.translations[e.locale]?.title : undefined) || (variant?.title ?? ''),
      priceMinor: variant?.priceMinor ?? 0,
      currency: tenant.currency,
    },
    event: {
      slug: ev!.slug,
      title: (translate ? ev!.translations[e.locale]?.title : undefined) || ev!.title,
      startsAt: iso(ev!.startsAt),
      endsAt: iso(ev!.endsAt),
      timezone: ev!.timezone,
    },
    offer: order
      ? {
          orderNumber: order.number,
          totalMinor: order.totalMinor,
          currency: order.currency,
          expiresAt: iso(order.status === 'pending_payment' ? order.holdExpiresAt : null),
          orderStatusUrl: statusUrl(tenant.slug, orderToken),
          payOnline: order.paymentProvider !== 'manual',
        }
      : null,
    locale: e.locale,
    createdAt: iso(e.createdAt),
  };
}

/** Live entries of an event's ticket types, oldest first: the queue the offer walks. */
export async function waitingEntries(tx: Tx, orgId: string, eventId: string): Promise<EntryRow[]> {
  return tx
    .select()
    .from(eventWaitlistEntries)
    .where(and(eq(eventWaitlistEntries.organizationId, orgId), eq(eventWaitlistEntries.eventId, eventId), eq(eventWaitlistEntries.status, 'waiting')))
    .orderBy(asc(eventWaitlistEntries.createdAt), asc(eventWaitlistEntries.id));
}

export const liveCount = sql<number>`count(*) filter (where ${eventWaitlistEntries.status} in ('waiting', 'offered'))::int`;
