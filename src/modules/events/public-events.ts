/**
 * The public side: published events that have not ended, in the asked language (the
 * organization's own texts otherwise), with what is left. No personal data: these answers are
 * cacheable by anyone (the route sets Cache-Control public with a short max-age).
 */
import type { z } from 'zod';
import { and, asc, count, eq, gt, inArray } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import type { ContentLocale } from '@/db/enums';
import { events, resources } from '@/db/schema';
import { iso } from '@/lib/dto';
import { notFound } from '@/lib/errors';
import { pageOffset, toPage } from '@/lib/pagination';
import { type Ctx, type Tenant, tenantTx } from '@/modules/kernel';
import { findTenantBySlug } from '@/modules/organizations';
import { type EventRow, poolsOf, remainingOf, salesState, ticketTypeRows } from './queries';
import type { PublicEventDetailDto, PublicEventDto, publicEventQuery, publicEventsQuery } from './schemas';

const baseLocaleOf = (locale: string): ContentLocale => (locale.toLowerCase().startsWith('es') ? 'es' : 'en');

async function publicTenant(ctx: Ctx, slug: string): Promise<Tenant> {
  const tenant = await findTenantBySlug(ctx.db, slug);
  if (!tenant) throw notFound('Organization');
  return tenant;
}

async function present(ctx: Ctx, tx: Tx, tenant: Tenant, rows: EventRow[], lang: ContentLocale) {
  const base = baseLocaleOf(tenant.locale);
  const types = await ticketTypeRows(tx, tenant.id, rows.map((r) => r.productId));
  const pools = await poolsOf(tx, tenant.id, rows.map((r) => r.capacityStockItemId));
  const venueIds = rows.map((r) => r.resourceId).filter((v): v is string => !!v);
  const venues = venueIds.length ? await tx.select({ id: resources.id, name: resources.name }).from(resources).where(and(eq(resources.organizationId, tenant.id), inArray(resources.id, venueIds))) : [];
  return rows.map((e) => {
    const pool = pools.get(e.capacityStockItemId)!;
    const tr = lang === base ? undefined : e.translations[lang];
    const active = types.filter((t) => t.variant.productId === e.productId && t.variant.active);
    const ticketTypes = active.map((t) => {
      const remaining = remainingOf(t.stock, pool);
      return {
        variantId: t.variant.id,
        name: (lang === base ? undefined : t.variant.translations[lang]?.title) || t.variant.title,
        priceMinor: t.variant.priceMinor,
        currency: tenant.currency,
        remaining,
        soldOut: remaining === 0,
      };
    });
    const remaining = Math.min(Math.max(0, pool.onHand - pool.reserved), ticketTypes.reduce((s, t) => s + t.remaining, 0));
    const state = salesState(e, ctx.now);
    const dto: PublicEventDto = {
      slug: e.slug,
      title: tr?.title || e.title,
      description: tr?.description || e.description,
      ageNotes: tr?.ageNotes || e.ageNotes,
      images: e.images,
      startsAt: iso(e.startsAt),
      endsAt: iso(e.endsAt),
      timezone: e.timezone,
      venue: venues.find((v) => v.id === e.resourceId)?.name ?? null,
      capacity: e.capacity,
      salesStartAt: iso(e.salesStartAt),
      salesEndAt: iso(e.salesEndAt),
      sales: state === 'draft' ? 'closed' : state,
      fromPriceMinor: ticketTypes.length ? Math.min(...ticketTypes.map((t) => t.priceMinor)) : null,
      currency: tenant.currency,
      remaining,
      soldOut: remaining === 0,
    };
    return { dto, ticketTypes };
  });
}

export async function listPublicEvents(ctx: Ctx, slug: string, q: z.output<typeof publicEventsQuery>) {
  const tenant = await publicTenant(ctx, slug);
  const lang = q.locale ?? ctx.request.locale ?? baseLocaleOf(tenant.locale);
  return tenantTx(
    { ...ctx, tenant },
    async (tx) => {
      const where = and(eq(events.organizationId, tenant.id), eq(events.status, 'published'), gt(events.endsAt, ctx.now));
      const { limit, offset } = pageOffset(q);
      const rows = await tx.select().from(events).where(where).orderBy(asc(events.startsAt), asc(events.id)).limit(limit).offset(offset);
      const [total] = await tx.select({ n: count() }).from(events).where(where);
      const shown = await present(ctx, tx, tenant, rows, lang);
      return { ...toPage(shown.map((s) => s.dto), total?.n ?? 0, q), locale: lang };
    },
    tenant.id,
  );
}

export async function getPublicEvent(ctx: Ctx, slug: string, eventSlug: string, q: z.output<typeof publicEventQuery>): Promise<PublicEventDetailDto> {
  const tenant = await publicTenant(ctx, slug);
  const lang = q.locale ?? ctx.request.locale ?? baseLocaleOf(tenant.locale);
  return tenantTx(
    { ...ctx, tenant },
    async (tx) => {
      const [row] = await tx.select().from(events).where(and(eq(events.organizationId, tenant.id), eq(events.slug, eventSlug.toLowerCase()), inArray(events.status, ['published', 'cancelled'])));
      if (!row) throw notFound('Event');
      const [shown] = await present(ctx, tx, tenant, [row], lang);
      return { ...shown!.dto, locale: lang, ticketTypes: shown!.ticketTypes };
    },
    tenant.id,
  );
}

/**
 * What a public live seats stream follows (modules/realtime): the organization, and one event if
 * asked (published or cancelled, as its public page; otherwise 404, like the page).
 */
export async function publicEventScope(ctx: Ctx, slug: string, eventSlug?: string): Promise<{ organizationId: string; eventId: string | null }> {
  const tenant = await publicTenant(ctx, slug);
  if (!eventSlug) return { organizationId: tenant.id, eventId: null };
  return tenantTx(
    { ...ctx, tenant },
    async (tx) => {
      const [row] = await tx
        .select({ id: events.id })
        .from(events)
        .where(and(eq(events.organizationId, tenant.id), eq(events.slug, eventSlug.toLowerCase()), inArray(events.status, ['published', 'cancelled'])));
      if (!row) throw notFound('Event');
      return { organizationId: tenant.id, eventId: row.id };
    },
    tenant.id,
  );
}
