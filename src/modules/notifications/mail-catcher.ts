/**
 * The mail page's reads: the messages the catcher kept for this organization, one in full
 * (rendered parts and raw source), and the outbox's delivery states (pending, retrying, failed
 * with the last error: dead letters are visible). Owners and admins read them (settings:manage);
 * in a demo organization every member does, so a visitor signed in with a demo account sees the
 * emails the demo's guests would get.
 */
import { and, count, desc, eq, gt, ne, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Tx } from '@/db/client';
import { mailMessages, organizations, outbox } from '@/db/schema';
import { iso } from '@/lib/dto';
import { forbidden, notFound } from '@/lib/errors';
import { type Page, pageOffset, toPage } from '@/lib/pagination';
import { authorize, can, type Ctx, tenantTx } from '@/modules/kernel';
import type { DeliveryDto, listDeliveriesQuery, listMailQuery, MailDto, MailSummaryDto } from './schemas';

async function requireMailReader(tx: Tx, ctx: Ctx & { tenant: { id: string } }) {
  if (ctx.actor.type !== 'user' || can(ctx.actor.role, 'settings:manage')) return;
  const [org] = await tx.select({ isDemo: organizations.isDemo }).from(organizations).where(eq(organizations.id, ctx.tenant.id));
  if (!org?.isDemo) throw forbidden(`Your role (${ctx.actor.role}) does not allow reading the organization's mail.`, { permission: 'settings:manage', role: ctx.actor.role });
}

/** Whether the acting member may open the mail page (the dashboard's nav asks). */
export async function mailReadable(ctx: Ctx): Promise<boolean> {
  authorize(ctx, 'org:read');
  if (ctx.actor.type !== 'user' || can(ctx.actor.role, 'settings:manage')) return true;
  return tenantTx(ctx, async (tx) => {
    const [org] = await tx.select({ isDemo: organizations.isDemo }).from(organizations).where(eq(organizations.id, ctx.tenant.id));
    return !!org?.isDemo;
  });
}

const summaryColumns = {
  id: mailMessages.id,
  topic: mailMessages.topic,
  from: mailMessages.from,
  to: mailMessages.to,
  subject: mailMessages.subject,
  attachments: mailMessages.attachments,
  createdAt: mailMessages.createdAt,
};

export async function listMail(ctx: Ctx, q: z.output<typeof listMailQuery>): Promise<Page<MailSummaryDto>> {
  authorize(ctx, 'org:read');
  return tenantTx(ctx, async (tx) => {
    await requireMailReader(tx, ctx);
    const { limit, offset } = pageOffset(q);
    const where = eq(mailMessages.organizationId, ctx.tenant.id);
    const rows = await tx.select(summaryColumns).from(mailMessages).where(where).orderBy(desc(mailMessages.createdAt), desc(mailMessages.id)).limit(limit).offset(offset);
    const [total] = await tx.select({ n: count() }).from(mailMessages).where(where);
    return toPage(rows.map((r) => ({ ...r, createdAt: iso(r.createdAt) })), total?.n ?? 0, q);
  });
}

export async function getMail(ctx: Ctx, mailId: string): Promise<MailDto> {
  authorize(ctx, 'org:read');
  return tenantTx(ctx, async (tx) => {
    await requireMailReader(tx, ctx);
    const [row] = await tx
      .select({ ...summaryColumns, text: mailMessages.text, html: mailMessages.html, raw: mailMessages.raw })
      .from(mailMessages)
      .where(and(eq(mailMessages.organizationId, ctx.tenant.id), eq(mailMessages.id, mailId)));
    if (!row) throw notFound('Message');
    return { ...row, createdAt: iso(row.createdAt) };
  });
}

const stateOf = (r: { status: string; attempts: number }): DeliveryDto['state'] =>
  r.status === 'sent' ? 'sent' : r.status === 'failed' ? 'failed' : r.attempts > 0 ? 'retrying' : 'pending';

export async function listDeliveries(ctx: Ctx, q: z.output<typeof listDeliveriesQuery>): Promise<Page<DeliveryDto>> {
  authorize(ctx, 'org:read');
  const byState: Record<DeliveryDto['state'], SQL | undefined> = {
    pending: and(eq(outbox.status, 'pending'), eq(outbox.attempts, 0)),
    retrying: and(eq(outbox.status, 'pending'), gt(outbox.attempts, 0)),
    failed: eq(outbox.status, 'failed'),
    sent: eq(outbox.status, 'sent'),
  };
  return tenantTx(ctx, async (tx) => {
    await requireMailReader(tx, ctx);
    // Live-only rows (event.seats_changed: nothing to deliver) are not deliveries.
    const where = and(eq(outbox.organizationId, ctx.tenant.id), ne(outbox.topic, 'event.seats_changed'), q.state ? byState[q.state] : ne(outbox.status, 'sent'));
    const { limit, offset } = pageOffset(q);
    const rows = await tx.select().from(outbox).where(where).orderBy(desc(outbox.createdAt), desc(outbox.id)).limit(limit).offset(offset);
    const [total] = await tx.select({ n: count() }).from(outbox).where(where);
    return toPage(
      rows.map((r) => ({
        id: r.id,
        topic: r.topic,
        state: stateOf(r),
        attempts: r.attempts,
        lastError: r.lastError,
        nextAttemptAt: r.status === 'pending' ? iso(r.availableAt) : null,
        createdAt: iso(r.createdAt),
        sentAt: iso(r.sentAt),
      })),
      total?.n ?? 0,
      q,
    );
  });
}
