/** Audit trail: every mutation writes one row, inside the mutation's own transaction. */
import type { Tx } from '@/db/client';
import { auditLog } from '@/db/schema';
import { newId } from '@/lib/ids';
import type { Ctx } from './context';

export interface AuditEntry {
  organizationId: string;
  action: string; // "member.role_changed"
  entity: string; // "member"
  entityId?: string | null;
  changes?: { before?: unknown; after?: unknown } | null;
}

export async function recordAudit(tx: Tx, ctx: Ctx, entry: AuditEntry): Promise<void> {
  await auditInsert(tx, ctx, entry);
}

/**
 * The audit row's INSERT, not yet run: `recordAudit` awaits it; a hot path may embed it in a
 * larger statement (a data-modifying CTE) to save a round trip, with the same row.
 */
export function auditInsert(tx: Tx, ctx: Ctx, entry: AuditEntry) {
  const actor = ctx.actor;
  return tx.insert(auditLog).values({
    id: newId('audit'),
    organizationId: entry.organizationId,
    actorType: actor.type === 'user' ? 'user' : actor.type === 'system' ? 'system' : 'guest',
    actorUserId: actor.type === 'user' ? actor.userId : null,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    changes: entry.changes ?? null,
    ip: ctx.request.ip,
    userAgent: ctx.request.userAgent?.slice(0, 512) ?? null,
    requestId: ctx.request.requestId,
    createdAt: ctx.now,
  });
}
