/**
 * Package pricing and add-ons as the catalog stores and shows them (service_packages,
 * service_addons): reads by service in one query each, the presenters, and saving a
 * service's package with the service (create/update-service.ts).
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor, Tx } from '@/db/client';
import { serviceAddons, servicePackages, stockItems } from '@/db/schema';
import { iso } from '@/lib/dto';
import { notFound, validationError } from '@/lib/errors';
import type { PublicLanguage } from './present';
import type { AddonDto, PackageDto, PackageInput, PublicAddon } from './schemas';

export type PackageRow = typeof servicePackages.$inferSelect;
export type AddonRow = typeof serviceAddons.$inferSelect;

/** The stock item an add-on draws on, as read with it (a snapshot: placing a booking is the judge). */
export interface AddonStock {
  code: string;
  onHand: number;
  reserved: number;
}
/** An add-on with its stock item's counts (null: it draws on none, unlimited). */
export type AddonWithStock = AddonRow & { stock: AddonStock | null };

/** How many more of the add-on can be taken now (its stock's free units ÷ its units), null when unlimited. */
export function addonLeft(row: AddonWithStock): number | null {
  if (!row.stockItemId || !row.stock) return null;
  return Math.floor(Math.max(0, row.stock.onHand - row.stock.reserved) / row.units);
}

/** The stock items of `ids` (this organization's), for presenting add-ons that draw on them. */
export async function addonStocks(db: Executor, orgId: string, ids: readonly (string | null)[]): Promise<Map<string, AddonStock>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: stockItems.id, code: stockItems.code, onHand: stockItems.onHand, reserved: stockItems.reserved })
    .from(stockItems)
    .where(and(eq(stockItems.organizationId, orgId), inArray(stockItems.id, wanted)));
  return new Map(rows.map(({ id, ...stock }) => [id, stock]));
}

export async function withStock(db: Executor, orgId: string, rows: readonly AddonRow[]): Promise<AddonWithStock[]> {
  const stocks = await addonStocks(db, orgId, rows.map((r) => r.stockItemId));
  return rows.map((r) => ({ ...r, stock: r.stockItemId ? (stocks.get(r.stockItemId) ?? null) : null }));
}

/** At most this many add-ons per service: a menu of extras, not a shop. */
export const MAX_ADDONS_PER_SERVICE = 50;

export async function packagesByService(db: Executor, orgId: string, serviceIds: readonly string[]): Promise<Map<string, PackageRow>> {
  if (serviceIds.length === 0) return new Map();
  const rows = await db.select().from(servicePackages).where(and(eq(servicePackages.organizationId, orgId), inArray(servicePackages.serviceId, [...serviceIds])));
  return new Map(rows.map((r) => [r.serviceId, r]));
}

export async function findPackage(db: Executor, orgId: string, serviceId: string): Promise<PackageRow | null> {
  return (await packagesByService(db, orgId, [serviceId])).get(serviceId) ?? null;
}

export async function addonsByService(db: Executor, orgId: string, serviceIds: readonly string[], opts: { activeOnly: boolean }): Promise<Map<string, AddonWithStock[]>> {
  const out = new Map<string, AddonWithStock[]>();
  if (serviceIds.length === 0) return out;
  const rows = await db
    .select()
    .from(serviceAddons)
    .where(and(eq(serviceAddons.organizationId, orgId), inArray(serviceAddons.serviceId, [...serviceIds]), opts.activeOnly ? eq(serviceAddons.active, true) : undefined))
    .orderBy(asc(serviceAddons.position), asc(serviceAddons.name), asc(serviceAddons.id));
  for (const r of await withStock(db, orgId, rows)) out.set(r.serviceId, [...(out.get(r.serviceId) ?? []), r]);
  return out;
}

/** Writes (or removes, with null) a service's package; returns the row now in force. */
export async function savePackage(tx: Tx, orgId: string, serviceId: string, pkg: PackageInput | null, now: Date): Promise<PackageRow | null> {
  if (pkg === null) {
    await tx.delete(servicePackages).where(and(eq(servicePackages.organizationId, orgId), eq(servicePackages.serviceId, serviceId)));
    return null;
  }
  const values = { ...pkg, updatedAt: now };
  const [row] = await tx
    .insert(servicePackages)
    .values({ organizationId: orgId, serviceId, ...values, createdAt: now })
    .onConflictDoUpdate({ target: [servicePackages.organizationId, servicePackages.serviceId], set: values })
    .returning();
  return row!;
}

export function presentPackage(row: PackageRow | null): PackageDto | null {
  if (!row) return null;
  return {
    includedChildren: row.includedChildren,
    includedAdults: row.includedAdults,
    extraChildMinor: row.extraChildMinor,
    extraAdultMinor: row.extraAdultMinor,
    minGuests: row.minGuests,
    maxGuests: row.maxGuests,
    depositType: row.depositType,
    depositValue: row.depositValue,
    balanceDueDays: row.balanceDueDays,
    cancellationPolicy: [...row.cancellationPolicy].sort((a, b) => b.minNoticeHours - a.minNoticeHours),
  };
}

/** The package as the audit log records it (no timestamps). */
export const packageAudit = (row: PackageRow | null) => presentPackage(row);

export function presentAddon(row: AddonWithStock, currency: string): AddonDto {
  return {
    id: row.id,
    serviceId: row.serviceId,
    name: row.name,
    description: row.description,
    translations: row.translations,
    priceMinor: row.priceMinor,
    currency,
    pricing: row.pricing,
    extraMinutes: row.extraMinutes,
    maxQuantity: row.maxQuantity,
    stockItemId: row.stockItemId,
    units: row.units,
    stock: row.stockItemId && row.stock ? { code: row.stock.code, onHand: row.stock.onHand, reserved: row.stock.reserved, available: Math.max(0, row.stock.onHand - row.stock.reserved) } : null,
    left: addonLeft(row),
    active: row.active,
    position: row.position,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

const filled = (v: string | undefined): v is string => typeof v === 'string' && v.trim() !== '';

export function presentPublicAddon(row: AddonWithStock, language: PublicLanguage): PublicAddon {
  const t = row.translations[language.lang];
  return {
    id: row.id,
    name: filled(t?.name) ? t.name : row.name,
    description: filled(t?.description) ? t.description : row.description,
    priceMinor: row.priceMinor,
    pricing: row.pricing,
    extraMinutes: row.extraMinutes,
    maxQuantity: row.maxQuantity,
    left: addonLeft(row),
  };
}

export interface ChosenAddon {
  row: AddonRow;
  quantity: number;
}

/**
 * The add-ons a booking (or a quote, or an availability search) asks for, checked against the
 * service: each must be one of the service's active add-ons (another service's or tenant's id,
 * or an archived one → 404 Add-on), within its max quantity (400).
 */
export async function chooseAddons(db: Executor, orgId: string, serviceId: string, choices: readonly { addonId: string; quantity: number }[]): Promise<ChosenAddon[]> {
  if (choices.length === 0) return [];
  const rows = await db
    .select()
    .from(serviceAddons)
    .where(and(eq(serviceAddons.organizationId, orgId), eq(serviceAddons.serviceId, serviceId), eq(serviceAddons.active, true), inArray(serviceAddons.id, choices.map((c) => c.addonId))));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const fields: { path: string; message: string }[] = [];
  const chosen = choices.map((c, i) => {
    const row = byId.get(c.addonId);
    if (!row) throw notFound('Add-on');
    if (c.quantity > row.maxQuantity) fields.push({ path: `addons.${i}.quantity`, message: `must be at most ${row.maxQuantity}` });
    return { row, quantity: c.quantity };
  });
  if (fields.length > 0) throw validationError(`Too many of an add-on: ${fields.map((f) => f.message).join('; ')}.`, { fields });
  return chosen.sort((a, b) => a.row.position - b.row.position || (a.row.id < b.row.id ? -1 : 1));
}

/** Minutes the chosen add-ons add to the booking. */
export const extraMinutesOf = (chosen: readonly ChosenAddon[]) => chosen.reduce((sum, c) => sum + c.row.extraMinutes * c.quantity, 0);
