import { and, eq } from 'drizzle-orm';
import { invitations, members, organizations } from '@/db/schema';
import { sha256 } from '@/lib/crypto';
import { conflict, notFound, sqlState } from '@/lib/errors';
import { newId } from '@/lib/ids';
import { type Ctx, enterTenantScope, parseInput, recordAudit, requireUser, tenantTx } from '@/modules/kernel';
import { acceptInvitationInput } from './schemas';

/**
 * The invitee, signed in with the invited email, joins the organization. Row-level security
 * lets a user see only invitations addressed to their own email until they join.
 */
export async function acceptInvitation(ctx: Ctx, input: unknown) {
  const user = requireUser(ctx);
  const { token } = parseInput(acceptInvitationInput, input, 'invitation');
  try {
    return await tenantTx(ctx, async (tx) => {
      const [invitation] = await tx.select().from(invitations).where(eq(invitations.tokenHash, sha256(token))).for('update');
      // Someone else's invitation is invisible under RLS: same answer as a wrong token.
      if (!invitation) throw notFound('Invitation');
      if (invitation.status !== 'pending') throw conflict(`This invitation was already ${invitation.status}.`);
      if (invitation.expiresAt <= ctx.now) throw conflict('This invitation has expired; ask for a new one.');
      await enterTenantScope(tx, ctx, invitation.organizationId);
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
