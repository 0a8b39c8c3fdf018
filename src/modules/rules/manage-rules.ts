/**
 * Rules as data: owners and admins list, create, change and delete them (rules:manage). Each
 * rule's parameters are validated against its kind, its scope against the organization's
 * resources and sections, and every change is audited.
 */
import type { z } from 'zod';
import { and, asc, count, eq, type SQL } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { bookingRules, memberTiers, resources } from '@/db/schema';
import { newId } from '@/lib/ids';
import { notFound, validationError } from '@/lib/errors';
import { type Page, pageOffset, toPage } from '@/lib/pagination';
import { auditChanges, authorize, type AuthorizedCtx, changedKeys, type Ctx, recordAudit, tenantTx, validationFailure } from '@/modules/kernel';
import type { RuleRow } from './evaluate';
import { presentRule } from './present';
import { type createRuleInput, type listRulesQuery, ruleParamsSchemas, type RuleDto, type updateRuleInput } from './schemas';

type RuleFields = z.output<typeof createRuleInput>;

export async function listRules(ctx: Ctx, q: z.output<typeof listRulesQuery>): Promise<Page<RuleDto>> {
  authorize(ctx, 'rules:manage');
  const orgId = ctx.tenant.id;
  const where: SQL[] = [eq(bookingRules.organizationId, orgId)];
  if (q.kind) where.push(eq(bookingRules.kind, q.kind));
  if (q.resourceId) where.push(eq(bookingRules.resourceId, q.resourceId));
  return tenantTx(ctx, async (tx) => {
    const { limit, offset } = pageOffset(q);
    const rows = await tx
      .select()
      .from(bookingRules)
      .where(and(...where))
      .orderBy(asc(bookingRules.sortOrder), asc(bookingRules.createdAt))
      .limit(limit)
      .offset(offset);
    const [total] = await tx.select({ n: count() }).from(bookingRules).where(and(...where));
    return toPage(
      rows.map((r) => presentRule(r, ctx.request.locale)),
      total?.n ?? 0,
      q,
    );
  });
}

export async function createRule(ctx: Ctx, input: RuleFields): Promise<RuleDto> {
  authorize(ctx, 'rules:manage');
  const orgId = ctx.tenant.id;
  return tenantTx(ctx, async (tx) => {
    const fields = await checkRule(tx, ctx, input);
    const [row] = await tx
      .insert(bookingRules)
      .values({ id: newId('bookingRule'), organizationId: orgId, ...fields, createdAt: ctx.now, updatedAt: ctx.now })
      .returning();
    await recordAudit(tx, ctx, { organizationId: orgId, action: 'booking_rule.created', entity: 'booking_rule', entityId: row!.id, changes: { after: fields } });
    return presentRule(row!, ctx.request.locale);
  });
}

export async function updateRule(ctx: Ctx, id: string, input: z.output<typeof updateRuleInput>): Promise<RuleDto> {
  authorize(ctx, 'rules:manage');
  const orgId = ctx.tenant.id;
  return tenantTx(ctx, async (tx) => {
    const before = await ruleById(tx, orgId, id);
    const merged = { ...fieldsOf(before), ...input };
    // A new scope clears what belonged to the old one (a section rule made club-wide drops its section).
    if (input.scope === 'organization') Object.assign(merged, { section: input.section ?? null, resourceId: input.resourceId ?? null });
    if (input.scope === 'section' && input.resourceId === undefined) merged.resourceId = null;
    if (input.scope === 'resource' && input.section === undefined) merged.section = null;
    const fields = await checkRule(tx, ctx, merged);
    const changed = changedKeys(before, fields);
    if (changed.length === 0) return presentRule(before, ctx.request.locale);
    const [after] = await tx
      .update(bookingRules)
      .set({ ...fields, updatedAt: ctx.now })
      .where(and(eq(bookingRules.organizationId, orgId), eq(bookingRules.id, id)))
      .returning();
    await recordAudit(tx, ctx, { organizationId: orgId, action: 'booking_rule.updated', entity: 'booking_rule', entityId: id, changes: auditChanges(before, after!, changed) });
    return presentRule(after!, ctx.request.locale);
  });
}

export async function deleteRule(ctx: Ctx, id: string): Promise<void> {
  authorize(ctx, 'rules:manage');
  const orgId = ctx.tenant.id;
  await tenantTx(ctx, async (tx) => {
    const before = await ruleById(tx, orgId, id);
    await tx.delete(bookingRules).where(and(eq(bookingRules.organizationId, orgId), eq(bookingRules.id, id)));
    await recordAudit(tx, ctx, { organizationId: orgId, action: 'booking_rule.deleted', entity: 'booking_rule', entityId: id, changes: { before: fieldsOf(before) } });
  });
}

export async function ruleById(tx: Tx, orgId: string, id: string): Promise<RuleRow> {
  const [row] = await tx.select().from(bookingRules).where(and(eq(bookingRules.organizationId, orgId), eq(bookingRules.id, id)));
  if (!row) throw notFound('Rule');
  return row;
}

function fieldsOf(row: RuleRow): RuleFields {
  const { id: _id, organizationId: _org, createdAt: _c, updatedAt: _u, ...fields } = row;
  return fields as RuleFields;
}

/** The kind's parameters, the scope's section or resource, and the tiers named must all hold. */
async function checkRule(tx: Tx, ctx: AuthorizedCtx, f: RuleFields): Promise<RuleFields> {
  const orgId = ctx.tenant.id;
  const parsed = ruleParamsSchemas[f.kind].safeParse(f.params);
  if (!parsed.success) {
    const failure = validationFailure(parsed.error, `${f.kind} rule`);
    const details = failure.details as { fields: { path: string; message: string }[] };
    throw validationError(failure.message, { fields: details.fields.map((x) => ({ ...x, path: x.path === '(root)' ? 'params' : `params.${x.path}` })) });
  }
  const field = (path: string, message: string) => validationError(`Invalid rule: ${path} ${message}`, { fields: [{ path, message }] });
  if (f.scope === 'section' && !f.section) throw field('section', 'is required for a section rule');
  if (f.scope === 'resource' && !f.resourceId) throw field('resourceId', 'is required for a resource rule');
  const section = f.scope === 'section' ? f.section : null;
  const resourceId = f.scope === 'resource' ? f.resourceId : null;
  if (resourceId) {
    const [r] = await tx.select({ id: resources.id }).from(resources).where(and(eq(resources.organizationId, orgId), eq(resources.id, resourceId)));
    if (!r) throw field('resourceId', 'is not a resource of this organization');
  }
  if (section) {
    const [r] = await tx.select({ id: resources.id }).from(resources).where(and(eq(resources.organizationId, orgId), eq(resources.section, section))).limit(1);
    if (!r) throw field('section', 'no resource is in this section');
  }
  const tierIds = [...(f.tierId ? [f.tierId] : []), ...(f.kind === 'tier_only' ? (parsed.data as { tierIds: string[] }).tierIds : [])];
  if (tierIds.length > 0) {
    const known = new Set((await tx.select({ id: memberTiers.id }).from(memberTiers).where(eq(memberTiers.organizationId, orgId))).map((t) => t.id));
    const unknown = tierIds.find((id) => !known.has(id));
    if (unknown) throw field(f.tierId === unknown ? 'tierId' : 'params.tierIds', `${unknown} is not a tier of this organization`);
  }
  return { ...f, params: parsed.data as Record<string, unknown>, section, resourceId };
}
