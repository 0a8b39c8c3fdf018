/** Reads: a customer's account and ledger page, a guest's summary by email. */
import { and, count, desc, eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { customers, loyaltyLedger } from '@/db/schema';
import { type PageRequest, pageOffset, toPage } from '@/lib/pagination';
import { type AccountRow, findAccount, findCustomerIdByEmail } from './ledger';
import { presentEntry, presentSummary } from './present';
import { type ProgramRow, readProgram } from './program';
import type { GuestLoyaltyDto, LedgerEntryDto } from './schemas';

export async function ledgerPageOf(tx: Executor, orgId: string, account: AccountRow | null, q: PageRequest) {
  if (!account) return toPage<LedgerEntryDto>([], 0, q);
  const { limit, offset } = pageOffset(q);
  const where = and(eq(loyaltyLedger.organizationId, orgId), eq(loyaltyLedger.accountId, account.id));
  const rows = await tx.select().from(loyaltyLedger).where(where).orderBy(desc(loyaltyLedger.createdAt), desc(loyaltyLedger.id)).limit(limit).offset(offset);
  const [total] = await tx.select({ n: count() }).from(loyaltyLedger).where(where);
  return toPage(rows.map(presentEntry), total?.n ?? 0, q);
}

/** RECENT rows a guest page shows. */
const RECENT = 5;

/**
 * The loyalty block of a guest's order or booking page: the points of the customer the order's
 * or booking's email names (the secret link proves the guest holds that email's mail). Null when
 * the program is off.
 */
export async function loyaltyForEmail(tx: Executor, orgId: string, email: string, currency: string): Promise<GuestLoyaltyDto | null> {
  const program = await readProgram(tx, orgId);
  if (!program.enabled) return null;
  return guestView(tx, orgId, program, await findCustomerIdByEmail(tx, orgId, email), currency);
}

/** The same for a booking's customer (a merged-away customer's points are the survivor's). */
export async function loyaltyForCustomer(tx: Executor, orgId: string, customerId: string, currency: string): Promise<GuestLoyaltyDto | null> {
  const program = await readProgram(tx, orgId);
  if (!program.enabled) return null;
  const [c] = await tx.select({ id: customers.id, mergedIntoId: customers.mergedIntoId }).from(customers).where(and(eq(customers.organizationId, orgId), eq(customers.id, customerId)));
  return guestView(tx, orgId, program, c ? (c.mergedIntoId ?? c.id) : null, currency);
}

async function guestView(tx: Executor, orgId: string, program: ProgramRow, customerId: string | null, currency: string): Promise<GuestLoyaltyDto> {
  const account = customerId ? await findAccount(tx, orgId, customerId) : null;
  const recent = await ledgerPageOf(tx, orgId, account, { page: 1, pageSize: RECENT });
  return { summary: presentSummary(program, account, currency), recent: recent.data };
}
