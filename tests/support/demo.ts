/**
 * The demo on a shared PostgreSQL test database: several files call `seedDemo` at once and only
 * one seeder creates each organization; the others skip it while its bookings, funnel, orders
 * and reviews may still be being written. A test that reads those waits for the seeder's last
 * row (`demo.completed`) instead of sleeping.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { auditLog, organizations } from '@/db/schema';
import { demoOrganizations } from '@/seed';

export async function waitForDemo(db: Db, slugs: string[] = demoOrganizations.map((o) => o.slug)): Promise<Map<string, string>> {
  for (let i = 0; i < 600; i++) {
    const orgs = await db.select({ id: organizations.id, slug: organizations.slug }).from(organizations).where(inArray(organizations.slug, slugs));
    const ids = new Map(orgs.map((o) => [o.slug, o.id]));
    if (ids.size === slugs.length) {
      const done = await db
        .select({ org: auditLog.organizationId })
        .from(auditLog)
        .where(and(inArray(auditLog.organizationId, [...ids.values()]), eq(auditLog.action, 'demo.completed')));
      if (new Set(done.map((d) => d.org)).size === slugs.length) return ids;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the demo of ${slugs.join(', ')} was never completed`);
}
