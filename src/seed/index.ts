/**
 * Demo data: the five organizations with their accounts, catalogs (demo-catalog.ts),
 * bookings (demo-bookings.ts) and sample booking-funnel history (demo-funnel.ts). Runs on first start of the embedded database, on
 * `npm run db:seed`, or with SEED_DEMO=1. Idempotent: an organization whose slug exists is
 * left alone (bookings included), an account whose email exists is reused. Demo accounts live
 * only here, never in migrations.
 */
import { eq, sql } from 'drizzle-orm';
import { hashPassword } from 'better-auth/crypto';
import type { Db, Tx } from '@/db/client';
import { accounts, auditLog, members, memberTiers, organizations, users } from '@/db/schema';
import { enterScope } from '@/db/tenant';
import { newId } from '@/lib/ids';
import { seedDemoBookings } from './demo-bookings';
import { seedDemoLoyalty } from './demo-loyalty';
import { seedDemoFunnel } from './demo-funnel';
import { seedDemoEvents } from './demo-events';
import { seedDemoOrders } from './demo-orders';
import { seedDemoReviews } from './demo-reviews';
import { seedDemoWaitlist } from './demo-waitlist';
import { seedDemoSeries } from './demo-series';
import { seedCatalog } from './demo-catalog';
import { seedProducts } from './demo-products';
import { seedRules } from './demo-rules';
import { DEMO_PASSWORD, type DemoOrganization, demoOrganizations } from './demo-organizations';

export { demoBookings } from './demo-booking-plans';
export { demoCatalogs } from './demo-catalog';
export { demoProductCategories, demoProducts } from './demo-products';
export { placeDemoOrders } from './demo-orders';
export { demoTranslations } from './demo-translations';
export { DEMO_PASSWORD, demoOrganizations } from './demo-organizations';

export interface SeedResult {
  created: string[];
  skipped: string[];
}

async function ensureUser(tx: Tx, email: string, name: string, passwordHash: string, now: Date): Promise<string> {
  const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (existing) return existing.id;
  const id = newId('user');
  await tx.insert(users).values({ id, email, name, emailVerified: true, createdAt: now, updatedAt: now });
  // Better Auth's email+password accounts: provider "credential", accountId = user id.
  await tx.insert(accounts).values({
    id: newId('account'),
    accountId: id,
    providerId: 'credential',
    userId: id,
    password: passwordHash,
    createdAt: now,
    updatedAt: now,
  });
  return id;
}

/**
 * One organization, all or nothing, in one transaction. The advisory lock on its slug makes
 * concurrent seeders (two app instances booting on one empty database, parallel test files)
 * take turns: the second finds the organization and skips it.
 */
async function seedOrganization(db: Db, demo: DemoOrganization, passwordHash: string, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`bookline:seed:${demo.slug}`}, 0))`);
    const [exists] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, demo.slug));
    if (exists) return false;
    const userIds = new Map<string, string>();
    for (const account of demo.accounts) {
      userIds.set(account.email, await ensureUser(tx, account.email, account.name, passwordHash, now));
    }
    const orgId = newId('organization');
    // From here on as the app role, scoped to the new organization, like any tenant write.
    await enterScope(tx, { organizationId: orgId });
    const { accounts: demoAccounts, tiers: demoTiers = [], ...profile } = demo;
    await tx.insert(organizations).values({ id: orgId, ...profile, isDemo: true, createdAt: now, updatedAt: now });
    // Member tiers, ranked in the order listed (rank 1 first).
    const tierIds = new Map<string, string>();
    for (const [i, tier] of demoTiers.entries()) {
      const id = newId('memberTier');
      tierIds.set(tier.name, id);
      await tx.insert(memberTiers).values({
        id,
        organizationId: orgId,
        name: tier.name,
        description: tier.description,
        translations: { es: tier.es },
        rank: i + 1,
        createdAt: now,
        updatedAt: now,
      });
    }
    for (const account of demoAccounts) {
      if (account.tier && !tierIds.has(account.tier)) throw new Error(`${demo.slug}: ${account.email} holds an unknown tier "${account.tier}"`);
      await tx.insert(members).values({
        id: newId('member'),
        organizationId: orgId,
        userId: userIds.get(account.email)!,
        role: account.role,
        tierId: account.tier ? tierIds.get(account.tier)! : null,
        createdAt: now,
        updatedAt: now,
      });
    }
    await tx.insert(auditLog).values({
      id: newId('audit'),
      organizationId: orgId,
      actorType: 'system',
      action: 'organization.seeded',
      entity: 'organization',
      entityId: orgId,
      changes: {
        after: {
          slug: demo.slug,
          accounts: demoAccounts.map((a) => ({ email: a.email, role: a.role, ...(a.tier ? { tier: a.tier } : {}) })),
          ...(demoTiers.length ? { tiers: demoTiers.map((t) => t.name) } : {}),
        },
      },
      createdAt: now,
    });
    const catalog = await seedCatalog(tx, orgId, demo.slug, demo.currency, userIds, now, demo.timezone, demo.locale);
    // Booking rules before the demo bookings, which are placed through them.
    const rules = await seedRules(tx, orgId, demo.slug, demo.timezone, tierIds, now);
    // The shop's products (Bookline Shop only), committed with the organization: demo orders build on them.
    const shop = await seedProducts(tx, orgId, demo.slug, demo.currency, now);
    if (shop) {
      await tx.insert(auditLog).values({
        id: newId('audit'),
        organizationId: orgId,
        actorType: 'system',
        action: 'products.seeded',
        entity: 'organization',
        entityId: orgId,
        changes: { after: shop },
        createdAt: now,
      });
    }
    if (catalog) {
      await tx.insert(auditLog).values({
        id: newId('audit'),
        organizationId: orgId,
        actorType: 'system',
        action: 'catalog.seeded',
        entity: 'organization',
        entityId: orgId,
        changes: { after: { ...catalog, ...(rules ? { rules } : {}) } },
        createdAt: now,
      });
    }
    return true;
  });
}

async function markDemoComplete(db: Db, slug: string, now: Date) {
  await db.transaction(async (tx) => {
    const [org] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, slug));
    if (!org) return;
    await enterScope(tx, { organizationId: org.id });
    await tx.insert(auditLog).values({
      id: newId('audit'),
      organizationId: org.id,
      actorType: 'system',
      action: 'demo.completed',
      entity: 'organization',
      entityId: org.id,
      changes: { after: { seededAt: now.toISOString() } },
      createdAt: now,
    });
  });
}

export async function seedDemo(db: Db, now = new Date()): Promise<SeedResult> {
  // One scrypt hash for all demo accounts: they share the documented demo password.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const result: SeedResult = { created: [], skipped: [] };
  for (const demo of demoOrganizations) {
    const created = await seedOrganization(db, demo, passwordHash, now);
    (created ? result.created : result.skipped).push(demo.slug);
    // The booking use cases open their own transactions: only once the organization and its
    // catalog are committed, and only by the seeder that created it (a second start, or the
    // loser of a race, adds none).
    if (created) {
      await seedDemoBookings(db, demo.slug, now);
      // A recurring reservation (ReservePTY), through the club's rules seeded with the catalog.
      await seedDemoSeries(db, demo.slug, now);
      // The waitlist after the bookings it waits behind (ReservePTY: an entry and a live hold).
      await seedDemoWaitlist(db, demo.slug, now);
      // Sample funnel history (analytics page), days before today only.
      await seedDemoFunnel(db, demo.slug, now);
      // Xplorium's loyalty program and points, after the bookings that earn them (modules/loyalty).
      await seedDemoLoyalty(db, demo.slug, now);
      // The shop's settings, promo codes and orders, after its products (modules/orders).
      await seedDemoOrders(db, demo.slug, now);
      // Xplorium's events, their ticket types and tickets sold through real orders (modules/events).
      await seedDemoEvents(db, demo.slug, now);
      // Reviews on completed demo bookings (One Detail At A Time): approved, featured and one pending.
      await seedDemoReviews(db, demo.slug, now);
      // The last row a seeder writes: another process (a second instance, a test file on a shared
      // database) that found the organization already there knows its demo is complete.
      await markDemoComplete(db, demo.slug, now);
    }
  }
  return result;
}
