import { and, eq } from 'drizzle-orm';
import { invitations, members, organizations } from '@/db/schema';
import { sha256 } from '@/lib/crypto';
import { conflict, notFound, sqlState } from '@/lib/errors';
import { newId } from '@/lib/ids';
import type { z } from 'zod';
import { type Ctx, enterTenantScope, recordAudit, requireUser, tenantTx } from '@/modules/kernel';
import type { acceptInvitationInput } from './schemas';

/**
 * The invitee, signed in with the invited email, joins the organization. Row-level security
 * lets a user see only invitations addressed to their own email until they join.
 */
export async function acceptInvitation(ctx: Ctx, { token }: z.output<typeof acceptInvitationInput>) {
  const user = requireUser(ctx);
  try {
    return await tenantTx(ctx, async (tx) => {
      // Before joining, RLS shows a user only invitations addressed to their email; someone
      // else's invitation is invisible, so it answers like a wrong token.
      const [found] = await tx
        .select({ id: invitations.id, organizationId: invitations.organizationId })
        .from(invitations)
        .where(eq(invitations.tokenHash, sha256(token)));
      if (!found) throw notFound('Invitation');
      await enterTenantScope(tx, ctx, found.organizationId);
      // Locking needs the tenant scope (row locks are checked against the write policy).
      const [invitation] = await tx
        .select()
        .from(invitations)
        .where(and(eq(invitations.organizationId, found.organizationId), eq(invitations.id, found.id)))
        .for('update');
      if (!invitation) throw notFound('Invitation');
      if (invitation.status !== 'pending') throw conflict(`This invitation was already ${invitation.status}.`);
      if (invitation.expiresAt <= ctx.now) throw conflict('This invitation has expired; ask for a new one.');
      const memberId = newId('member');
      await tx.insert(members).values({
        id: memberId,
        organizationId: invitation.organizationId,
        userId: user.userId,
        role: invitation.role,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
      await tx
        .update(invitations)
        .set({ status: 'accepted', acceptedAt: ctx.now })
        .where(and(eq(invitations.organizationId, invitation.organizationId), eq(invitations.id, invitation.id)));
      await recordAudit(tx, ctx, {
        organizationId: invitation.organizationId,
        action: 'invitation.accepted',
        entity: 'member',
        entityId: memberId,
        changes: { after: { userId: user.userId, role: invitation.role, invitationId: invitation.id } },
      });
      const [org] = await tx
        .select({ slug: organizations.slug, name: organizations.name })
        .from(organizations)
        .where(eq(organizations.id, invitation.organizationId));
      return { organization: org!, role: invitation.role, memberId };
    });
  } catch (err) {
    if (sqlState(err) === '23505') throw conflict('You are already a member of this organization.');
    throw err;
  }
}
