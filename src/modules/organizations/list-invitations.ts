import { and, count, desc, eq } from 'drizzle-orm';
import { invitations } from '@/db/schema';
import type { z } from 'zod';
import { type Page, pageOffset, toPage } from '@/lib/pagination';
import { authorize, type Ctx, tenantTx } from '@/modules/kernel';
import { presentInvitation } from './present';
import type { InvitationDto, listInvitationsQuery } from './schemas';

export async function listInvitations(ctx: Ctx, q: z.output<typeof listInvitationsQuery>): Promise<Page<InvitationDto>> {
  authorize(ctx, 'members:manage');
  const where = and(eq(invitations.organizationId, ctx.tenant.id), q.status ? eq(invitations.status, q.status) : undefined);
  return tenantTx(ctx, async (tx) => {
    const { limit, offset } = pageOffset(q);
    const rows = await tx
      .select({
        id: invitations.id,
        email: invitations.email,
        role: invitations.role,
        status: invitations.status,
        expiresAt: invitations.expiresAt,
        acceptedAt: invitations.acceptedAt,
        createdAt: invitations.createdAt,
      })
      .from(invitations)
      .where(where)
      .orderBy(desc(invitations.createdAt), desc(invitations.id))
      .limit(limit)
      .offset(offset);
    const [total] = await tx.select({ n: count() }).from(invitations).where(where);
    return toPage(
      rows.map((r) => presentInvitation(r, ctx.now)),
      total?.n ?? 0,
      q,
    );
  });
}
