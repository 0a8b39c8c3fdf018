import { and, eq, sql } from 'drizzle-orm';
import { invitations, members, users } from '@/db/schema';
import { randomToken, sha256 } from '@/lib/crypto';
import { env } from '@/lib/env';
import { conflict, forbidden, sqlState } from '@/lib/errors';
import { newId } from '@/lib/ids';
import type { z } from 'zod';
import { authorize, type Ctx, enqueue, recordAudit, tenantTx } from '@/modules/kernel';
import { presentInvitation } from './present';
import { lockOrganization } from './queries';
import type { InvitationDto, inviteMemberInput } from './schemas';

const INVITATION_TTL_DAYS = 7;

function invitationUrl(token: string): string {
  return `${env().BASE_URL}/invitations/accept?token=${encodeURIComponent(token)}`;
}

/**
 * Invites someone by email. The token is returned once (so an admin can also share the link)
 * and stored only as a hash; the email itself is an outbox message delivered after commit.
 */
export async function inviteMember(ctx: Ctx, data: z.output<typeof inviteMemberInput>): Promise<InvitationDto & { acceptUrl: string }> {
  authorize(ctx, 'members:manage');
  if (data.role === 'admin' && ctx.actor.type === 'user' && ctx.actor.role !== 'owner' && ctx.actor.role !== 'admin') {
    throw forbidden('Only owners and admins can invite admins.');
  }
  const tenant = ctx.tenant;
  const token = randomToken(32);
  const id = newId('invitation');
  const expiresAt = new Date(ctx.now.getTime() + INVITATION_TTL_DAYS * 86_400_000);
  try {
    return await tenantTx(ctx, async (tx) => {
      await lockOrganization(tx, tenant.id);
      const [existingMember] = await tx
        .select({ id: members.id })
        .from(members)
        .innerJoin(users, eq(users.id, members.userId))
        .where(and(eq(members.organizationId, tenant.id), eq(sql`lower(${users.email})`, data.email)));
      if (existingMember) throw conflict(`${data.email} is already a member.`, { field: 'email' });
      const [invitation] = await tx
        .insert(invitations)
        .values({
          id,
          organizationId: tenant.id,
          email: data.email,
          role: data.role,
          tokenHash: sha256(token),
          invitedByUserId: ctx.actor.type === 'user' ? ctx.actor.userId : null,
          expiresAt,
          createdAt: ctx.now,
        })
        .returning();
      await enqueue(tx, ctx, {
        organizationId: tenant.id,
        topic: 'email.invitation',
        payload: {
          to: data.email,
          organizationName: tenant.name,
          role: data.role,
          invitedBy: ctx.actor.type === 'user' ? ctx.actor.name : 'Bookline',
          acceptUrl: invitationUrl(token),
          expiresAt: expiresAt.toISOString(),
        },
      });
      await recordAudit(tx, ctx, {
        organizationId: tenant.id,
        action: 'invitation.created',
        entity: 'invitation',
        entityId: id,
        changes: { after: { email: data.email, role: data.role } },
      });
      return { ...presentInvitation(invitation!, ctx.now), acceptUrl: invitationUrl(token) };
    });
  } catch (err) {
    if (sqlState(err) === '23505') throw conflict(`${data.email} already has a pending invitation.`, { field: 'email' });
    throw err;
  }
}
