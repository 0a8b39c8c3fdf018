/**
 * "This rule would have affected 12 of last month's bookings": the rule alone, judged against
 * each booking made in the window (not cancelled or rejected) as it stood when it was made —
 * its booker's tier today, their other bookings, the clock at its creation. Exemptions are not
 * applied (the preview shows whom the rule reaches).
 */
import { and, eq, gte, inArray, lt, lte, notInArray, sql } from 'drizzle-orm';
import { bookings, customers, members, memberTiers, resources, users } from '@/db/schema';
import { authorize, type Ctx, tenantTx } from '@/modules/kernel';
import { toIsoInZone } from '@/modules/scheduling';
import { type CountedBooking, evaluateRules } from './engine';
import { ruleDefOf } from './evaluate';
import { ruleById } from './manage-rules';
import type { RulePreviewDto } from './schemas';

const WINDOW_MS = 400 * 86_400_000;
const MAX_EVALUATED = 5000;

export async function previewRule(ctx: Ctx, ruleId: string, days: number): Promise<RulePreviewDto> {
  authorize(ctx, 'rules:manage');
  const tenant = ctx.tenant;
  const orgId = tenant.id;
  const locale = ctx.request.locale ?? 'en';
  const to = ctx.now;
  const from = new Date(to.getTime() - days * 86_400_000);
  return tenantTx(ctx, async (tx) => {
    const rule = ruleDefOf(await ruleById(tx, orgId, ruleId));
    const counted = ['pending', 'confirmed', 'in_progress', 'completed'] as const;
    const made = await tx
      .select({ id: bookings.id, resourceId: bookings.resourceId, start: bookings.startsAt, end: bookings.endsAt, createdAt: bookings.createdAt, email: customers.email, name: customers.name })
      .from(bookings)
      .innerJoin(customers, and(eq(customers.organizationId, bookings.organizationId), eq(customers.id, bookings.customerId)))
      .where(and(eq(bookings.organizationId, orgId), gte(bookings.createdAt, from), lte(bookings.createdAt, to), notInArray(bookings.status, ['cancelled', 'rejected'])))
      .orderBy(bookings.createdAt)
      .limit(MAX_EVALUATED);
    const emails = [...new Set(made.map((b) => b.email.toLowerCase()))];
    const sections = new Map(
      (await tx.select({ id: resources.id, name: resources.name, section: resources.section, translations: resources.translations }).from(resources).where(eq(resources.organizationId, orgId))).map((r) => [r.id, r]),
    );
    const others = emails.length
      ? await tx
          .select({ id: bookings.id, resourceId: bookings.resourceId, start: bookings.startsAt, end: bookings.endsAt, email: customers.email })
          .from(bookings)
          .innerJoin(customers, and(eq(customers.organizationId, bookings.organizationId), eq(customers.id, bookings.customerId)))
          .where(
            and(
              eq(bookings.organizationId, orgId),
              inArray(sql`lower(${customers.email})`, emails),
              inArray(bookings.status, [...counted]),
              gte(bookings.endsAt, new Date(from.getTime() - WINDOW_MS)),
              lt(bookings.startsAt, new Date(to.getTime() + WINDOW_MS)),
            ),
          )
      : [];
    const byEmail = new Map<string, CountedBooking[]>();
    for (const b of others) {
      const key = b.email.toLowerCase();
      const list = byEmail.get(key) ?? [];
      list.push({ id: b.id, resourceId: b.resourceId, section: sections.get(b.resourceId)?.section ?? null, start: b.start.getTime(), end: b.end.getTime() });
      byEmail.set(key, list);
    }
    const memberRows = emails.length
      ? await tx
          .select({ email: users.email, tierId: members.tierId })
          .from(members)
          .innerJoin(users, eq(users.id, members.userId))
          .where(and(eq(members.organizationId, orgId), inArray(sql`lower(${users.email})`, emails)))
      : [];
    const tierOf = new Map(memberRows.map((m) => [m.email.toLowerCase(), m.tierId]));
    const tiers = (await tx.select({ id: memberTiers.id, name: memberTiers.name, translations: memberTiers.translations }).from(memberTiers).where(eq(memberTiers.organizationId, orgId))).map((t) => ({
      id: t.id,
      name: t.name,
      names: { es: t.translations.es?.name },
    }));

    let affected = 0;
    const examples: RulePreviewDto['examples'] = [];
    for (const b of made) {
      const email = b.email.toLowerCase();
      const resource = sections.get(b.resourceId);
      const isMember = tierOf.has(email);
      const decision = evaluateRules([rule], {
        request: {
          action: 'create',
          resourceId: b.resourceId,
          resourceName: resource?.name ?? '',
          resourceNames: { es: resource?.translations.es?.name },
          section: resource?.section ?? null,
          start: b.start.getTime(),
          end: b.end.getTime(),
          zone: tenant.timezone,
          now: b.createdAt.getTime(),
        },
        booker: { member: isMember, tierId: tierOf.get(email) ?? null, isAdmin: false },
        bookings: (byEmail.get(email) ?? []).filter((o) => o.id !== b.id),
        tiers,
      });
      const result = decision.results[0]!;
      if (result.passed) continue;
      affected += 1;
      if (examples.length < 20) examples.push({ bookingId: b.id, start: toIsoInZone(b.start.getTime(), tenant.timezone), customerName: b.name, reason: result.reason[locale] });
    }
    return { ruleId, from: from.toISOString(), to: to.toISOString(), evaluated: made.length, affected, examples };
  });
}
