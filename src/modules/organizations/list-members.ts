import type { z } from 'zod';
import { and, asc, count, eq, ilike, or } from 'drizzle-orm';
import { members, memberTiers, users } from '@/db/schema';
import { iso } from '@/lib/dto';
import { type Page, pageOffset, toPage, totalOf } from '@/lib/pagination';
import { authorize, type Ctx, tenantTx } from '@/modules/kernel';
import type { listMembersQuery, MemberDto } from './schemas';

export async function listMembers(ctx: Ctx, q: z.output<typeof listMembersQuery>): Promise<Page<MemberDto>> {
  authorize(ctx, 'members:read');
  const orgId = ctx.tenant.id;
  const escaped = q.q?.replace(/[\\%_]/g, (m) => `\\${m}`);
  const where = and(
    eq(members.organizationId, orgId),
    q.role ? eq(members.role, q.role) : undefined,
    escaped ? or(ilike(users.name, `%${escaped}%`), ilike(users.email, `%${escaped}%`)) : undefined,
  );
  return tenantTx(ctx, async (tx) => {
    const { limit, offset } = pageOffset(q);
    const rows = await tx
      .select({
        id: members.id,
        userId: members.userId,
        name: users.name,
        email: users.email,
        role: members.role,
        twoFactorEnabled: users.twoFactorEnabled,
        joinedAt: members.createdAt,
        tierId: memberTiers.id,
        tierName: memberTiers.name,
      })
      .from(members)
      .innerJoin(users, eq(users.id, members.userId))
      .leftJoin(memberTiers, and(eq(memberTiers.organizationId, members.organizationId), eq(memberTiers.id, members.tierId)))
      .where(where)
      .orderBy(asc(users.name), asc(members.id))
      .limit(limit)
      .offset(offset);
    const total = await totalOf(rows.length, q, async () => {
      const [counted] = await tx.select({ n: count() }).from(members).innerJoin(users, eq(users.id, members.userId)).where(where);
      return counted?.n ?? 0;
    });
    return toPage(
      rows.map(({ tierId, tierName, ...r }) => ({ ...r, joinedAt: iso(r.joinedAt), tier: tierId && tierName !== null ? { id: tierId, name: tierName } : null })),
      total,
      q,
    );
  });
}
