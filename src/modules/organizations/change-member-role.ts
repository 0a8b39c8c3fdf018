import { and, eq } from 'drizzle-orm';
import { members } from '@/db/schema';
import { forbidden, notFound } from '@/lib/errors';
import type { z } from 'zod';
import { actorRole, authorize, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { presentMembership } from './present';
import { lockOrganization } from './queries';
import type { changeMemberRoleInput, MembershipDto } from './schemas';
import { assertKeepsAnOwner, translateOwnerInvariant } from './owner-policy';

/** Owners and admins change roles; only an owner grants or takes away the owner role. */
export async function changeMemberRole(ctx: Ctx, id: string, { role }: z.output<typeof changeMemberRoleInput>): Promise<MembershipDto> {
  authorize(ctx, 'members:manage');
  const orgId = ctx.tenant.id;
  const callerRole = actorRole(ctx);
  return translateOwnerInvariant(() =>
    tenantTx(ctx, async (tx) => {
      await lockOrganization(tx, orgId);
      const [before] = await tx
        .select()
        .from(members)
        .where(and(eq(members.organizationId, orgId), eq(members.id, id)));
      if (!before) throw notFound('Member');
      if ((before.role === 'owner' || role === 'owner') && callerRole !== 'owner') {
        throw forbidden('Only an owner can grant or remove the owner role.');
      }
      if (before.role === role) return presentMembership(before);
      if (before.role === 'owner') await assertKeepsAnOwner(tx, orgId, id);
      const [after] = await tx
        .update(members)
        .set({ role, updatedAt: ctx.now })
        .where(and(eq(members.organizationId, orgId), eq(members.id, id)))
        .returning();
      await recordAudit(tx, ctx, {
        organizationId: orgId,
        action: 'member.role_changed',
        entity: 'member',
        entityId: id,
        changes: { before: { role: before.role }, after: { role } },
      });
      return presentMembership(after!);
    }),
  );
}
