/**
 * Availability as one member sees it: every free time judged by the club's rules for them, so
 * the calendar can mark what they may not book (and why) and what needs approval, before they
 * pick it. Advice, like the dry run: nothing is locked, and the booking is judged again under
 * its locks. One query for the rules and who books, one for their bookings (only when a rule
 * counts them), then the pure engine per time — no query per slot.
 */
import type { Tx } from '@/db/client';
import { isAppError } from '@/lib/errors';
import { type Decision, evaluateRules } from './engine';
import { checkAccess, countedBookings, countsBookings, readRuleSetting, requestResource, ruleDefOf, type RuleSubject } from './evaluate';

export interface SlotMarkRequest {
  organizationId: string;
  organizationName: string;
  zone: string;
  now: Date;
  subject: RuleSubject;
  /** Members book for themselves; staff for a customer (the access setting binds members only). */
  source: 'member' | 'staff';
  resourceIds: readonly string[];
  /** The span the times fall in (epoch ms). */
  from: number;
  to: number;
}

export interface SlotJudge {
  /** The booker may not book here at all (who-may-book): the reason, for every time. */
  accessReason: string | null;
  /** The rules' decision for this time on this resource; null when the organization has no active rule. */
  decide(resourceId: string, start: number, end: number): Decision | null;
}

export async function slotJudge(tx: Tx, r: SlotMarkRequest): Promise<SlotJudge> {
  const email = r.subject.email.trim().toLowerCase();
  const { base, resources, sections } = await readRuleSetting(tx, r.organizationId, email, r.resourceIds, r.subject);
  let accessReason: string | null = null;
  try {
    checkAccess({ ...base, decision: null }, r.source, r.organizationName);
  } catch (err) {
    if (!isAppError(err)) throw err;
    accessReason = err.message;
  }
  if (base.rules.length === 0) return { accessReason, decide: () => null };
  const bookings = countsBookings(base.rules) ? await countedBookings(tx, r.organizationId, email, { from: Math.min(r.from, r.now.getTime()), to: r.to, sections }) : [];
  const defs = base.rules.map(ruleDefOf);
  return {
    accessReason,
    decide: (resourceId, start, end) =>
      evaluateRules(defs, {
        request: { action: 'create', ...requestResource(resources, resourceId), start, end, zone: r.zone, now: r.now.getTime() },
        booker: base.booker,
        bookings,
        tiers: base.tiers,
      }),
  };
}
