/**
 * Rows → the catalog's answers (schemas.ts): ISO instants, no organizationId, and public
 * shapes that carry nobody's contact data (a resource's account, details and booking capacity
 * stay with staff; the public sees only the facts a guest needs: how many people it takes,
 * check-in and check-out, and a maintenance window with its reason).
 */
import { type CapacityLabel, capacityLabels, type ContentLocale } from '@/db/enums';
import { iso } from '@/lib/dto';
import { localizeBlackoutReason, localizeResource, localizeService } from './localize';
import { type AddonWithStock, type PackageRow, presentPackage, presentPublicAddon } from './packages';
import type { BlackoutRow, DateOverrideRow, ResourceRow, ServiceRow } from './queries';
import type { BlackoutDto, DateOverrideDto, PublicCapacity, PublicMaintenance, PublicResource, PublicService, ResourceDto, ServiceDto } from './schemas';

/** `pkg`: the service's package row (packages.ts), null for an ordinary service. */
export function presentService(row: ServiceRow, resourceIds: string[], pkg: PackageRow | null): ServiceDto {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    category: row.category,
    title: row.title,
    description: row.description,
    features: row.features,
    benefits: row.benefits,
    processSteps: row.processSteps,
    sortOrder: row.sortOrder,
    active: row.active,
    bookingMode: row.bookingMode,
    durationMinutes: row.durationMinutes,
    bufferBeforeMinutes: row.bufferBeforeMinutes,
    bufferAfterMinutes: row.bufferAfterMinutes,
    slotIntervalMinutes: row.slotIntervalMinutes,
    minNoticeMinutes: row.minNoticeMinutes,
    maxAdvanceDays: row.maxAdvanceDays,
    cancellationNoticeMinutes: row.cancellationNoticeMinutes,
    reminderHours: row.reminderHours,
    priceMinor: row.priceMinor,
    currency: row.currency,
    priceFrom: row.priceFrom,
    capacity: row.capacity,
    requiresConfirmation: row.requiresConfirmation,
    customFields: row.customFields,
    resourceIds,
    translations: row.translations,
    package: presentPackage(pkg),
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

export function presentResource(row: ResourceRow): ResourceDto {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    description: row.description,
    section: row.section,
    // The column is typed loosely; every write went through `detailsSchema`, which allows only these values.
    details: row.details as ResourceDto['details'],
    photos: row.photos,
    capacity: row.capacity,
    timezone: row.timezone,
    active: row.active,
    userId: row.userId,
    multiDay: row.multiDay,
    sortOrder: row.sortOrder,
    translations: row.translations,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

export function presentDateOverride(row: DateOverrideRow): DateOverrideDto {
  return { id: row.id, resourceId: row.resourceId, date: row.date, ranges: row.ranges, reason: row.reason, createdAt: iso(row.createdAt) };
}

export function presentBlackout(row: BlackoutRow): BlackoutDto {
  return {
    id: row.id,
    resourceId: row.resourceId,
    startsAt: iso(row.startsAt),
    endsAt: iso(row.endsAt),
    kind: row.kind,
    reason: row.reason,
    translations: row.translations,
    createdAt: iso(row.createdAt),
  };
}

/**
 * How many people a resource takes, as its details say (`maxPeople`), and how to say it
 * (`capacityLabel`; without one, a resource with check-in/check-out "sleeps", others take
 * "people"). Not stated → null: the booking capacity column counts parallel bookings, not people.
 */
export function publicCapacityOf(row: Pick<ResourceRow, 'details' | 'multiDay'>): PublicCapacity | null {
  const details = row.details as Record<string, unknown>;
  const count = details.maxPeople;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) return null;
  const stated = details.capacityLabel;
  const label: CapacityLabel = (capacityLabels as readonly unknown[]).includes(stated) ? (stated as CapacityLabel) : row.multiDay ? 'sleeps' : 'people';
  return { count, label };
}

export function presentPublicMaintenance(row: BlackoutRow, language: PublicLanguage, now: Date): PublicMaintenance {
  return {
    startsAt: iso(row.startsAt),
    until: iso(row.endsAt),
    current: row.startsAt.getTime() <= now.getTime(),
    reason: localizeBlackoutReason(row, language.lang, language.organizationLocale),
  };
}

/** The language a public answer is in, and the organization's own (its content's base language). */
export interface PublicLanguage {
  lang: ContentLocale;
  organizationLocale: string;
}

/** What the public sees of a resource beyond its row: its current or next maintenance window (maintenanceByResource). */
export interface PublicResourceFacts {
  maintenance: ReadonlyMap<string, BlackoutRow>;
  now: Date;
}

export function presentPublicResource(row: ResourceRow, language: PublicLanguage, facts: PublicResourceFacts): PublicResource {
  const { name, description } = localizeResource(row, language.lang, language.organizationLocale);
  const maintenance = facts.maintenance.get(row.id);
  return {
    id: row.id,
    name,
    kind: row.kind,
    section: row.section,
    description,
    photos: row.photos,
    capacity: publicCapacityOf(row),
    checkInTime: row.multiDay?.checkInTime ?? null,
    checkOutTime: row.multiDay?.checkOutTime ?? null,
    maintenance: maintenance ? presentPublicMaintenance(maintenance, language, facts.now) : null,
  };
}

/** `resources`: the active ones able to perform it, in their sort order; texts in `language.lang`. */
export function presentPublicService(
  row: ServiceRow,
  resources: readonly ResourceRow[],
  language: PublicLanguage,
  facts: PublicResourceFacts,
  extras: { pkg: PackageRow | null; addons: readonly AddonWithStock[] },
): PublicService {
  const text = localizeService(row, language.lang, language.organizationLocale);
  return {
    id: row.id,
    slug: row.slug,
    name: text.name,
    category: row.category,
    title: text.title,
    description: text.description,
    features: text.features,
    benefits: text.benefits,
    processSteps: text.processSteps,
    bookingMode: row.bookingMode,
    durationMinutes: row.durationMinutes,
    minNoticeMinutes: row.minNoticeMinutes,
    maxAdvanceDays: row.maxAdvanceDays,
    cancellationNoticeMinutes: row.cancellationNoticeMinutes,
    priceMinor: row.priceMinor,
    currency: row.currency,
    priceFrom: row.priceFrom,
    capacity: row.capacity,
    requiresConfirmation: row.requiresConfirmation,
    customFields: text.customFields,
    resources: resources.map((r) => presentPublicResource(r, language, facts)),
    package: presentPackage(extras.pkg),
    addons: extras.addons.filter((a) => a.active).map((a) => presentPublicAddon(a, language)),
    locale: language.lang,
  };
}
