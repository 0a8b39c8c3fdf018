/**
 * Manage-link tokens in the database (booking_manage_tokens): one current row per booking;
 * replaced rows stay, without their ciphertext, so an old link answers "expired" (410) rather
 * than "not found". Issuing is part of the booking's own statement (place-booking.ts); here:
 * resolving a link, rotating it, and showing the current one again.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { bookingManageTokens, bookings, organizations } from '@/db/schema';
import { gone, notFound } from '@/lib/errors';
import { newId } from '@/lib/ids';
import { type Ctx, noRequest, recordAudit, type Tenant } from '@/modules/kernel';
import { findTenantBySlug } from '@/modules/organizations';
import { type IssuedToken, issueToken, linkExpiresAt, MANAGE_LINK_DAYS_AFTER_END, manageTokenHash, manageUrl, revealToken } from './manage-token';
import { manageTokenSchema } from './schemas';

/** The token row's INSERT, not yet run (the booking's statement embeds it). */
export function tokenInsert(tx: Tx, ctx: Ctx, organizationId: string, bookingId: string, issued: IssuedToken) {
  return tx.insert(bookingManageTokens).values({
    id: newId('bookingManageToken'),
    organizationId,
    bookingId,
    tokenHash: issued.hash,
    tokenCiphertext: issued.ciphertext,
    createdAt: ctx.now,
  });
}

/**
 * Replaces the booking's current token with a fresh one and audits it (never the token
 * itself). The caller holds the booking row's lock, so two replacements cannot race.
 */
export async function replaceManageToken(tx: Tx, ctx: Ctx, organizationId: string, bookingId: string, why: 'rotated' | 'reissued'): Promise<string> {
  await tx
    .update(bookingManageTokens)
    .set({ replacedAt: ctx.now, tokenCiphertext: null })
    .where(and(eq(bookingManageTokens.organizationId, organizationId), eq(bookingManageTokens.bookingId, bookingId), isNull(bookingManageTokens.replacedAt)));
  const issued = issueToken(organizationId, bookingId);
  await tokenInsert(tx, ctx, organizationId, bookingId, issued);
  await recordAudit(tx, ctx, {
    organizationId,
    action: 'booking.manage_link_rotated',
    entity: 'booking',
    entityId: bookingId,
    changes: { after: { reason: why } },
  });
  return issued.token;
}

async function readCurrent(tx: Tx, organizationId: string, bookingId: string): Promise<string | null> {
  const [row] = await tx
    .select({ ciphertext: bookingManageTokens.tokenCiphertext })
    .from(bookingManageTokens)
    .where(and(eq(bookingManageTokens.organizationId, organizationId), eq(bookingManageTokens.bookingId, bookingId), isNull(bookingManageTokens.replacedAt)));
  return revealToken(row?.ciphertext ?? null, organizationId, bookingId);
}

/**
 * The booking's current token, to show again (an idempotent replay, the outbox). When none can
 * be shown — a link from before tokens were random, a changed server secret, an imported
 * booking — a fresh one is issued under the booking row's lock.
 */
export async function currentManageToken(tx: Tx, ctx: Ctx, organizationId: string, bookingId: string): Promise<string> {
  const shown = await readCurrent(tx, organizationId, bookingId);
  if (shown) return shown;
  await tx
    .select({ id: bookings.id })
    .from(bookings)
    .where(and(eq(bookings.organizationId, organizationId), eq(bookings.id, bookingId)))
    .for('update');
  return (await readCurrent(tx, organizationId, bookingId)) ?? replaceManageToken(tx, ctx, organizationId, bookingId, 'reissued');
}

/**
 * What a link's token opens. One lookup by the unique hash, across tenants (the token names no
 * organization); every read and write after it runs scoped to the booking's organization.
 * Unknown → 404; replaced, or more than MANAGE_LINK_DAYS_AFTER_END days past the booking's
 * end → 410 GONE (`details.reason: 'link_expired'`).
 */
export async function resolveManageToken(ctx: Ctx, token: string): Promise<{ bookingId: string; tenant: Tenant }> {
  const parsed = manageTokenSchema.safeParse(token);
  if (!parsed.success) throw notFound('Booking');
  const [hit] = await ctx.db
    .select({ bookingId: bookingManageTokens.bookingId, replacedAt: bookingManageTokens.replacedAt, endsAt: bookings.endsAt, slug: organizations.slug })
    .from(bookingManageTokens)
    .innerJoin(bookings, and(eq(bookings.organizationId, bookingManageTokens.organizationId), eq(bookings.id, bookingManageTokens.bookingId)))
    .innerJoin(organizations, eq(organizations.id, bookingManageTokens.organizationId))
    .where(eq(bookingManageTokens.tokenHash, manageTokenHash(parsed.data)));
  if (!hit) throw notFound('Booking');
  if (hit.replacedAt || ctx.now >= linkExpiresAt(hit.endsAt)) {
    throw gone(
      `This booking link has expired: links stop working ${MANAGE_LINK_DAYS_AFTER_END} days after the booking ends, or when the business sends a new one. Ask the business for a new link.`,
      { reason: 'link_expired' },
    );
  }
  const tenant = await findTenantBySlug(ctx.db, hit.slug);
  if (!tenant) throw notFound('Booking');
  return { bookingId: hit.bookingId, tenant };
}

/**
 * The booking's manage URL now, for messages: they carry the booking id, never the link. Runs in
 * the caller's transaction on the owner connection (the outbox worker works across tenants);
 * null when the booking is gone.
 */
export async function manageLinkIn(tx: Tx, organizationId: string, bookingId: string, now: Date): Promise<string | null> {
  const ctx: Ctx = { db: tx as unknown as Db, tenant: null, actor: { type: 'system', name: 'outbox' }, now, request: noRequest };
  const [row] = await tx
    .select({ slug: organizations.slug })
    .from(bookings)
    .innerJoin(organizations, eq(organizations.id, bookings.organizationId))
    .where(and(eq(bookings.organizationId, organizationId), eq(bookings.id, bookingId)));
  if (!row) return null;
  return manageUrl(row.slug, await currentManageToken(tx, ctx, organizationId, bookingId));
}

/** manageLinkIn in a transaction of its own. */
export function manageLinkFor(db: Db, organizationId: string, bookingId: string, now: Date): Promise<string | null> {
  return db.transaction((tx) => manageLinkIn(tx, organizationId, bookingId, now));
}

/**
 * Fresh tokens for an organization's bookings that have none: after an import (exports carry
 * no tokens, so old links stay dead). Runs in the caller's transaction; returns how many.
 */
export async function issueMissingManageTokens(tx: Tx, organizationId: string, now: Date): Promise<number> {
  const missing = await tx
    .select({ id: bookings.id })
    .from(bookings)
    .leftJoin(
      bookingManageTokens,
      and(eq(bookingManageTokens.organizationId, bookings.organizationId), eq(bookingManageTokens.bookingId, bookings.id), isNull(bookingManageTokens.replacedAt)),
    )
    .where(and(eq(bookings.organizationId, organizationId), isNull(bookingManageTokens.id)));
  for (let i = 0; i < missing.length; i += 500) {
    await tx.insert(bookingManageTokens).values(
      missing.slice(i, i + 500).map((b) => {
        const issued = issueToken(organizationId, b.id);
        return { id: newId('bookingManageToken'), organizationId, bookingId: b.id, tokenHash: issued.hash, tokenCiphertext: issued.ciphertext, createdAt: now };
      }),
    );
  }
  return missing.length;
}
