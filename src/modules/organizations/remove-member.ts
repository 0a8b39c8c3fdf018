import { and, eq } from 'drizzle-orm';
import { members } from '@/db/schema';
import { forbidden, notFound } from '@/lib/errors';
import { actorRole, authorize, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { assertKeepsAnOwner, translateOwnerInvariant } from './owner-policy';
import { lockOrganization } from './queries';

export async function removeMember(ctx: Ctx, id: string): Promise<void> {
  authorize(ctx, 'members:manage');
  const orgId = ctx.tenant.id;
  const role = actorRole(ctx);
  await translateOwnerInvariant(() =>
    tenantTx(ctx, async (tx) => {
      await lockOrganization(tx, orgId);
      const [before] = await tx.select().from(members).where(and(eq(members.organizationId, orgId), eq(members.id, id)));
      if (!before) throw notFound('Member');
      if (before.role === 'owner') {
        if (role !== 'owner') throw forbidden('Only an owner can remove an owner.');
        await assertKeepsAnOwner(tx, orgId, id);
      }
      await tx.delete(members).where(and(eq(members.organizationId, orgId), eq(members.id, id)));
      await recordAudit(tx, ctx, {
        organizationId: orgId,
        action: 'member.removed',
        entity: 'member',
        entityId: id,
        changes: { before: { userId: before.userId, role: before.role } },
      });
    }),
  );
}
