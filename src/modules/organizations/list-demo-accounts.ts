import { eq } from 'drizzle-orm';
import { organizations } from '@/db/schema';
import type { Ctx } from '@/modules/kernel';

/** What the sign-in hint needs from the demo seed's definitions (src/seed/demo-organizations.ts). */
interface DemoAccountDefinitions {
  password: string;
  organizations: readonly { slug: string; name: string; accounts: readonly { email: string; role: string }[] }[];
}

/**
 * The demo sign-in accounts, for the sign-in page's hint: only for demo organizations that
 * exist in this database, so a production install without demo data shows nothing. The
 * definitions come in from the caller because the seed sits above the modules (it places
 * bookings through their use cases); a module never imports it.
 */
export async function listDemoAccounts(
  ctx: Ctx,
  demo: DemoAccountDefinitions,
): Promise<{ password: string; accounts: { email: string; role: string; organization: string }[] }> {
  const present = new Set(
    (await ctx.db.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.isDemo, true))).map((r) => r.slug),
  );
  const accounts = demo.organizations
    .filter((o) => present.has(o.slug))
    .flatMap((o) => o.accounts.map((a) => ({ email: a.email, role: a.role, organization: o.name })));
  return { password: accounts.length ? demo.password : '', accounts };
}
