/**
 * The cancellation notice, one rule for every path (the guest's manage link, a member, staff,
 * the system): a booking can be cancelled or moved until `cancellationNoticeMinutes` before its
 * start. Whoever acts for the business — the permission bookings:override_policy (owner, admin,
 * manager, staff) or the system — is exempt by that permission, whatever the route.
 */
import { ruleViolation } from '@/lib/errors';
import { can, type Ctx } from '@/modules/kernel';

export function actsForBusiness(ctx: Ctx): boolean {
  if (ctx.actor.type === 'system') return true;
  return ctx.actor.type === 'user' && can(ctx.actor.role, 'bookings:override_policy');
}

export function changeDeadline(startsAt: Date, noticeMinutes: number): Date {
  return new Date(startsAt.getTime() - noticeMinutes * 60_000);
}

export interface NoticeSubject {
  startsAt: Date;
  cancellationNoticeMinutes: number;
  organizationName: string;
}

/** Whether ctx's actor may still cancel or move this booking under the notice. */
export function mayChange(ctx: Ctx, b: NoticeSubject): boolean {
  return actsForBusiness(ctx) || ctx.now < changeDeadline(b.startsAt, b.cancellationNoticeMinutes);
}

/** 422 `cancellation_notice` when the notice has passed for this actor. */
export function assertMayChange(ctx: Ctx, b: NoticeSubject, change: 'cancel' | 'reschedule'): void {
  if (mayChange(ctx, b)) return;
  const notice = b.cancellationNoticeMinutes;
  throw ruleViolation(
    `Bookings can be ${change === 'cancel' ? 'cancelled' : 'moved'} online until ${formatNotice(notice)} before the start; contact ${b.organizationName} directly.`,
    { rule: 'cancellation_notice', cancellationNoticeMinutes: notice },
  );
}

function formatNotice(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440} day${minutes === 1440 ? '' : 's'}`;
  if (minutes % 60 === 0) return `${minutes / 60} hour${minutes === 60 ? '' : 's'}`;
  return `${minutes} minutes`;
}
