import { and, eq } from 'drizzle-orm';
import { invitations } from '@/db/schema';
import { conflict, notFound } from '@/lib/errors';
import { authorize, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';

export async function revokeInvitation(ctx: Ctx, id: string): Promise<void> {
  authorize(ctx, 'members:manage');
  const orgId = ctx.tenant.id;
  await tenantTx(ctx, async (tx) => {
    const [before] = await tx
      .select()
      .from(invitations)
      .where(and(eq(invitations.organizationId, orgId), eq(invitations.id, id)))
      .for('update');
    if (!before) throw notFound('Invitation');
    if (before.status !== 'pending') throw conflict(`The invitation is already ${before.status}.`, { status: before.status });
    await tx.update(invitations).set({ status: 'revoked' }).where(and(eq(invitations.organizationId, orgId), eq(invitations.id, id)));
    await recordAudit(tx, ctx, {
      organizationId: orgId,
      action: 'invitation.revoked',
      entity: 'invitation',
      entityId: id,
      changes: { before: { status: 'pending' }, after: { status: 'revoked' } },
    });
  });
}
