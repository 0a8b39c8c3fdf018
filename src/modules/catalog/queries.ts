/** Shared reads and writes of the catalog module, and the scheduling read model for bookings. */
import { and, asc, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor, Tx } from '@/db/client';
import { preparedSelectByShape } from '@/db/prepared-select';
import { blackouts, type dateOverrides, organizations, resources, serviceResources, services, workingHours } from '@/db/schema';
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
  /** The language of its own content (service names, descriptions…): "en", "es-PA". */
  locale: string;
}

/**
 * The organization behind a public URL. organizations is readable by anyone (its RLS read
 * policy is `true`), so this is one plain select; the catalog reads then run in tenantTx.
 */
export async function findPublicOrganization(ctx: Ctx, slug: string): Promise<PublicOrganization> {
  const parsed = organizationSchemas.slugSchema.safeParse(slug);
  if (!parsed.success) throw notFound('Organization');
  const [org] = await ctx.db
    .select({ id: organizations.id, slug: organizations.slug, name: organizations.name, timezone: organizations.timezone, currency: organizations.currency, locale: organizations.locale })
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

/** Primary services first, then the owner's order, then name: the order of a menu. */
export const serviceMenuOrder = [asc(sql`case when ${services.category} = 'primary' then 0 else 1 end`), asc(services.sortOrder), asc(services.name), asc(services.id)];

// ─── Public reads ──────────────────────────────────────────────────────────────────────────

/** Active resources able to perform each of `serviceIds` (one query); present them with `presentPublicResource`. */
export async function publicResourcesByService(tx: Tx, organizationId: string, serviceIds: readonly string[]): Promise<Map<string, ResourceRow[]>> {
  const map = new Map<string, ResourceRow[]>(serviceIds.map((id) => [id, []]));
  if (serviceIds.length === 0) return map;
  const rows = await tx
    .select({ serviceId: serviceResources.serviceId, resource: resources })
    .from(serviceResources)
    .innerJoin(resources, and(eq(resources.organizationId, serviceResources.organizationId), eq(resources.id, serviceResources.resourceId)))
    .where(and(eq(serviceResources.organizationId, organizationId), inArray(serviceResources.serviceId, [...serviceIds]), eq(resources.active, true)))
    .orderBy(asc(resources.sortOrder), asc(resources.name), asc(resources.id));
  for (const row of rows) map.get(row.serviceId)?.push(row.resource);
  return map;
}

/** How far ahead the public pages announce a maintenance window. */
export const MAINTENANCE_NOTICE_DAYS = 60;

/**
 * Per resource, the maintenance window (a blackout of kind 'maintenance', its own or the whole
 * organization's) overlapping [from, to) that starts first. One query; resources with none are
 * absent from the map.
 */
export async function maintenanceByResource(
  tx: Executor,
  organizationId: string,
  resourceIds: readonly string[],
  window: { from: Date; to: Date },
): Promise<Map<string, BlackoutRow>> {
  const map = new Map<string, BlackoutRow>();
  if (resourceIds.length === 0) return map;
  const rows = await tx
    .select()
    .from(blackouts)
    .where(
      and(
        eq(blackouts.organizationId, organizationId),
        eq(blackouts.kind, 'maintenance'),
        or(isNull(blackouts.resourceId), inArray(blackouts.resourceId, [...resourceIds])),
        gt(blackouts.endsAt, window.from),
        lt(blackouts.startsAt, window.to),
      ),
    )
    .orderBy(asc(blackouts.startsAt), asc(blackouts.id));
  for (const row of rows) {
    for (const id of row.resourceId === null ? resourceIds : [row.resourceId]) if (!map.has(id)) map.set(id, row);
  }
  return map;
}

/** The maintenance windows the public pages show for `rows`: each one's current or next within the notice period. */
export async function publicMaintenance(tx: Executor, organizationId: string, rows: readonly ResourceRow[], now: Date): Promise<Map<string, BlackoutRow>> {
  const ids = [...new Set(rows.map((r) => r.id))];
  return maintenanceByResource(tx, organizationId, ids, { from: now, to: new Date(now.getTime() + MAINTENANCE_NOTICE_DAYS * 86_400_000) });
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

/**
 * Busy intervals to load in the same statement (scheduling/load-busy.ts unpacks them): every
 * active booking of the eligible resources overlapping [from − the service's buffer before,
 * to + the longest a booking can run: duration + `extraMinutes` + buffer after, or for stays
 * the longest stay the resources allow, plus a day).
 */
export interface SchedulingBusyWindow {
  from: Date;
  to: Date;
  extraMinutes: number;
  excludeBookingId?: string;
}

export interface SchedulingData {
  service: ServiceRow;
  /** [resource id, packed intervals] per resource with any, when `busy` was asked (else null). */
  busyPacked: [string, string][] | null;
  /** The service is a party package (it has a service_packages row): a booking must name its guests. */
  packaged: boolean;
  /** The organization's IANA zone (a resource's own zone, if set, wins: see `timezone`). */
  organizationTimezone: string;
  resources: SchedulingResource[];
  /**
   * The organization has an active booking rule, or takes bookings from members only: a
   * booking must be judged (modules/rules). False: nothing to judge, read in this statement.
   */
  rulesApply: boolean;
}

type SchedulingShape = { resource: boolean; window: boolean; busy: boolean };

/**
 * The scheduling statement for one shape of request (a resource named or not, a window or not,
 * busy intervals or not), built once per shape (src/db/prepared-select.ts): every availability
 * request and every booking runs it, and Drizzle rebuilding its text was a visible part of
 * their CPU (docs/performance.md, "Fourth pass"). Values are placeholders, given per call.
 */
const schedulingStatement = preparedSelectByShape((db: Executor, shape: SchedulingShape) => schedulingBuilder(db, shape));

function schedulingBuilder(db: Executor, shape: SchedulingShape) {
  const p = (name: string) => sql.placeholder(name);
  const organizationId = p('organizationId');
  // The eligible resources, as a subquery each part below reuses.
  const eligible = sql`(select sr.resource_id from service_resources sr join resources r on r.organization_id = sr.organization_id and r.id = sr.resource_id
    where sr.organization_id = ${organizationId} and sr.service_id = ${p('serviceId')} and r.active
    ${shape.resource ? sql`and r.id = ${p('resourceId')}` : sql``})`;
  // The busy range needs the service row (buffers, duration, stays): computed in the statement.
  const longest = sql`case when ${services.bookingMode} = 'multi_day'
      then (greatest(1, coalesce((select max(coalesce((r.multi_day->>'maxNights')::int, 1)) from resources r where r.organization_id = ${organizationId} and r.id in ${eligible}), 1)) + 1) * interval '1 day'
      else (${services.durationMinutes} + ${p('extraMinutes')}::int + ${services.bufferAfterMinutes}) * interval '1 minute' end`;
  // One statement, whatever the number of resources or days: this runs on every availability
  // query and every booking, where each round trip showed in bench/booking-throughput.ts.
  return db
    .select({
      service: services,
      timezone: organizations.timezone,
      packaged: sql<boolean>`exists (select 1 from service_packages p where p.organization_id = ${organizationId} and p.service_id = ${p('serviceId')})`,
      rulesApply: sql<boolean>`(coalesce(${organizations.settings} ->> 'bookingAccess', 'anyone') <> 'anyone'
        or exists (select 1 from booking_rules x where x.organization_id = ${organizationId} and x.active))`,
      busyPacked: shape.busy
        ? sql<[string, string][] | null>`coalesce((
            select json_agg(json_build_array(b.resource_id, b.packed))
            from app_busy_intervals(${organizationId}, array${eligible},
              ${p('busyFrom')}::timestamptz - ${services.bufferBeforeMinutes} * interval '1 minute',
              ${p('busyTo')}::timestamptz + ${longest},
              ${p('excludeBookingId')}::text) b), '[]'::json)`
        : sql<[string, string][] | null>`null`,
      resources: sql<ResourceJson[]>`coalesce((
        select json_agg(json_build_object(
          'id', r.id, 'organizationId', r.organization_id, 'kind', r.kind, 'name', r.name, 'description', r.description,
          'section', r.section, 'details', r.details, 'photos', r.photos, 'capacity', r.capacity, 'timezone', r.timezone,
          'active', r.active, 'userId', r.user_id, 'multiDay', r.multi_day, 'sortOrder', r.sort_order,
          'createdAt', r.created_at, 'updatedAt', r.updated_at) order by r.sort_order, r.name, r.id)
        from resources r where r.organization_id = ${organizationId} and r.id in ${eligible}), '[]'::json)`,
      hours: sql<[string | null, number, string, string][]>`coalesce((
        select json_agg(json_build_array(w.resource_id, w.weekday, w.start_time::text, w.end_time::text))
        from working_hours w where w.organization_id = ${organizationId} and (w.resource_id is null or w.resource_id in ${eligible})), '[]'::json)`,
      overrides: sql<[string | null, string, { start: string; end: string }[]][]>`coalesce((
        select json_agg(json_build_array(d.resource_id, d.date, d.ranges) order by d.date)
        from date_overrides d where d.organization_id = ${organizationId} and (d.resource_id is null or d.resource_id in ${eligible})
          and d.date >= ${shape.window ? sql`${p('fromDate')}::date` : sql`(current_date - 1)`} ${shape.window ? sql`and d.date <= ${p('toDate')}::date` : sql``}), '[]'::json)`,
      blackouts: sql<[string | null, string, string][]>`coalesce((
        select json_agg(json_build_array(b.resource_id, b.starts_at, b.ends_at) order by b.starts_at)
        from blackouts b where b.organization_id = ${organizationId} and (b.resource_id is null or b.resource_id in ${eligible})
          and b.ends_at > ${shape.window ? sql`${p('windowFrom')}::timestamptz` : sql`(now() - interval '1 day')`}
          ${shape.window ? sql`and b.starts_at < ${p('windowTo')}::timestamptz` : sql``}), '[]'::json)`,
    })
    .from(services)
    .innerJoin(organizations, eq(organizations.id, services.organizationId))
    .where(and(eq(services.organizationId, organizationId), eq(services.id, p('serviceId'))));
}

/**
 * Everything the availability engine needs for one service: the service row (active or not:
 * the caller decides, e.g. to reschedule a booking of an archived service) and its active
 * eligible resources (narrowed to `resourceId` when given), each with effective weekly hours
 * (own rows, else the business hours), date overrides and blackouts.
 *
 * Constant cost: ONE statement whatever the number of resources or days (JSON-aggregated
 * sub-selects; it was five, and every booking pays it). With `window`, overrides are those whose date is within [from − 1 day, to + 1 day]
 * in calendar terms (covers any zone's offset) and blackouts those overlapping [from, to);
 * without it, everything from yesterday (database clock) onward.
 *
 * Returns null when the service does not exist in this organization.
 */
export async function loadSchedulingData(
  tx: Executor,
  organizationId: string,
  options: { serviceId: string; resourceId?: string; window?: SchedulingWindow; busy?: SchedulingBusyWindow },
): Promise<SchedulingData | null> {
  const window = options.window;
  const busy = options.busy;
  const shape = { resource: options.resourceId !== undefined, window: window !== undefined, busy: busy !== undefined };
  const [found] = await schedulingStatement(shape)(tx, {
    organizationId,
    serviceId: options.serviceId,
    resourceId: options.resourceId ?? null,
    fromDate: window ? addDays(window.from.toISOString().slice(0, 10), -1) : null,
    toDate: window ? addDays(window.to.toISOString().slice(0, 10), 1) : null,
    windowFrom: window?.from.toISOString() ?? null,
    windowTo: window?.to.toISOString() ?? null,
    busyFrom: busy?.from.toISOString() ?? null,
    busyTo: busy?.to.toISOString() ?? null,
    extraMinutes: busy?.extraMinutes ?? 0,
    excludeBookingId: busy?.excludeBookingId ?? null,
  });
  if (!found) return null;

  const hourRows = found.hours.map(([resourceId, weekday, startTime, endTime]) => ({ resourceId, weekday, startTime, endTime }));
  const overrideRows = found.overrides.map(([resourceId, date, ranges]) => ({ resourceId, date, ranges }));
  const blackoutRows = found.blackouts.map(([resourceId, startsAt, endsAt]) => ({ resourceId, startsAt: new Date(startsAt), endsAt: new Date(endsAt) }));
  const businessRows = hourRows.filter((r) => r.resourceId === null);
  const orgOverrides = overrideRows.filter((o) => o.resourceId === null);
  const orgBlackouts = blackoutRows.filter((b) => b.resourceId === null);
  return {
    service: found.service,
    packaged: found.packaged,
    busyPacked: found.busyPacked,
    organizationTimezone: found.timezone,
    rulesApply: found.rulesApply,
    resources: found.resources.map((json) => {
      const resource: ResourceRow = { ...json, createdAt: new Date(json.createdAt), updatedAt: new Date(json.updatedAt) };
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

type ResourceJson = Omit<ResourceRow, 'createdAt' | 'updatedAt'> & { createdAt: string; updatedAt: string };
