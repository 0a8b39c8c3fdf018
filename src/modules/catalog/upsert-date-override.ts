import { and, eq, getTableColumns, isNull, isNotNull, sql } from 'drizzle-orm';
import { dateOverrides } from '@/db/schema';
import { newId } from '@/lib/ids';
import type { z } from 'zod';
import { authorize, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { presentDateOverride } from './present';
import { assertResourceRef } from './resource-policy';
import type { DateOverrideDto, upsertDateOverrideInput } from './schemas';

/**
 * Sets the hours of one date, for the organization (resourceId null) or one resource:
 * `ranges: []` closes the day, otherwise the ranges replace that weekday's hours. One row per
 * (scope, date): a second call for the same date replaces the first (`created: false`). What
 * happened is the database's answer (`xmax = 0`: the row was inserted, not updated), taken
 * under an advisory lock on (scope, date) so the audit row's "before" is the one replaced.
 */
export async function upsertDateOverride(ctx: Ctx, data: z.output<typeof upsertDateOverrideInput>): Promise<{ created: boolean; override: DateOverrideDto }> {
  authorize(ctx, 'catalog:write');
  const orgId = ctx.tenant.id;
  const values = { ranges: data.ranges, reason: data.reason ?? null };
  return tenantTx(ctx, async (tx) => {
    if (data.resourceId) await assertResourceRef(tx, orgId, data.resourceId, 'date override');
    // Concurrent calls for one date queue here; each then reads the row the previous one left.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`date_override:${orgId}:${data.resourceId ?? ''}:${data.date}`}, 0))`);
    const scope = data.resourceId ? eq(dateOverrides.resourceId, data.resourceId) : isNull(dateOverrides.resourceId);
    const [before] = await tx
      .select()
      .from(dateOverrides)
      .where(and(eq(dateOverrides.organizationId, orgId), scope, eq(dateOverrides.date, data.date)));
    // ON CONFLICT on the partial unique index of the scope: a concurrent first insert for the
    // same date turns into an update instead of a unique violation.
    const [override] = await tx
      .insert(dateOverrides)
      .values({ id: newId('dateOverride'), organizationId: orgId, resourceId: data.resourceId, date: data.date, ...values, createdAt: ctx.now })
      .onConflictDoUpdate(
        data.resourceId
          ? { target: [dateOverrides.organizationId, dateOverrides.resourceId, dateOverrides.date], targetWhere: isNotNull(dateOverrides.resourceId), set: values }
          : { target: [dateOverrides.organizationId, dateOverrides.date], targetWhere: sql`${dateOverrides.resourceId} is null`, set: values },
      )
      .returning({ ...getTableColumns(dateOverrides), inserted: sql<boolean>`(xmax = 0)` });
    const created = override!.inserted;
    await recordAudit(tx, ctx, {
      organizationId: orgId,
      action: created ? 'date_override.created' : 'date_override.updated',
      entity: 'date_override',
      entityId: override!.id,
      changes: { before: before ? { ranges: before.ranges, reason: before.reason } : undefined, after: { resourceId: data.resourceId, date: data.date, ...values } },
    });
    const { inserted: _inserted, ...row } = override!;
    return { created, override: presentDateOverride(row) };
  });
}
