/**
 * The rules engine's inputs, read from the database inside the booking's locked transaction,
 * after its resource locks: the organization's active rules, the resource's section, who books
 * (member? tier?) and the organization's settings in ONE query; then, only when a rule counts
 * the booker's history (quota, gap, run, upcoming), an advisory lock on the booker
 * (`ruleSubjectLock`) and their bookings. The order is fixed — resources, then the booking row
 * when there is one, then the booker — so two requests by one member for different assets
 * queue on the booker's lock and cannot both read the same usage and both pass.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { bookingApprovals, type bookingRules } from '@/db/schema';
import type { BookingAccessMode, RuleKind } from '@/db/enums';
import type { OrganizationSettings } from '@/db/schema';
import { type AppError, forbidden, ruleViolation } from '@/lib/errors';
import { newId } from '@/lib/ids';
import type { Ctx } from '@/modules/kernel';
import { type Booker, type CountedBooking, type Decision, evaluateRules, type RuleAction, type RuleDef, type RuleResult, type TierInfo } from './engine';
import type { RuleParams, RuleResultDto } from './schemas';

/** Kinds that read the booker's other bookings (and so count under the booker's lock). */
const countingKinds: readonly RuleKind[] = ['max_consecutive', 'min_gap', 'quota', 'max_upcoming'];
/** How far either side of a request its bookings can matter (a year's quota, a run of stays). */
const WINDOW_MS = 400 * 86_400_000;

export type RuleRow = typeof bookingRules.$inferSelect;

export function ruleDefOf(row: RuleRow): RuleDef {
  return {
    id: row.id,
    name: row.name,
    names: { en: row.translations.en?.name, es: row.translations.es?.name },
    kind: row.kind,
    params: row.params as RuleParams[RuleKind],
    scope: row.scope,
    section: row.section,
    resourceId: row.resourceId,
    tierId: row.tierId,
    outcome: row.outcome,
    adminsExempt: row.adminsExempt,
  };
}

export const countsBookings = (rules: readonly RuleRow[]) => rules.some((r) => countingKinds.includes(r.kind));

/** The advisory-lock key of one booker's rule usage (sorted with the resource ids it joins). */
const ruleSubjectLock = (organizationId: string, email: string) => `rules:${organizationId}:${email.trim().toLowerCase()}`;

export interface RuleSubject {
  /** Whose bookings count: the person the booking is for. */
  email: string;
  /** Signed in as a member of the organization (guests on the public page: false). */
  signedIn: boolean;
  /** The actor acts as an owner or admin (exempt from rules that say so). */
  isAdmin: boolean;
}

export interface Judgement {
  /** Null when the organization has no active rule. */
  decision: Decision | null;
  access: { mode: BookingAccessMode; tierIds: string[] };
  booker: Booker;
  /** The member's id when the booker is one (approvals name them). */
  memberId: string | null;
  /** The rules evaluated (approvals copy their approvers). */
  rules: RuleRow[];
  approvalExpiryHours: number;
  tiers: TierInfo[];
}

export const DEFAULT_APPROVAL_EXPIRY_HOURS = 48;
/** How long a waitlist hold lasts unless the organization says otherwise (settings.waitlistHoldMinutes). */
export const DEFAULT_WAITLIST_HOLD_MINUTES = 60;

export interface JudgeRequest {
  organizationId: string;
  zone: string;
  now: Date;
  action: RuleAction;
  resourceId: string;
  start: Date;
  end: Date;
  currentStart?: Date;
  excludeBookingId?: string;
  subject: RuleSubject;
}

/**
 * Reads who may book, the rules and what they need, and evaluates them (no decision when the
 * organization has no active rule). Inside the booking's transaction, after its resource locks: the booker's lock
 * comes last (resources in id order, then the booker), the one order every writer follows.
 */
export async function judge(tx: Tx, r: JudgeRequest): Promise<Judgement> {
  const email = r.subject.email.trim().toLowerCase();
  const setting = await readRuleSetting(tx, r.organizationId, email, [r.resourceId], r.subject);
  const { base, resources } = setting;
  if (base.rules.length === 0) return { ...base, decision: null };
  let bookings: CountedBooking[] = [];
  if (countsBookings(base.rules)) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${ruleSubjectLock(r.organizationId, email)}, 0))`);
    bookings = await countedBookings(tx, r.organizationId, email, {
      from: Math.min(r.start.getTime(), r.now.getTime()),
      to: r.end.getTime(),
      excludeBookingId: r.excludeBookingId,
      sections: setting.sections,
    });
  }
  const decision = evaluateRules(base.rules.map(ruleDefOf), {
    request: {
      action: r.action,
      ...requestResource(resources, r.resourceId),
      start: r.start.getTime(),
      end: r.end.getTime(),
      currentStart: r.currentStart?.getTime(),
      zone: r.zone,
      now: r.now.getTime(),
    },
    booker: base.booker,
    bookings,
    tiers: base.tiers,
  });
  return { ...base, decision };
}

export interface ResourceInfo {
  name: string;
  section: string | null;
  translations?: Record<string, { name?: string }>;
}

/** The request's resource fields the engine reads (a resource not found: no name, no section). */
export function requestResource(resources: Record<string, ResourceInfo>, resourceId: string) {
  const resource = resources[resourceId] ?? { name: '', section: null };
  return { resourceId, resourceName: resource.name, resourceNames: { es: resource.translations?.es?.name }, section: resource.section };
}

/**
 * Who may book, the active rules, the resources' names and sections, the booker (member? tier?),
 * the tiers and the settings, in ONE query.
 */
export async function readRuleSetting(
  tx: Tx,
  organizationId: string,
  email: string,
  resourceIds: readonly string[],
  subject: Pick<RuleSubject, 'signedIn' | 'isAdmin'>,
): Promise<{ base: Omit<Judgement, 'decision'>; resources: Record<string, ResourceInfo>; sections: Record<string, string> }> {
  const ids = resourceIds.length
    ? sql.join(
        resourceIds.map((id) => sql`${id}`),
        sql`, `,
      )
    : sql`null`;
  const first = (await tx.execute(sql`
    select
      (select coalesce(json_agg(x order by x.sort_order, x.created_at), '[]'::json) from booking_rules x
        where x.organization_id = ${organizationId} and x.active) as rules,
      (select coalesce(json_object_agg(id, json_build_object('name', name, 'section', section, 'translations', translations)), '{}'::json)
        from resources where organization_id = ${organizationId} and id in (${ids})) as resources,
      (select json_build_object('id', m.id, 'tierId', m.tier_id) from members m join "user" u on u.id = m.user_id
        where m.organization_id = ${organizationId} and lower(u.email) = ${email} limit 1) as member,
      (select coalesce(json_agg(json_build_object('id', id, 'name', name, 'translations', translations)), '[]'::json)
        from member_tiers where organization_id = ${organizationId}) as tiers,
      (select coalesce(json_object_agg(id, section), '{}'::json) from resources
        where organization_id = ${organizationId} and section is not null) as sections,
      (select settings from organizations where id = ${organizationId}) as settings`)) as unknown as { rows: Record<string, unknown>[] };
  const row = first.rows[0]!;
  const rules = (row.rules as Record<string, unknown>[]).map(ruleRowOf);
  const settings = (row.settings as OrganizationSettings | null) ?? {};
  const member = row.member as { id: string; tierId: string | null } | null;
  const isMember = subject.signedIn && member !== null;
  const booker: Booker = { member: isMember, tierId: isMember ? member.tierId : null, isAdmin: subject.isAdmin };
  const tiers = (row.tiers as { id: string; name: string; translations: Record<string, { name?: string }> }[]).map(
    (t): TierInfo => ({ id: t.id, name: t.name, names: { en: t.translations.en?.name, es: t.translations.es?.name } }),
  );
  return {
    base: {
      access: { mode: settings.bookingAccess ?? 'anyone', tierIds: settings.bookingTierIds ?? [] },
      booker,
      memberId: isMember ? member.id : null,
      rules,
      tiers,
      approvalExpiryHours: settings.approvalExpiryHours ?? DEFAULT_APPROVAL_EXPIRY_HOURS,
    },
    resources: row.resources as Record<string, ResourceInfo>,
    sections: row.sections as Record<string, string>,
  };
}

/**
 * The booker's bookings that rules count (not cancelled, rejected or no-show) near [from, to]
 * (epoch ms): as far either side as a rule can look (a year's quota, a run of stays).
 */
export async function countedBookings(
  tx: Tx,
  organizationId: string,
  email: string,
  w: { from: number; to: number; excludeBookingId?: string; sections: Readonly<Record<string, string | null>> },
): Promise<CountedBooking[]> {
  const lo = new Date(w.from - WINDOW_MS).toISOString();
  const hi = new Date(w.to + WINDOW_MS).toISOString();
  // The customer's rows by the (organization, customer, starts_at) index and no join (the
  // section comes from the organization's map, readRuleSetting); epochs through date_part, a
  // float (extract's numeric cost more per row than the rest of the query: bench/rules.ts).
  const result = (await tx.execute(sql`
    select b.id, b.resource_id as "resourceId", date_part('epoch', b.starts_at) * 1000 as start, date_part('epoch', b.ends_at) * 1000 as "end"
    from bookings b
    where b.organization_id = ${organizationId}
      and b.customer_id in (select c.id from customers c where c.organization_id = ${organizationId} and lower(c.email) = ${email})
      and b.status in ('pending', 'confirmed', 'in_progress', 'completed')
      and b.id <> ${w.excludeBookingId ?? ''}
      and b.starts_at < ${hi}::timestamptz and b.ends_at > ${lo}::timestamptz`)) as unknown as { rows: { id: string; resourceId: string; start: number; end: number }[] };
  return result.rows.map((b) => ({ id: b.id, resourceId: b.resourceId, section: w.sections[b.resourceId] ?? null, start: Number(b.start), end: Number(b.end) }));
}

/** A booking_rules row read through json_agg (snake_case keys) as the table's row type. */
function ruleRowOf(x: Record<string, unknown>): RuleRow {
  return {
    id: x.id as string,
    organizationId: x.organization_id as string,
    name: x.name as string,
    translations: x.translations as RuleRow['translations'],
    kind: x.kind as RuleRow['kind'],
    params: x.params as RuleRow['params'],
    scope: x.scope as RuleRow['scope'],
    section: x.section as string | null,
    resourceId: x.resource_id as string | null,
    tierId: x.tier_id as string | null,
    outcome: x.outcome as RuleRow['outcome'],
    adminsExempt: x.admins_exempt as boolean,
    approvers: x.approvers as RuleRow['approvers'],
    active: x.active as boolean,
    sortOrder: x.sort_order as number,
    createdAt: new Date(x.created_at as string),
    updatedAt: new Date(x.updated_at as string),
  };
}

export function presentResult(result: RuleResult, locale: 'en' | 'es' = 'en'): RuleResultDto {
  return {
    ruleId: result.ruleId,
    ruleName: result.ruleName[locale],
    kind: result.kind,
    outcome: result.outcome,
    applies: result.applies,
    passed: result.passed,
    exempt: result.exempt,
    reason: result.reason[locale],
    reasons: result.reason,
  };
}

/** Failed results (deny, approval, warn) as the answer shows them. */
export function failedResults(decision: Decision, locale: 'en' | 'es' = 'en'): RuleResultDto[] {
  return decision.results.filter((r) => !r.passed).map((r) => presentResult(r, locale));
}

/** A denied request: 422, the first reason as the message, every failed rule in `details.rules`. */
export function rulesDenied(decision: Decision, ctx: Pick<Ctx, 'request'>): AppError {
  const locale = ctx.request.locale ?? 'en';
  const denied = decision.results.filter((r) => !r.passed && r.outcome === 'deny');
  const first = denied[0]!.reason[locale];
  const more = denied.length - 1;
  const tail = more > 0 ? (locale === 'es' ? ` (y ${more} regla${more === 1 ? '' : 's'} más)` : ` (and ${more} more rule${more === 1 ? '' : 's'})`) : '';
  return ruleViolation(`${first}${tail}`, { rule: 'booking_rules', rules: failedResults(decision, locale) });
}

/** Raised inside a booking's transaction when rules deny it (rolls it back); the caller answers 422. */
export class RulesDenied extends Error {
  override name = 'RulesDenied';
  constructor(readonly decision: Decision) {
    super('booking denied by rules');
  }
}

/**
 * The approval rows of a request that tripped approval rules: one per rule, with the reason the
 * member saw and the rule's approvers; undecided, they expire after the organization's hours
 * (or at the booking's start, if sooner).
 */
export function approvalRows(judgement: Judgement, b: { organizationId: string; bookingId: string; start: Date; now: Date }) {
  const expiresAt = new Date(Math.min(b.now.getTime() + judgement.approvalExpiryHours * 3_600_000, b.start.getTime()));
  return (judgement.decision?.results ?? [])
    .filter((r) => !r.passed && r.outcome === 'approval')
    .map((r) => {
      const rule = judgement.rules.find((x) => x.id === r.ruleId)!;
      return {
        id: newId('bookingApproval'),
        organizationId: b.organizationId,
        bookingId: b.bookingId,
        ruleId: r.ruleId,
        ruleName: rule.name,
        reason: r.reason,
        approvers: rule.approvers,
        status: 'pending' as const,
        expiresAt,
        createdAt: b.now,
      };
    });
}

/**
 * Who may book (the organization's `bookingAccess`): guests are refused by an organization that
 * books members only; a member outside the allowed tiers, by one that books given tiers only.
 * Staff booking for a customer are not held to it (they act for the business).
 */
export function checkAccess(j: Judgement, source: 'public' | 'staff' | 'member', organizationName: string): void {
  const { mode, tierIds } = j.access;
  if (mode === 'anyone' || source === 'staff') return;
  if (source === 'public') {
    throw forbidden(`${organizationName} takes bookings from its members only: sign in to book.`, { reason: 'members_only', bookingAccess: mode });
  }
  if (mode === 'tiers' && (j.booker.tierId === null || !tierIds.includes(j.booker.tierId))) {
    const names = tierIds.map((id) => j.tiers.find((t) => t.id === id)?.name ?? id).join(', ');
    throw forbidden(`${organizationName} takes bookings from ${names} members only.`, { reason: 'tier_not_allowed', bookingAccess: mode, tiers: names });
  }
}

/** How many of a booking's approvals are still undecided. */
export async function openApprovals(tx: Tx, organizationId: string, bookingId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(bookingApprovals)
    .where(and(eq(bookingApprovals.organizationId, organizationId), eq(bookingApprovals.bookingId, bookingId), eq(bookingApprovals.status, 'pending')));
  return row?.n ?? 0;
}

/** The request left pending another way (cancelled, rejected): its undecided approvals close with it. */
export async function closeApprovals(tx: Tx, organizationId: string, bookingId: string, now: Date): Promise<void> {
  await tx
    .update(bookingApprovals)
    .set({ status: 'closed', decidedAt: now })
    .where(and(eq(bookingApprovals.organizationId, organizationId), eq(bookingApprovals.bookingId, bookingId), eq(bookingApprovals.status, 'pending')));
}
