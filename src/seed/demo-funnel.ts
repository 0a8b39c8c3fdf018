/**
 * Demo funnel history: 90 local days before today of booking-funnel counts for each of a demo
 * organization's services, so its analytics page is not empty on first start. Sample data
 * (the page says so for demo organizations): made-up but plausible numbers, the same on every
 * seed (a fixed pseudo-random sequence per service slug and day). Today is left to real visits.
 */
import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Db } from '@/db/client';
import { bookingFunnelDaily, organizations, services } from '@/db/schema';
import type { FunnelStep } from '@/db/enums';

export const DEMO_FUNNEL_DAYS = 90;

/** mulberry32: a small deterministic generator, seeded from a string. */
function random(seedText: string) {
  let seed = 0;
  for (const ch of seedText) seed = (Math.imul(seed, 31) + ch.charCodeAt(0)) | 0;
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One day of one service: views fall off through the steps; drop-offs come out of the submitted forms. */
export function demoFunnelDay(serviceSlug: string, day: string, weekday: number): Record<FunnelStep, number> {
  const r = random(`${serviceSlug}/${day}`);
  const popularity = 6 + (random(serviceSlug)() * 26);
  const weekend = weekday >= 6 ? 0.6 : 1;
  const viewed = Math.round(popularity * weekend * (0.7 + r() * 0.6));
  const chosen = Math.round(viewed * (0.42 + r() * 0.18));
  const submitted = Math.round(chosen * (0.68 + r() * 0.17));
  const conflict = Math.round(submitted * r() * 0.07);
  const rule = Math.round(submitted * r() * 0.05);
  const invalid = Math.round(submitted * r() * 0.06);
  const booked = Math.max(0, submitted - conflict - rule - invalid);
  return { service_viewed: viewed, time_chosen: chosen, details_submitted: submitted, booked, conflict, rule, invalid };
}

/** Writes the history of a demo organization's active services (owner connection; existing days are left alone). */
export async function seedDemoFunnel(db: Db, slug: string, now: Date): Promise<number> {
  const [org] = await db.select({ id: organizations.id, timezone: organizations.timezone, isDemo: organizations.isDemo }).from(organizations).where(eq(organizations.slug, slug));
  if (!org?.isDemo) return 0;
  const list = await db
    .select({ id: services.id, slug: services.slug })
    .from(services)
    .where(and(eq(services.organizationId, org.id), eq(services.active, true)));
  const today = DateTime.fromJSDate(now, { zone: org.timezone }).startOf('day');
  const rows: (typeof bookingFunnelDaily.$inferInsert)[] = [];
  for (const service of list) {
    for (let back = 1; back <= DEMO_FUNNEL_DAYS; back++) {
      const date = today.minus({ days: back });
      const day = date.toISODate()!;
      for (const [step, count] of Object.entries(demoFunnelDay(service.slug, day, date.weekday))) {
        if (count > 0) rows.push({ organizationId: org.id, serviceId: service.id, day, step: step as FunnelStep, count });
      }
    }
  }
  for (let i = 0; i < rows.length; i += 1_000) await db.insert(bookingFunnelDaily).values(rows.slice(i, i + 1_000)).onConflictDoNothing();
  return rows.length;
}
