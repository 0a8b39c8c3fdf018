import { eq } from 'drizzle-orm';
import { organizations } from '@/db/schema';
// The definitions only: the seed's index runs use cases, which would import this module back.
import { DEMO_PASSWORD, demoOrganizations } from '@/db/seed/demo-organizations';
import type { Ctx } from '@/modules/kernel';

/**
 * The demo sign-in accounts, for the sign-in page's hint: only for demo organizations that
 * exist in this database, so a production install without demo data shows nothing.
 */
export async function listDemoAccounts(ctx: Ctx): Promise<{ password: string; accounts: { email: string; role: string; organization: string }[] }> {
  const present = new Set(
    (await ctx.db.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.isDemo, true))).map((r) => r.slug),
  );
  const accounts = demoOrganizations
    .filter((o) => present.has(o.slug))
    .flatMap((o) => o.accounts.map((a) => ({ email: a.email, role: a.role, organization: o.name })));
  return { password: accounts.length ? DEMO_PASSWORD : '', accounts };
}
