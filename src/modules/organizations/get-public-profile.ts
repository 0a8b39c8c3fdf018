import { asc, eq } from 'drizzle-orm';
import { type OrganizationContact, organizations } from '@/db/schema';
import { notFound } from '@/lib/errors';
import type { Ctx } from '@/modules/kernel';
import { slugSchema } from './schemas';

export interface PublicProfile {
  slug: string;
  name: string;
  description: string;
  industry: string | null;
  timezone: string;
  currency: string;
  locale: string;
  contact: OrganizationContact;
  highlights: string[];
}

function toPublic(row: typeof organizations.$inferSelect): PublicProfile {
  return {
    slug: row.slug,
    name: row.name,
    description: row.description,
    industry: row.industry,
    timezone: row.timezone,
    currency: row.currency,
    locale: row.locale,
    // The business's own contact details are public by design; nobody else's are here.
    contact: row.contact,
    highlights: row.settings.highlights ?? [],
  };
}

/** Public profile of an organization by slug; anyone may read it. */
export async function getPublicProfile(ctx: Ctx, slug: string): Promise<PublicProfile> {
  const parsed = slugSchema.safeParse(slug);
  if (!parsed.success) throw notFound('Organization');
  // organizations is readable by anyone (its RLS read policy is `true`): one plain select.
  const [row] = await ctx.db.select().from(organizations).where(eq(organizations.slug, parsed.data)).limit(1);
  if (!row) throw notFound('Organization');
  return toPublic(row);
}

/** The demo organizations for the landing page. */
export async function listDemoOrganizations(ctx: Ctx): Promise<PublicProfile[]> {
  const rows = await ctx.db.select().from(organizations).where(eq(organizations.isDemo, true)).orderBy(asc(organizations.name));
  return rows.map(toPublic);
}
