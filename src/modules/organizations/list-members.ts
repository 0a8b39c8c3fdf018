import type { z } from 'zod';
import { and, asc, count, eq, ilike, or, sql, type SQLWrapper } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { preparedSelectByShape } from '@/db/prepared-select';
import { type MemberRole, members, memberTiers, users } from '@/db/schema';
import { iso } from '@/lib/dto';
import { type Page, pageOffset, toPage, totalOf } from '@/lib/pagination';
import { authorize, type Ctx, tenantTx } from '@/modules/kernel';
import type { listMembersQuery, MemberDto } from './schemas';

const buildMemberPage = (db: Executor, role: boolean, search: boolean) =>
  db
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
    .where(memberFilter(sql.placeholder('orgId'), role ? sql.placeholder('role') : undefined, search ? sql.placeholder('pattern') : undefined))
    .orderBy(asc(users.name), asc(members.id))
    .limit(sql.placeholder('limit'))
    .offset(sql.placeholder('offset'));

/** The page's query, one per shape (a role asked or not, a search or not), built once each. */
const memberPage = preparedSelectByShape((db, { role, search }: { role: boolean; search: boolean }) => buildMemberPage(db, role, search));

/** The organization's members, of one role and matching a search when given (values or placeholders). */
function memberFilter(orgId: string | SQLWrapper, role: string | SQLWrapper | undefined, pattern: string | SQLWrapper | undefined) {
  return and(
    eq(members.organizationId, orgId),
    role !== undefined ? eq(members.role, role as MemberRole) : undefined,
    pattern !== undefined ? or(ilike(users.name, pattern), ilike(users.email, pattern)) : undefined,
  );
}

export async function listMembers(ctx: Ctx, q: z.output<typeof listMembersQuery>): Promise<Page<MemberDto>> {
  authorize(ctx, 'members:read');
  const orgId = ctx.tenant.id;
  const escaped = q.q?.replace(/[\\%_]/g, (m) => `\\${m}`);
  const pattern = escaped ? `%${escaped}%` : undefined;
  return tenantTx(ctx, async (tx) => {
    const { limit, offset } = pageOffset(q);
    const rows = await memberPage({ role: !!q.role, search: pattern !== undefined })(tx, { orgId, role: q.role, pattern, limit, offset });
    const total = await totalOf(rows.length, q, async () => {
      const [counted] = await tx
        .select({ n: count() })
        .from(members)
        .innerJoin(users, eq(users.id, members.userId))
        .where(memberFilter(orgId, q.role, pattern));
      return counted?.n ?? 0;
    });
    return toPage(
      rows.map(({ tierId, tierName, ...r }) => ({ ...r, joinedAt: iso(r.joinedAt), tier: tierId && tierName !== null ? { id: tierId, name: tierName } : null })),
      total,
      q,
    );
  });
}
