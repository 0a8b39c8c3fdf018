import { asc, eq } from 'drizzle-orm';
import { organizations } from '@/db/schema';
import { notFound } from '@/lib/errors';
import type { Ctx } from '@/modules/kernel';
import { organizationBySlug } from './organization-cache';
import { presentPublicProfile } from './present';
import { type PublicProfile, slugSchema } from './schemas';

/** Public profile of an organization by slug; anyone may read it. */
export async function getPublicProfile(ctx: Ctx, slug: string): Promise<PublicProfile> {
  const parsed = slugSchema.safeParse(slug);
  if (!parsed.success) throw notFound('Organization');
  // organizations is readable by anyone (its RLS read policy is `true`): one plain select, or
  // none when the organization cache has the row.
  const row = await organizationBySlug(ctx.db, parsed.data);
  if (!row) throw notFound('Organization');
  return presentPublicProfile(row);
}

/** The demo organizations for the landing page. */
export async function listDemoOrganizations(ctx: Ctx): Promise<PublicProfile[]> {
  const rows = await ctx.db.select().from(organizations).where(eq(organizations.isDemo, true)).orderBy(asc(organizations.name));
  return rows.map(presentPublicProfile);
}
