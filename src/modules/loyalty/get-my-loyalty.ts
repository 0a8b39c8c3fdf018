import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { users } from '@/db/schema';
import { notFound } from '@/lib/errors';
import { type Ctx, requireUser, tenantTx } from '@/modules/kernel';
import { findTenantBySlug } from '@/modules/organizations';
import { findAccount, findCustomerIdByEmail } from './ledger';
import { presentSummary } from './present';
import { readProgram } from './program';
import { ledgerPageOf } from './queries';
import type { ledgerQuery, MyLoyaltyDto } from './schemas';

/**
 * The signed-in customer's own points in an organization: those of the customer under their
 * account's email, once that email is confirmed (anyone can sign up with an address they do not
 * own). Unconfirmed: an empty account and `emailVerified: false`. Unknown organization: 404.
 */
export async function getMyLoyalty(ctx: Ctx, slug: string, q: z.output<typeof ledgerQuery>): Promise<MyLoyaltyDto> {
  const user = requireUser(ctx);
  const tenant = await findTenantBySlug(ctx.db, slug);
  if (!tenant) throw notFound('Organization');
  const [account] = await ctx.db.select({ verified: users.emailVerified }).from(users).where(eq(users.id, user.userId));
  const verified = !!account?.verified;
  return tenantTx(
    ctx,
    async (tx) => {
      const program = await readProgram(tx, tenant.id);
      const customerId = verified ? await findCustomerIdByEmail(tx, tenant.id, user.email) : null;
      const acct = customerId ? await findAccount(tx, tenant.id, customerId) : null;
      return { emailVerified: verified, summary: presentSummary(program, acct, tenant.currency), ledger: await ledgerPageOf(tx, tenant.id, acct, q) };
    },
    tenant.id,
  );
}
