/** Shared reads of the organizations module. */
import { eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { organizations } from '@/db/schema';
import type { Tenant } from '@/modules/kernel';
import { type OrganizationRow, organizationBySlug } from './organization-cache';

export type { OrganizationRow } from './organization-cache';

export function toTenant(org: OrganizationRow): Tenant {
  return { id: org.id, slug: org.slug, name: org.name, timezone: org.timezone, currency: org.currency, locale: org.locale };
}

/** Locks the organization row: serialises membership changes (owner invariant, invitations). */
export async function lockOrganization(db: Executor, organizationId: string): Promise<void> {
  await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId)).for('update');
}

/** The tenant for a public slug, or null (from the organization cache when one is started).
 * organizations is readable by anyone (RLS read policy `true`). */
export async function findTenantBySlug(db: Executor, slug: string): Promise<Tenant | null> {
  if (!/^[a-z0-9](-?[a-z0-9])*$/.test(slug) || slug.length > 63) return null;
  const row = await organizationBySlug(db, slug);
  return row ? toTenant(row) : null;
}

/**
 * An organization's id and settings by slug or id (the public-form challenge and the staff idle
 * timeout read them before any tenant is resolved), or null. organizations is readable by anyone.
 */
export async function findOrganizationSettings(db: Executor, by: { slug: string } | { id: string }): Promise<{ id: string; settings: OrganizationRow['settings'] } | null> {
  if ('slug' in by) {
    if (!/^[a-z0-9](-?[a-z0-9])*$/.test(by.slug) || by.slug.length > 63) return null;
    const org = await organizationBySlug(db, by.slug);
    return org ? { id: org.id, settings: org.settings } : null;
  }
  const [row] = await db
    .select({ id: organizations.id, settings: organizations.settings })
    .from(organizations)
    .where(eq(organizations.id, by.id))
    .limit(1);
  return row ?? null;
}
