/** Shared reads and writes of the catalog module, and the scheduling read model for bookings. */
import { and, asc, eq, gt, gte, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Executor, Tx } from '@/db/client';
import { blackouts, dateOverrides, organizations, resources, serviceResources, services, workingHours } from '@/db/schema';
import { notFound, validationError } from '@/lib/errors';
import type { Ctx } from '@/modules/kernel';
import { organizationSchemas } from '@/modules/organizations';
import { addDays, fromDbTime, groupWeekly, type WeeklyHours } from './time-ranges';

export type ServiceRow = typeof services.$inferSelect;
export type ResourceRow = typeof resources.$inferSelect;
export type DateOverrideRow = typeof dateOverrides.$inferSelect;
export type BlackoutRow = typeof blackouts.$inferSelect;

// ─── Organizations (public lookups) ────────────────────────────────────────────────────────

export interface PublicOrganization {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  currency: string;
}

/**
 * The organization behind a public URL. organizations is readable by anyone (its RLS read
 * policy is `true`), so this is one plain select; the catalog reads then run in tenantTx.
 */
export async function findPublicOrganization(ctx: Ctx, slug: string): Promise<PublicOrganization> {
  const parsed = organizationSchemas.slugSchema.safeParse(slug);
  if (!parsed.success) throw notFound('Organization');
  const [org] = await ctx.db
    .select({ id: organizations.id, slug: organizations.slug, name: organizations.name, timezone: organizations.timezone, currency: organizations.currency })
    .from(organizations)
    .where(eq(organizations.slug, parsed.data))
    .limit(1);
  if (!org) throw notFound('Organization');
  return org;
}

/**
 * Serialises changes to the organization's business hours (delete + insert would otherwise
 * interleave). NO KEY UPDATE, like every row lock in this module: it does not block the
 * KEY SHARE locks that foreign-key checks take, so bookings and audit rows keep flowing.
 */
export async function lockOrganizationRow(tx: Tx, organizationId: string): Promise<void> {
  await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId)).for('no key update');
}

// ─── Services and their resources ──────────────────────────────────────────────────────────

/**
 * The resources named by `ids`, locked FOR SHARE so a concurrent update cannot drop the
 * property a rule just checked (multiDay). Unknown ids, including another organization's,
 * are a 400 naming the position: they are never linked.
 */
export async function loadResourcesForLink(tx: Tx, organizationId: string, ids: readonly string[], path = 'resourceIds') {
  if (ids.length === 0) return [];
  const rows = await tx
    .select({ id: resources.id, name: resources.name, multiDay: resources.multiDay, active: resources.active })
    .from(resources)
    .where(and(eq(resources.organizationId, organizationId), inArray(resources.id, [...ids])))
    .for('share');
  const byId = new Map(rows.map((r) => [r.id, r]));
  const fields = ids.flatMap((id, i) => (byId.has(id) ? [] : [{ path: `${path}.${i}`, message: `no resource ${id} in this organization` }]));
  if (fields.length > 0) throw validationError(`Invalid service: ${fields[0]!.path} ${fields[0]!.message}`, { fields });
  return ids.map((id) => byId.get(id)!);
}

export async function replaceServiceResources(tx: Tx, organizationId: string, serviceId: string, resourceIds: readonly string[]): Promise<void> {
  await tx.delete(serviceResources).where(and(eq(serviceResources.organizationId, organizationId), eq(serviceResources.serviceId, serviceId)));
  if (resourceIds.length > 0) {
    await tx.insert(serviceResources).values(resourceIds.map((resourceId) => ({ organizationId, serviceId, resourceId })));
  }
}

/** service id → its resource ids (ordered by the resources' sort order, then name). */
export async function resourceIdsByService(tx: Executor, organizationId: string, serviceIds: readonly string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>(serviceIds.map((id) => [id, []]));
  if (serviceIds.length === 0) return map;
  const rows = await tx
    .select({ serviceId: serviceResources.serviceId, resourceId: serviceResources.resourceId })
    .from(serviceResources)
    .innerJoin(resources, and(eq(resources.organizationId, serviceResources.organizationId), eq(resources.id, serviceResources.resourceId)))
    .where(and(eq(serviceResources.organizationId, organizationId), inArray(serviceResources.serviceId, [...serviceIds])))
    .orderBy(asc(resources.sortOrder), asc(resources.name), asc(resources.id));
  for (const row of rows) map.get(row.serviceId)?.push(row.resourceId);
  return map;
}

/** Staff view of a service: the row plus the ids of the resources that can perform it. */
export async function serviceWithResources(tx: Executor, organizationId: string, service: ServiceRow) {
  const ids = await resourceIdsByService(tx, organizationId, [service.id]);
  return { ...service, resourceIds: ids.get(service.id) ?? [] };
}

/** Primary services first, then the owner's order, then name: the order of a menu. */
export const serviceMenuOrder = [asc(sql`case when ${services.category} = 'primary' then 0 else 1 end`), asc(services.sortOrder), asc(services.name), asc(services.id)];

// ─── Public shapes (no person's contact data, no internal fields) ─────────────────────────

export interface PublicResource {
  id: string;
  name: string;
  kind: ResourceRow['kind'];
  section: string | null;
  description: string;
  photos: string[];
}

export const toPublicResource = (r: ResourceRow): PublicResource => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  section: r.section,
  description: r.description,
  photos: r.photos,
});

export function toPublicService(s: ServiceRow, eligible: PublicResource[]) {
  return {
    id: s.id,
    slug: s.slug,
    name: s.name,
    category: s.category,
    title: s.title,
    description: s.description,
    features: s.features,
    benefits: s.benefits,
    processSteps: s.processSteps,
    bookingMode: s.bookingMode,
    durationMinutes: s.durationMinutes,
    minNoticeMinutes: s.minNoticeMinutes,
    maxAdvanceDays: s.maxAdvanceDays,
    cancellationNoticeMinutes: s.cancellationNoticeMinutes,
    priceMinor: s.priceMinor,
    currency: s.currency,
    priceFrom: s.priceFrom,
    capacity: s.capacity,
    requiresConfirmation: s.requiresConfirmation,
    customFields: s.customFields,
    resources: eligible,
  };
}
export type PublicService = ReturnType<typeof toPublicService>;

/** Active resources able to perform each of `serviceIds`, in public shape (one query). */
export async function publicResourcesByService(tx: Tx, organizationId: string, serviceIds: readonly string[]): Promise<Map<string, PublicResource[]>> {
  const map = new Map<string, PublicResource[]>(serviceIds.map((id) => [id, []]));
  if (serviceIds.length === 0) return map;
  const rows = await tx
    .select({ serviceId: serviceResources.serviceId, resource: resources })
    .from(serviceResources)
    .innerJoin(resources, and(eq(resources.organizationId, serviceResources.organizationId), eq(resources.id, serviceResources.resourceId)))
    .where(and(eq(serviceResources.organizationId, organizationId), inArray(serviceResources.serviceId, [...serviceIds]), eq(resources.active, true)))
    .orderBy(asc(resources.sortOrder), asc(resources.name), asc(resources.id));
  for (const row of rows) map.get(row.serviceId)?.push(toPublicResource(row.resource));
  return map;
}

// ─── Weekly hours ───────────────────────────────────────────────────────────────────────────

/** The organization's business hours (rows with resource_id null), all seven days. */
export async function loadBusinessHours(tx: Executor, organizationId: string): Promise<WeeklyHours[]> {
  const rows = await tx
    .select({ weekday: workingHours.weekday, startTime: workingHours.startTime, endTime: workingHours.endTime })
    .from(workingHours)
    .where(and(eq(workingHours.organizationId, organizationId), isNull(workingHours.resourceId)));
  return groupWeekly(rows);
}

/**
 * A resource's weekly hours as the availability engine reads them: its own rows if it has
 * any, else the organization's business hours (`inheritsBusinessHours`). One query.
 */
export async function loadResourceHours(tx: Executor, organizationId: string, resourceId: string) {
  const rows = await tx
    .select({ resourceId: workingHours.resourceId, weekday: workingHours.weekday, startTime: workingHours.startTime, endTime: workingHours.endTime })
    .from(workingHours)
    .where(and(eq(workingHours.organizationId, organizationId), or(isNull(workingHours.resourceId), eq(workingHours.resourceId, resourceId))));
  const own = rows.filter((r) => r.resourceId === resourceId);
  return { inheritsBusinessHours: own.length === 0, weekly: groupWeekly(own.length > 0 ? own : rows.filter((r) => r.resourceId === null)) };
}

// ─── Scheduling read model (for the bookings module) ───────────────────────────────────────

export interface SchedulingWindow {
  from: Date;
  to: Date;
}

export interface SchedulingResource {
  resource: ResourceRow;
  /** IANA zone the weekly hours and overrides are read in: the resource's, else the organization's. */
  timezone: string;
  /** True when the resource has no weekly rows of its own and uses the business hours. */
  inheritsBusinessHours: boolean;
  /** Effective weekly hours, all seven ISO weekdays (closed days have no ranges). "HH:MM", end may be "24:00". */
  weekly: WeeklyHours[];
  /** One entry per date: a resource-specific override replaces an org-wide one for the same date. [] = closed. */
  overrides: { date: string; ranges: { start: string; end: string }[] }[];
  /** The resource's own blackouts and the organization-wide ones, by start. */
  blackouts: { startsAt: Date; endsAt: Date }[];
}

export interface SchedulingData {
  service: ServiceRow;
  /** The organization's IANA zone (a resource's own zone, if set, wins: see `timezone`). */
  organizationTimezone: string;
  resources: SchedulingResource[];
}

/**
 * Everything the availability engine needs for one service: the service row (active or not:
 * the caller decides, e.g. to reschedule a booking of an archived service) and its active
 * eligible resources (narrowed to `resourceId` when given), each with effective weekly hours
 * (own rows, else the business hours), date overrides and blackouts.
 *
 * Constant cost: 5 queries whatever the number of resources or days (3 when no resource is
 * eligible). With `window`, overrides are those whose date is within [from − 1 day, to + 1 day]
 * in calendar terms (covers any zone's offset) and blackouts those overlapping [from, to);
 * without it, everything from yesterday (database clock) onward.
 *
 * Returns null when the service does not exist in this organization.
 */
export async function loadSchedulingData(
  tx: Executor,
  organizationId: string,
  options: { serviceId: string; resourceId?: string; window?: SchedulingWindow },
): Promise<SchedulingData | null> {
  const [found] = await tx
    .select({ service: services, timezone: organizations.timezone })
    .from(services)
    .innerJoin(organizations, eq(organizations.id, services.organizationId))
    .where(and(eq(services.organizationId, organizationId), eq(services.id, options.serviceId)));
  if (!found) return null;

  const eligible = await tx
    .select({ resource: resources })
    .from(serviceResources)
    .innerJoin(resources, and(eq(resources.organizationId, serviceResources.organizationId), eq(resources.id, serviceResources.resourceId)))
    .where(
      and(
        eq(serviceResources.organizationId, organizationId),
        eq(serviceResources.serviceId, options.serviceId),
        eq(resources.active, true),
        options.resourceId ? eq(resources.id, options.resourceId) : undefined,
      ),
    )
    .orderBy(asc(resources.sortOrder), asc(resources.name), asc(resources.id));
  const base = { service: found.service, organizationTimezone: found.timezone };
  if (eligible.length === 0) return { ...base, resources: [] };

  const ids = eligible.map((e) => e.resource.id);
  const scope = (column: typeof workingHours.resourceId | typeof dateOverrides.resourceId | typeof blackouts.resourceId) =>
    or(isNull(column), inArray(column, ids));
  const window = options.window;
  const fromDate = window ? addDays(window.from.toISOString().slice(0, 10), -1) : null;
  const toDate = window ? addDays(window.to.toISOString().slice(0, 10), 1) : null;

  // Sequential on purpose: one transaction is one connection, so parallel queries would only queue.
  const hourRows = await tx
    .select({ resourceId: workingHours.resourceId, weekday: workingHours.weekday, startTime: workingHours.startTime, endTime: workingHours.endTime })
    .from(workingHours)
    .where(and(eq(workingHours.organizationId, organizationId), scope(workingHours.resourceId)));
  const overrideRows = await tx
    .select({ resourceId: dateOverrides.resourceId, date: dateOverrides.date, ranges: dateOverrides.ranges })
    .from(dateOverrides)
    .where(
      and(
        eq(dateOverrides.organizationId, organizationId),
        scope(dateOverrides.resourceId),
        fromDate ? gte(dateOverrides.date, fromDate) : gte(dateOverrides.date, sql`current_date - 1`),
        toDate ? lte(dateOverrides.date, toDate) : undefined,
      ),
    )
    .orderBy(asc(dateOverrides.date));
  const blackoutRows = await tx
    .select({ resourceId: blackouts.resourceId, startsAt: blackouts.startsAt, endsAt: blackouts.endsAt })
    .from(blackouts)
    .where(
      and(
        eq(blackouts.organizationId, organizationId),
        scope(blackouts.resourceId),
        window ? gt(blackouts.endsAt, window.from) : gt(blackouts.endsAt, sql`now() - interval '1 day'`),
        window ? lt(blackouts.startsAt, window.to) : undefined,
      ),
    )
    .orderBy(asc(blackouts.startsAt));

  const businessRows = hourRows.filter((r) => r.resourceId === null);
  const orgOverrides = overrideRows.filter((o) => o.resourceId === null);
  const orgBlackouts = blackoutRows.filter((b) => b.resourceId === null);
  return {
    ...base,
    resources: eligible.map(({ resource }) => {
      const own = hourRows.filter((r) => r.resourceId === resource.id);
      const specific = overrideRows.filter((o) => o.resourceId === resource.id);
      const specificDates = new Set(specific.map((o) => o.date));
      const overrides = [...specific, ...orgOverrides.filter((o) => !specificDates.has(o.date))]
        .map((o) => ({ date: o.date, ranges: o.ranges.map((r) => ({ start: fromDbTime(r.start), end: fromDbTime(r.end) })) }))
        .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
      return {
        resource,
        timezone: resource.timezone ?? found.timezone,
        inheritsBusinessHours: own.length === 0,
        weekly: groupWeekly(own.length > 0 ? own : businessRows),
        overrides,
        blackouts: [...blackoutRows.filter((b) => b.resourceId === resource.id), ...orgBlackouts]
          .map((b) => ({ startsAt: b.startsAt, endsAt: b.endsAt }))
          .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()),
      };
    }),
  };
}
